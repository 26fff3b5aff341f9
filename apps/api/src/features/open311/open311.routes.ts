import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { ERRORS, errorMessage, negotiateLanguage, type ErrorCode } from '@gongzhi/contracts';
import type { CreateRequestBody } from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { locate } from '../org/region.service.ts';
import { intake } from '../requests/intake.service.ts';
import { fail, Open311Error, sendAs, sendErrors, splitFormat, type Bilingual, type Format } from './open311.format.ts';
import { flatArgs, parseListQuery, parsePost, reporterName } from './open311.input.ts';
import { districtExists, resolveJurisdiction } from './open311.jurisdiction.ts';
import { open311Actor, resolveOpen311Key } from './open311.keys.ts';
import { open311KeyRoutes } from './open311.console.routes.ts';
import {
  presentService, presentServiceRequest, w3,
} from './open311.presenter.ts';
import { catalogueChangedAt, findCatalogue, findServiceRequest, findServiceRequests } from './open311.service.ts';

/** Where GeoReport v2 is served. */
export const OPEN311_PREFIX = '/open311/v2';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** discovery's changeset before any catalogue exists: when this endpoint was introduced. */
const FIRST_CHANGESET = new Date('2026-01-01T00:00:00+08:00');

const LISTS = { root: 'service_requests', item: 'request' } as const;

/** The format of an error answer: the extension asked for, else XML (the one format the specification requires). */
function formatOfUrl(url: string): Format {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.json') ? 'json' : 'xml';
}

/** The Open311 status of an error of ours: 404 for what does not exist, 403 for refusals, 400 for the rest. */
function statusOf(code: ErrorCode): 400 | 403 | 404 {
  if (code === 'CATEGORY_UNKNOWN') return 404; // "404 - service_code … was not found"
  const s = ERRORS[code].status;
  return s === 404 ? 404 : s === 403 ? 403 : 400;
}

/** Our messages in the specification's words, where its field names help the client. */
const SPEC_WORDS: Partial<Record<ErrorCode, Bilingual>> = {
  CATEGORY_UNKNOWN: { 'zh-CN': '找不到 service_code：{code}', en: 'service_code {code} was not found' },
  LOCATION_OUTSIDE: { 'zh-CN': 'lat/long 不在本辖区任何网格内', en: 'lat/long is outside every grid of the jurisdiction' },
  LOCATION_REQUIRED: { 'zh-CN': '请提供位置：lat 和 long、address_string 或 address_id', en: 'A location is required: lat & long, address_string or address_id' },
};

/**
 * GeoReport v2 (Open311) at /open311/v2/: discovery, services, service definitions, requests (GET
 * and POST), one request, tokens — JSON or XML by extension, errors as the specification's arrays.
 * Nothing here uses the console's session: reading is public, and POST is authorised by `api_key`.
 */
async function geoReport(app: FastifyInstance, deps: AppDeps) {
  const { db, vault } = deps;
  const now = clockOf(deps);
  const lang = (request: FastifyRequest) => negotiateLanguage(request.headers['accept-language']);

  // GeoReport has its own specification; the console's OpenAPI document leaves these routes out.
  app.addHook('onRoute', (route) => { route.schema = { ...route.schema, hide: true }; });

  // The specification's POST is a form; Fastify parses only JSON by itself.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((err: FastifyError | AppError | Open311Error | Error, request, reply) => {
    const format = formatOfUrl(request.url);
    const l = lang(request);
    if (err instanceof Open311Error) return sendErrors(reply, format, err.status, err.messages.map((m) => m[l]));
    if (err instanceof AppError) {
      const words = SPEC_WORDS[err.code];
      const description = words ? words[l].replace(/\{(\w+)\}/g, (_, k: string) => String(err.params[k] ?? '')) : errorMessage(err.code, l, err.params);
      return sendErrors(reply, format, statusOf(err.code), [description]);
    }
    const fe = err as FastifyError;
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendErrors(reply, format, 400, [l === 'en' ? `The request is invalid (${fe.code ?? fe.statusCode})` : `请求无效（${fe.code ?? fe.statusCode}）`]);
    }
    // "400 - General Service Error (any failure during request processing)", as the specification says.
    request.log.error({ err }, 'open311 failure');
    return sendErrors(reply, format, 400, [l === 'en' ? 'General service error; please try again later' : '服务出错，请稍后再试']);
  });

  app.setNotFoundHandler((request, reply) => sendErrors(reply, formatOfUrl(request.url), 404,
    [lang(request) === 'en' ? 'No such Open311 resource' : '没有这个 Open311 资源']));

  /** The district a list or catalogue call is about: `jurisdiction_id`, or the only district there is. */
  const jurisdiction = async (asked: string | undefined): Promise<string> => {
    const j = await resolveJurisdiction(db, asked);
    if (j.ok) return j.code;
    if (j.reason === 'unknown') fail(404, `找不到 jurisdiction_id：${asked}`, `jurisdiction_id ${asked} was not found`);
    return fail(400, '缺少 jurisdiction_id（本平台服务多个区）', 'jurisdiction_id was not provided (this endpoint serves several districts)');
  };
  /** The `{id}.{format}` of a path, or 404 for any other extension. */
  const file = (segment: string) => splitFormat(segment) ?? fail(404, '只支持 .json 和 .xml', 'Only .json and .xml are served');

  for (const format of ['json', 'xml'] as const) {
    app.get(`/discovery.${format}`, { config: { access: 'public' } }, async (request, reply) => {
      const changeset = w3(await catalogueChangedAt(db, null) ?? FIRST_CHANGESET);
      const en = lang(request) === 'en';
      return sendAs(reply, format, { root: 'discovery', item: null }, {
        changeset,
        contact: en ? 'Contact the district office that issued your api_key, or the platform administrator.' : '请联系为您签发 api_key 的区级部门或平台管理员。',
        key_service: en
          ? 'api_keys are issued per district by its district officers or a system administrator (console API: POST /api/v1/open311/keys), or on the server with `npx gongzhi open311-key create <name>`.'
          : 'api_key 按区签发：由该区区级干部或系统管理员创建（控制台接口 POST /api/v1/open311/keys），或在服务器上运行 `npx gongzhi open311-key create <名称>`。',
        endpoints: [{
          specification: SPECIFICATION, url: `${request.protocol}://${request.host}${OPEN311_PREFIX}`, changeset, type: 'production',
          formats: ['text/xml', 'application/json'],
        }],
      });
    });

    app.get(`/services.${format}`, { config: { access: 'public' } }, async (request, reply) => {
      const args = flatArgs(request.query);
      const district = await jurisdiction(args.jurisdiction_id);
      return sendAs(reply, format, { root: 'services', item: 'service' }, (await findCatalogue(db, district)).map((c) => presentService(c, lang(request))));
    });

    app.get(`/requests.${format}`, { config: { access: 'public' } }, async (request, reply) => {
      const args = flatArgs(request.query);
      const district = await jurisdiction(args.jurisdiction_id);
      const rows = await findServiceRequests(db, district, parseListQuery(args, now()));
      return sendAs(reply, format, LISTS, rows.map((r) => presentServiceRequest(r, lang(request))));
    });

    // An Open311 client's retry has no Idempotency-Key convention; keyed by address alone, a stored
    // answer could go to another client behind the same address. Each POST simply runs.
    app.post(`/requests.${format}`, { config: { access: 'public', idempotency: false } }, async (request, reply) => {
      const l = lang(request);
      const args = flatArgs(request.query, request.body);
      if (!args.api_key) fail(403, '缺少 api_key', 'api_key was not provided');
      const client = await resolveOpen311Key(db, args.api_key);
      if (!client) fail(403, 'api_key 无效或已撤销', 'Invalid api_key received -- cannot proceed with create_request');
      const district = client.districtCode;
      if (args.jurisdiction_id !== undefined && args.jurisdiction_id !== district) {
        if (!(await districtExists(db, args.jurisdiction_id))) fail(404, `找不到 jurisdiction_id：${args.jurisdiction_id}`, `jurisdiction_id ${args.jurisdiction_id} was not found`);
        fail(403, `该 api_key 不能向 ${args.jurisdiction_id} 提交`, `This api_key is not valid for jurisdiction_id ${args.jurisdiction_id}`);
      }
      const f = parsePost(args);
      // A key files into its own district only: a point in another district is outside this jurisdiction.
      if (f.lat !== undefined && f.long !== undefined) {
        const hit = await locate(db, f.lat, f.long);
        if (!hit) throw new AppError('LOCATION_OUTSIDE');
        if (hit.districtCode !== district) fail(400, 'lat/long 不在本辖区内', 'lat/long is not within the jurisdiction');
      }
      const [service] = (await findCatalogue(db, district, f.service_code)).map((c) => presentService(c, l));
      if (!service) throw new AppError('CATEGORY_UNKNOWN', { code: f.service_code });
      const body: CreateRequestBody = {
        // Description is optional in GeoReport; ours is not, so a bare report is described by its service.
        description: f.description?.trim() || service.service_name,
        categoryCode: f.service_code, lat: f.lat, lng: f.long, anonymous: false,
        // Without an address register, an address_id is kept as text for staff placing the request.
        address: f.address_string ?? (f.address_id ? `address_id ${f.address_id}` : undefined),
      };
      const { row } = await intake(db, vault, open311Actor(client, request.ip), body, {
        channel: 'open311', districtCode: district, reporterName: reporterName(f.first_name, f.last_name), reporterPhone: f.phone, now: now(),
      });
      const due = w3(row.respondDueAt);
      return sendAs(reply, format, LISTS, [{
        service_request_id: row.publicId,
        service_notice: l === 'en' ? `Received; a response is due by ${due}.` : `已收到，最迟于 ${due} 前响应。`,
      }]);
    });
  }

  app.get<{ Params: { file: string } }>('/services/:file', { config: { access: 'public' } }, async (request, reply) => {
    const { name, format } = file(request.params.file);
    const district = await jurisdiction(flatArgs(request.query).jurisdiction_id);
    const [service] = (await findCatalogue(db, district, name)).map((c) => presentService(c, lang(request)));
    if (!service) fail(404, `找不到 service_code：${name}`, `service_code ${name} was not found`);
    // Our categories have no extra fields: the definition's attribute list is empty (metadata is false).
    return sendAs(reply, format, { root: 'service_definition', item: null }, { service_code: service.service_code, attributes: [] });
  });

  /** One request by its id; ids are unique on the platform, so jurisdiction_id only narrows it. */
  const oneRequest = async (request: FastifyRequest<{ Params: { file: string } }>) => {
    const { name, format } = file(request.params.file);
    const asked = flatArgs(request.query).jurisdiction_id;
    const row = await findServiceRequest(db, asked === undefined ? null : await jurisdiction(asked), name);
    return { row, name, format };
  };

  // `requests/{id}` is the specification's path; the community's swagger.json writes `request/{id}`.
  for (const path of ['/requests/:file', '/request/:file']) {
    app.get<{ Params: { file: string } }>(path, { config: { access: 'public' } }, async (request, reply) => {
      const { row, name, format } = await oneRequest(request);
      if (!row) fail(404, `找不到 service_request_id：${name}`, `service_request_id ${name} was not found`);
      return sendAs(reply, format, LISTS, [presentServiceRequest(row, lang(request))]);
    });
  }

  // We create requests synchronously and POST returns the service_request_id, never a token (the
  // specification allows one or the other). For clients that look a token up anyway, the token of a
  // request filed through Open311 is its id; any other token is unknown.
  app.get<{ Params: { file: string } }>('/tokens/:file', { config: { access: 'public' } }, async (request, reply) => {
    const { row, name, format } = await oneRequest(request);
    if (!row || row.channel !== 'open311') fail(404, `找不到 token：${name}`, `token ${name} was not found`);
    return sendAs(reply, format, LISTS, [{ service_request_id: row.publicId, token: row.publicId }]);
  });
}

/**
 * Registers GeoReport v2 at /open311/v2/ (its own error format, not the console's) and the console's
 * key management under /api/v1/open311/keys.
 */
export async function open311Routes(app: FastifyInstance, deps: AppDeps) {
  await app.register(async (child) => geoReport(child, deps), { prefix: OPEN311_PREFIX });
  await open311KeyRoutes(app, deps);
}
