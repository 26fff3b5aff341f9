import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** How long a browser keeps a file whose name carries its content hash: a year, never revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Headers helmet puts on every answer that only mean something on a document (or a worker, which
 * takes its policy from its own script): a hashed script or stylesheet is never either. Dropped from
 * those, they would cost a phone about 600 bytes per file on every cold load, for nothing. Kept on
 * them: `x-content-type-options: nosniff` (which does guard scripts and styles),
 * `cross-origin-resource-policy` and `referrer-policy` (which apply to subresources).
 */
const DOCUMENT_ONLY_HEADERS = [
  'content-security-policy', 'cross-origin-opener-policy', 'origin-agent-cluster', 'x-frame-options', 'x-dns-prefetch-control',
  'x-download-options', 'x-permitted-cross-domain-policies', 'x-xss-protection',
] as const;

/**
 * Built files that are never rendered as a document: scripts, stylesheets, fonts (not SVG or HTML),
 * as sent or as their precompressed variant.
 */
const SUBRESOURCE = /\.(js|mjs|css|woff2?)(\.br|\.gz)?$/;

/**
 * Files under the build's assets/ carry a content hash in their names, so a browser may keep them for a
 * year without asking; everything else (index.html above all, which names the current hashes, and the
 * service worker sw.js and its manifest.webmanifest, which decide what the phone keeps offline) is
 * revalidated on every load, so a new release is picked up at once.
 */
export function webCacheControl(webDist: string, file: string): string {
  return path.relative(webDist, file).split(path.sep)[0] === 'assets' ? IMMUTABLE : 'no-cache';
}

/**
 * Serves the built console from `webDist` when it holds a build (returns whether it does). The build
 * writes .br and .gz beside each file (apps/web/vite.config.ts): the variant is picked by the request's
 * Accept-Encoding, with `vary: accept-encoding`, and the variants are no routes of their own.
 */
export async function serveWebBuild(app: FastifyInstance, webDist: string | undefined): Promise<boolean> {
  if (!webDist || !fs.existsSync(path.join(webDist, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: webDist, wildcard: false,
    preCompressed: true, globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: (reply, file) => {
      const cacheControl = webCacheControl(webDist, file);
      reply.header('cache-control', cacheControl);
      if (cacheControl === IMMUTABLE && SUBRESOURCE.test(file)) for (const h of DOCUMENT_ONLY_HEADERS) reply.removeHeader(h);
    },
  });
  return true;
}
