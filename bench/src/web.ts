import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { buildApp } from '@gongzhi/api/src/app.ts';
import type { Database } from '@gongzhi/api/src/platform/db/client.ts';
import type { Vault } from '@gongzhi/api/src/platform/crypto/vault.ts';
import { diskStorage } from '@gongzhi/api/src/platform/storage/storage.ts';
import { quantile, report } from './measure.ts';
import { onScratchServerDatabase } from './scratch.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webDist = path.join(repo, 'apps/web/dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The demo city's resident (see apps/api/src/seed/demo-city.ts). */
const RESIDENT = { phone: '13900000013', password: 'gongzhi2026' };
/** "Slow 4G" as Lighthouse throttles it: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up; a mid-range phone's CPU. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;
/** Issue 18's budget for a resident's phone page: JavaScript transferred on a cold load, and its largest paint. */
const BUDGET = { jsKb: 250, lcpMs: 2500 };

/** What one page load cost: JavaScript bytes over the wire, the largest paint, and asset requests that moved bytes. */
interface Load { jsBytes: number; lcpMs: number; assetsTransferred: number }

/** Records every response's type and bytes on the wire (headers included) for one page's loads. */
function watchNetwork(cdp: CDPSession) {
  const seen = new Map<string, { url: string; type: string; fromCache: boolean; bytes: number }>();
  cdp.on('Network.responseReceived', (e) => {
    seen.set(e.requestId, { url: e.response.url, type: e.type, fromCache: Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache), bytes: 0 });
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.fromCache = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  return {
    reset: () => seen.clear(),
    totals(): Omit<Load, 'lcpMs'> {
      let jsBytes = 0;
      let assetsTransferred = 0;
      for (const r of seen.values()) {
        if (r.type === 'Script') jsBytes += r.bytes;
        if (new URL(r.url).pathname.startsWith('/assets/') && !r.fromCache && r.bytes > 0) assetsTransferred++;
      }
      return { jsBytes, assetsTransferred };
    },
  };
}

/**
 * The largest contentful paint since navigation start, once the page has settled. The observer is
 * installed before any of the page's scripts run (the CSP forbids inline script tags).
 */
async function settledLcp(page: Page, ready: string): Promise<number> {
  await page.getByTestId(ready).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle', { timeout: 60_000 });
  // LCP candidates are final once nothing more paints; give the last frame a moment to land.
  await page.waitForTimeout(500);
  return page.evaluate(() => (window as unknown as { __gzLcp?: number }).__gzLcp ?? Number.NaN);
}

async function throttledPage(ctx: BrowserContext, identity: boolean) {
  await ctx.addInitScript(() => {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) (window as unknown as { __gzLcp?: number }).__gzLcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  // The baseline: the same build, sent as it would be without compression.
  if (identity) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'accept-encoding': 'identity' } });
  return { page, net: watchNetwork(cdp) };
}

/**
 * One cold load of `pathname` in a fresh phone-sized context (empty cache), then — when `warm` — a
 * second visit in the same context, counting the asset requests that moved bytes again.
 */
async function loadPage(browser: Browser, baseUrl: string, pathname: string, ready: string, opts: { identity: boolean; signIn: boolean }): Promise<Load> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3, locale: 'zh-CN' });
  try {
    if (opts.signIn) {
      // Through the API (shares the context's cookies), so no asset is cached before the measured load.
      const res = await ctx.request.post(`${baseUrl}/api/v1/session`, { data: RESIDENT });
      if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
    }
    const { page, net } = await throttledPage(ctx, opts.identity);
    await page.goto(`${baseUrl}${pathname}`);
    const lcpMs = await settledLcp(page, ready);
    const cold = net.totals();
    net.reset();
    await page.goto(`${baseUrl}${pathname}`);
    await settledLcp(page, ready);
    return { jsBytes: cold.jsBytes, lcpMs, assetsTransferred: net.totals().assetsTransferred };
  } finally {
    await ctx.close();
  }
}

const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);

/**
 * The resident's phone pages under "slow 4G" and a 4× slower CPU: JavaScript transferred on a cold
 * load and the largest contentful paint, for `/report` (signed in) and `/login`, each against issue 18's
 * budget (250 kB, 2.5 s: the baseline), with the same build sent uncompressed beside it (`uncompressed`);
 * and how many assets a warm revisit of `/report` fetches again.
 * Builds the web first, so the figures are for the sources as they are.
 */
export async function webBench(database: Database, vault: Vault, opts: { runs: number }) {
  execFileSync('npm', ['run', 'build', '-w', '@gongzhi/web'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-web-bench-'));
  const app = await buildApp({ db: database.db, vault, storage: diskStorage(uploads), dbKind: 'server', webDist }, { rateLimits: false });
  try {
    await measureWeb(await app.listen({ port: 0, host: '127.0.0.1' }), opts);
  } finally {
    await app.close();
    fs.rmSync(uploads, { recursive: true, force: true });
  }
}

/**
 * {@link webBench} in a fresh database seeded with the demo city on a PostgreSQL server
 * (BENCH_DATABASE_URL, else 127.0.0.1:5432); BENCH_WEB_RUNS loads of each page (default 3).
 * Skipped, with a note on stderr, where there is no Chromium.
 */
export async function webBenchOnServer(vault?: Vault) {
  if (!fs.existsSync(CHROMIUM)) {
    process.stderr.write(`no Chromium at ${CHROMIUM}; skipping the web figures\n`);
    return;
  }
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const probe = new pg.Client({ connectionString: admin });
  try {
    await probe.connect();
  } catch {
    process.stderr.write(`no PostgreSQL server at ${admin}; skipping the web figures\n`);
    return;
  } finally {
    await probe.end().catch(() => {});
  }
  await onScratchServerDatabase('web', (database, v) => webBench(database, v, { runs: Number(process.env.BENCH_WEB_RUNS ?? 3) }), vault);
}

/** The browser half of {@link webBench}, against a server already running at `baseUrl` with the demo city. */
export async function measureWeb(baseUrl: string, opts: { runs: number }) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const pages = [
      { name: 'report', pathname: '/report', ready: 'report-description', signIn: true },
      { name: 'login', pathname: '/login', ready: 'login-submit', signIn: false },
    ];
    for (const p of pages) {
      const now: Load[] = [];
      const before: Load[] = [];
      // Interleaved, so a busy moment on the machine falls on both sides alike.
      for (let i = 0; i < opts.runs; i++) {
        now.push(await loadPage(browser, baseUrl, p.pathname, p.ready, { identity: false, signIn: p.signIn }));
        before.push(await loadPage(browser, baseUrl, p.pathname, p.ready, { identity: true, signIn: p.signIn }));
      }
      // Against the budget (ratio ≤ 1 meets it); the same build sent uncompressed rides along for the trend.
      const extra = { runs: opts.runs, network: 'slow 4G (150 ms, 1.6 Mbit/s)', cpuSlowdown: CPU_SLOWDOWN, baselineIs: 'budget' };
      report(`web.${p.name}.js_kb`, 'kB', median(now.map((l) => l.jsBytes)) / 1000, BUDGET.jsKb, { ...extra, uncompressed: median(before.map((l) => l.jsBytes)) / 1000 });
      report(`web.${p.name}.lcp_ms`, 'ms', median(now.map((l) => l.lcpMs)), BUDGET.lcpMs, { ...extra, uncompressed: median(before.map((l) => l.lcpMs)) });
      if (p.name === 'report') {
        // Target 0; the baseline is the number of assets the cold load fetched.
        const warm = Math.max(...now.map((l) => l.assetsTransferred));
        report('web.report.warm_assets', 'requests', warm, Math.max(1, await coldAssetCount(browser, baseUrl, p)), { runs: opts.runs });
      }
    }
  } finally {
    await browser.close();
  }
}

/** How many assets a cold load of the page fetches (the warm-revisit figure's baseline). */
async function coldAssetCount(browser: Browser, baseUrl: string, p: { pathname: string; ready: string; signIn: boolean }) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  try {
    if (p.signIn) await ctx.request.post(`${baseUrl}/api/v1/session`, { data: RESIDENT });
    const page = await ctx.newPage();
    let n = 0;
    page.on('response', (r) => { if (new URL(r.url()).pathname.startsWith('/assets/')) n++; });
    await page.goto(`${baseUrl}${p.pathname}`);
    await page.getByTestId(p.ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    return n;
  } finally {
    await ctx.close();
  }
}
