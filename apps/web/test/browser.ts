import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp } from '../../api/src/app.ts';
import { createTestContext, type TestContext } from '../../api/test/harness.ts';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
/** Debian's Chromium; browser downloads do not work here, so the tests drive the system one. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The built console served by a real API on a free port, on a database of this test file's own. */
export interface Site { baseUrl: string; ctx: TestContext; close(): Promise<void> }

export async function startSite(): Promise<Site> {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) throw new Error('apps/web/dist is missing: run `npm run build -w @gongzhi/web` (npm run test:browser does)');
  const ctx = await createTestContext();
  // The site keeps the test context's clock, so a test can move the server's time (ctx.clock.offsetMs).
  const app = await buildApp({ db: ctx.database.db, vault: ctx.vault, storage: ctx.storage, dbKind: 'embedded', webDist, now: () => new Date(Date.now() + ctx.clock.offsetMs) });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: address, ctx, async close() { await app.close(); await ctx.close(); } };
}

/** Headless Chromium with the flags this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Signs in through the login page as a person would. */
export async function signInPage(page: Page, baseUrl: string, phone: string, password = 'gongzhi2026') {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-phone').fill(phone);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Saves a screenshot under the OS temp folder (for looking at a failure), returning its path. */
export async function snapshot(page: Page, name: string): Promise<string> {
  const file = path.join(os.tmpdir(), `gongzhi-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Runs a step on a new page of `ctx`, with a screenshot (see `snapshot`) if it fails; closes the context. */
export async function withPage(ctx: BrowserContext, name: string, run: (page: Page) => Promise<void>): Promise<void> {
  const page = await ctx.newPage();
  try {
    await run(page);
  } catch (err) {
    await snapshot(page, name);
    throw err;
  } finally {
    await ctx.close();
  }
}

/**
 * Picks `label` in the Ant Design select `testId` and waits until the select shows it and no dropdown is
 * left open (the next pick must not land in a closing one). Under load the dropdown can still be
 * animating when the option is clicked and the click is lost; the select then shows nothing, so the
 * pick is retried. What the select shows is read from its own text (antd 6 renders no
 * `.ant-select-selection-item` for a single select).
 */
export async function pickOption(page: Page, testId: string, label: string): Promise<void> {
  const select = page.getByTestId(testId);
  const open = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 0; attempt < 4; attempt++) {
    await expect.poll(() => open.count(), { timeout: 10_000 }).toBe(0);
    await select.click();
    const option = open.locator('.ant-select-item-option').filter({ hasText: label }).first();
    await option.waitFor({ state: 'visible', timeout: 10_000 });
    await option.click();
    try {
      await select.filter({ hasText: label }).waitFor({ timeout: 3000 });
      await expect.poll(() => open.count(), { timeout: 10_000 }).toBe(0);
      return;
    } catch { /* the click was lost while the dropdown was still animating: open it again */ }
  }
  throw new Error(`could not pick ${label} in ${testId}`);
}
