import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { createTestContext, type TestContext } from '../test/harness.ts';

// A built console as apps/web/vite.config.ts leaves it: every file with .br and .gz beside it.
const JS = `export const greeting = ${JSON.stringify('共治 '.repeat(400))};\n`;
const HTML = '<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';
const ASSET = '/assets/index-AbC123.js';
const CSS = '/assets/index-DeF456.css';
const CSS_TEXT = `.gz-report{padding:16px}\n${'.gz-step-title{font-size:1.2em}\n'.repeat(50)}`;
// An SVG is a document when opened on its own: it may carry script, so it keeps the page's policy.
const SVG = '/assets/logo-GhI789.svg';
const SVG_TEXT = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${'<rect width="1" height="1"/>'.repeat(40)}</svg>`;
const SW = 'self.addEventListener("fetch", () => {});\n';
const MANIFEST = JSON.stringify({ name: '共治', start_url: '/', display: 'standalone' });

let ctx: TestContext;
let app: FastifyInstance;
let dist: string;

function writeWithVariants(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
}

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-web-dist-'));
  writeWithVariants(path.join(dist, 'index.html'), HTML);
  writeWithVariants(path.join(dist, ASSET), JS);
  writeWithVariants(path.join(dist, CSS), CSS_TEXT);
  writeWithVariants(path.join(dist, SVG), SVG_TEXT);
  // The installable app's service worker and manifest, at the root as vite-plugin-pwa writes them.
  fs.writeFileSync(path.join(dist, 'sw.js'), SW);
  fs.writeFileSync(path.join(dist, 'manifest.webmanifest'), MANIFEST);
  ctx = await createTestContext();
  app = await buildApp({ db: ctx.database.db, vault: ctx.vault, storage: ctx.storage, dbKind: 'embedded', webDist: dist });
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

describe('the built console as the API serves it', () => {
  it('sends the brotli file to a browser that accepts br, decoding to the same script', async () => {
    const res = await get(ASSET, 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(JS);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(JS) / 4);
  });

  it('sends gzip to one that accepts only gzip, and the file itself to one that accepts neither', async () => {
    const gz = await get(ASSET, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(JS);
    for (const accept of ['identity', undefined]) {
      const plain = await get(ASSET, accept);
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      // Vary even on the plain answer, or a shared cache could hand it to a browser that accepts br.
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.body).toBe(JS);
    }
  });

  it('lets browsers keep hashed assets for a year without asking, whatever the encoding', async () => {
    for (const accept of ['br', 'gzip', 'identity']) {
      expect((await get(ASSET, accept)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('has index.html revalidated on every load, at / and for the app’s own routes, compressed too', async () => {
    for (const url of ['/', '/index.html', '/report', '/my-requests/42']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toBe(HTML);
    }
  });

  it('honours the browser’s preferences: br refused with q=0 gets gzip, gzip refused gets the file itself', async () => {
    const gz = await get(ASSET, 'br;q=0, gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(JS);
    const plain = await get(ASSET, 'gzip;q=0');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(JS);
  });

  it('compresses stylesheets too, immutable like scripts', async () => {
    const res = await get(CSS, 'br, gzip');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/css/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(CSS_TEXT);
  });

  it('never marks index.html immutable, and varies it by encoding like the assets', async () => {
    for (const accept of ['br', 'gzip', 'identity']) {
      const res = await get('/index.html', accept);
      expect(res.headers['cache-control'], accept).not.toMatch(/immutable|max-age=[1-9]/);
      expect(res.headers.vary, accept).toMatch(/accept-encoding/i);
    }
  });

  it('keeps the security headers on documents: the app page, its routes and an SVG opened on its own', async () => {
    for (const url of ['/', '/report', SVG]) {
      const res = await get(url, 'br');
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('sends hashed scripts and stylesheets without the headers only a document reads (a phone pays for each byte), keeping nosniff', async () => {
    for (const url of [ASSET, CSS]) {
      const res = await get(url, 'br');
      expect(res.headers['content-security-policy'], url).toBeUndefined();
      expect(res.headers['x-frame-options'], url).toBeUndefined();
      expect(res.headers['cross-origin-opener-policy'], url).toBeUndefined();
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['cross-origin-resource-policy'], url).toBe('same-origin');
    }
  });

  it('serves no compressed variant as a file of its own name', async () => {
    const res = await get(`${ASSET}.br`, 'identity');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.statusCode).toBe(404);
  });

  it('answers a missing asset with a coded 404, not the app page (a tab on an old build sees its chunk fail)', async () => {
    const res = await get('/assets/gone-0000000.js', 'br');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
    expect((await get('/some/app/route', 'identity')).headers['content-type']).toMatch(/^text\/html/);
  });

  it('serves the service worker and the app manifest revalidated on every load, with their own types, and lets the page use them', async () => {
    const sw = await get('/sw.js', 'br, gzip');
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    // A service worker kept by the HTTP cache would keep the phone on an old release.
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.body).toBe(SW);
    const manifest = await get('/manifest.webmanifest', 'identity');
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers['cache-control']).toBe('no-cache');
    const csp = String((await get('/', 'identity')).headers['content-security-policy']);
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("manifest-src 'self'");
  });
});
