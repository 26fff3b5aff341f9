import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from './platform/deps.ts';
import { installErrorHandler, sendError } from './platform/errors/error-handler.ts';
import { answerClientError } from './platform/errors/client-error.ts';
import { authPlugin } from './platform/auth/auth.plugin.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import type { Directory } from './platform/auth/directory.ts';
import { idempotencyPlugin } from './platform/http/idempotency.plugin.ts';
import { MAX_BODY_BYTES, MAX_UPLOAD_BYTES } from './platform/http/limits.ts';
import { auditRoutes } from './platform/audit/audit.routes.ts';
import { installRouteAccess } from './platform/authz/route-access.ts';
import { installTextNormalisation } from './platform/http/text.ts';
import { ERROR_SCHEMA_NAME, errorComponent, openapiTransform } from './platform/http/openapi.ts';
import { privacyRoutes } from './features/privacy/privacy.routes.ts';
import { orgRoutes } from './features/org/org.routes.ts';
import { regionNameOf } from './features/org/region.service.ts';
import { organisationNameOf, organisationPathOf } from './features/org/organisation.service.ts';
import { peopleRoutes } from './features/org/people.routes.ts';
import { importRoutes } from './features/org/import.routes.ts';
import { userRoutes } from './features/users/users.routes.ts';
import { accountRoutes } from './features/users/account.routes.ts';
import { requestRoutes } from './features/requests/requests.routes.ts';
import { catalogueRoutes } from './features/requests/catalogue.routes.ts';
import { open311Routes } from './features/open311/open311.routes.ts';
import { councilRoutes } from './features/councils/councils.routes.ts';
import { noticeRoutes } from './features/councils/notice.routes.ts';
import { noticesRoutes } from './features/notices/notices.routes.ts';
import { panelsRoutes } from './features/panels/panels.routes.ts';
import { registerNoticeKinds } from './timers.ts';
import { assemblyRoutes } from './features/assembly/assembly.routes.ts';
import { instructionRoutes } from './features/instructions/instructions.routes.ts';
import { fundRoutes } from './features/funds/funds.routes.ts';
import { partyRoutes } from './features/party/party.routes.ts';
import { fundPublicRoutes } from './features/funds/funds.public.routes.ts';
import { visitRoutes } from './features/visits/visits.routes.ts';
import { volunteerRoutes } from './features/volunteers/volunteers.routes.ts';
import { inboxRoutes } from './features/inbox/inbox.routes.ts';
import { projectRoutes } from './features/projects/projects.routes.ts';
import { moneyRoutes } from './features/projects/money.routes.ts';
import { deliveryRoutes } from './features/projects/delivery.routes.ts';
import { tenderRoutes } from './features/projects/tender.routes.ts';
import { bankRoutes } from './features/bank/bank.routes.ts';
import { activityRoutes } from './features/activities/activities.routes.ts';
import { serveWebBuild } from './web-static.ts';

/** Sign-in's view of regions and organisations, from the org feature: the platform names no feature. */
const directory: Directory = { regionNameOf, organisationNameOf, organisationPathOf };

/**
 * Builds the whole HTTP application without listening: `serve` listens on it, tests `inject()` into it,
 * benchmarks drive it in-process.
 */
export async function buildApp(deps: AppDeps, opts: {
  logger?: FastifyServerOptions['logger'];
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Off only for load benchmarks, which send thousands of requests from one account on purpose. */
  rateLimits?: boolean;
} = {}): Promise<FastifyInstance> {
  // What each kind of public notice does when it settles or an objection is upheld.
  registerNoticeKinds();
  // Client addresses (rate limits, audit) come from X-Forwarded-For only behind a proxy we were told to trust.
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: MAX_BODY_BYTES, trustProxy: opts.trustProxy ?? false,
    // The router's own refusals (a path parameter over 100 characters, a malformed URL) answer in the API's error format too.
    frameworkErrors: (err, request, reply) => sendError(request, reply, 'BAD_REQUEST', {}, { reason: err.code }),
    // Requests Node's HTTP parser cannot read never reach a route: answered in the same format.
    clientErrorHandler: answerClientError }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installRouteAccess(app);
  installTextNormalisation(app);

  await app.register(cookie);
  // Security headers on every answer; the CSP fits the Vite build (module scripts from 'self', antd's
  // CSS-in-JS needs inline styles; the service worker and the web app manifest of the installable app
  // come from 'self' too). HSTS is for the TLS-terminating proxy to decide.
  await app.register(helmet, {
    hsts: false,
    contentSecurityPolicy: { directives: {
      'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'], 'connect-src': ["'self'"], 'object-src': ["'none'"], 'base-uri': ["'self'"], 'form-action': ["'self'"],
      'worker-src': ["'self'"], 'manifest-src': ["'self'"], 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null,
    } },
    referrerPolicy: { policy: 'same-origin' },
  });
  if (opts.rateLimits !== false) await app.register(rateLimit, { global: false, errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: ctx.statusCode }) });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 }, throwFileSizeLimit: true });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gongzhi 共治 API', version: '1',
        description: 'Community co-governance platform. Errors: `{ error: { code, message, details } }`; messages follow Accept-Language (zh-CN default, en).',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      // Relative: the document describes whichever server serves it.
      servers: [{ url: '/', description: 'this server' }],
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gz_session' }, bearer: { type: 'http', scheme: 'bearer' } },
        schemas: { [ERROR_SCHEMA_NAME]: errorComponent as Record<string, unknown> },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: openapiTransform as never,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(authPlugin, { ...deps, directory });
  await app.register(idempotencyPlugin, deps);

  app.get('/api/health', { config: { access: 'public' }, schema: { tags: ['platform'], summary: 'Liveness and database kind', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['embedded', 'server']) }) } } },
    async () => {
      await deps.db.execute('select 1');
      return { status: 'ok' as const, database: deps.dbKind };
    });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => {
    await authRoutes(api, { ...deps, directory });
    await orgRoutes(api, deps);
    await peopleRoutes(api, deps);
    await importRoutes(api, deps);
    await userRoutes(api, deps);
    await accountRoutes(api, { ...deps, directory });
    await auditRoutes(api, deps);
    await requestRoutes(api, deps);
    await catalogueRoutes(api, deps);
    await open311Routes(api, deps);
    await privacyRoutes(api, deps);
    await councilRoutes(api, deps);
    await noticeRoutes(api, deps);
    await noticesRoutes(api, deps);
    await panelsRoutes(api, deps);
    await assemblyRoutes(api, deps);
    await instructionRoutes(api, deps);
    await fundRoutes(api, deps);
    await partyRoutes(api, deps);
    await fundPublicRoutes(api, deps);
    await visitRoutes(api, deps);
    await volunteerRoutes(api, deps);
    await inboxRoutes(api, deps);
    await projectRoutes(api, deps);
    await moneyRoutes(api, deps);
    await deliveryRoutes(api, deps);
    await tenderRoutes(api, deps);
    await bankRoutes(api, deps);
    await activityRoutes(api, deps);
  });

  // The built console (apps/web/dist), compressed and cached as web-static.ts says.
  const serveWeb = await serveWebBuild(app, deps.webDist);
  // The console is a single-page app: unknown non-API GETs get its index.html; the rest a coded 404.
  // A missing /assets/ file is a 404 too: a tab still open on an old build must see its chunk fail
  // (and reload), not receive index.html as if it were the script.
  app.setNotFoundHandler((request, reply) => {
    const api = request.url.startsWith('/api/') || request.url.startsWith('/open311/') || request.url.startsWith('/assets/');
    if (!serveWeb || api || request.method !== 'GET') return sendError(request, reply, 'ROUTE_NOT_FOUND');
    return reply.sendFile('index.html');
  });
  return app;
}
