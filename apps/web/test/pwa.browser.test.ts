import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signInPage, snapshot, startSite, type Site } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); }, 200_000);

const visitsWithNotes = async (notes: string) =>
  (await site.ctx.database.db.execute(sql`SELECT id::text FROM visits WHERE notes = ${notes}`)).rows as { id: string }[];

/** Waits until the service worker has installed (the app shell is cached) and controls the page. */
async function serviceWorkerInCharge(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
}

/** The URLs the service worker keeps of the worker's data (the cache signing out must empty). */
const cachedData = (page: Page) => page.evaluate(async () =>
  (await caches.has('gz-data-v1')) ? (await (await caches.open('gz-data-v1')).keys()).map((r) => new URL(r.url).pathname) : []);

describe('the grid worker’s pages as an installed app', () => {
  it('open after a reload with no network, keep recording visits, sync them when back online, and forget the data on sign-out', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    const notes = `断网重开后走访 ${Date.now()}：独居老人，一切安好`;
    try {
      // Installable: the page names its manifest, and the manifest what a phone needs to install it.
      await signInPage(page, site.baseUrl, '13900000006');
      const manifest = await (await page.request.get(`${site.baseUrl}/manifest.webmanifest`)).json() as Record<string, unknown>;
      expect(manifest).toMatchObject({ name: '共治', start_url: '/', display: 'standalone' });
      expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');

      await page.goto(`${site.baseUrl}/visits`);
      await serviceWorkerInCharge(page);
      // Opened once more under the service worker, as on any later day: the session and list are kept.
      await page.reload();
      await page.getByTestId('visit-household').first().waitFor();
      const householdId = await page.getByTestId('visit-household').first().getAttribute('data-household');
      await page.getByTestId('visit-open').first().click();
      const address = await page.getByTestId('visit-form-address').textContent();
      expect(address).toBeTruthy();
      await page.goto(`${site.baseUrl}/tasks`);
      await page.getByTestId('inbox-page').waitFor();
      // The service worker stores an answer after handing it to the page: wait for the last one to land.
      await expect.poll(() => cachedData(page)).toEqual(expect.arrayContaining(['/api/v1/session', '/api/v1/visits/list', '/api/v1/instructions/inbox']));

      // No network, and the page reloads: the app, the session, the list and the tasks are still there.
      await ctx.setOffline(true);
      // Renamed on the server meanwhile: what the phone shows offline is its own copy, not the network's.
      const userId = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('gz.visits.list.'))!.slice('gz.visits.list.'.length));
      await site.ctx.database.db.execute(sql`UPDATE users SET name = name || '·新' WHERE id = ${userId}`);
      const sessionSeen = () => page.evaluate(() => fetch('/api/v1/session').then((r) => r.text()));
      await page.reload();
      await page.getByTestId('inbox-page').waitFor();
      await page.goto(`${site.baseUrl}/visits`);
      await page.locator(`[data-household="${householdId}"]`).waitFor();
      expect(await page.getByTestId('visit-online').getAttribute('data-online')).toBe('false');
      await page.goto(`${site.baseUrl}/visits/h/${householdId}`);
      expect(await page.getByTestId('visit-form-address').textContent()).toBe(address);
      expect(await sessionSeen()).not.toContain('·新');

      // A visit recorded offline waits on the phone, and reaches the server once the network is back.
      await page.getByTestId('visit-notes').fill(notes);
      await page.getByTestId('visit-save').click();
      await page.getByTestId('visit-list-page').waitFor();
      await expect.poll(() => page.getByTestId('visit-queue-count').getAttribute('data-count')).toBe('1');
      expect(await visitsWithNotes(notes)).toHaveLength(0);
      await ctx.setOffline(false);
      await expect.poll(async () => (await visitsWithNotes(notes)).length, { timeout: 15_000 }).toBe(1);
      await page.getByTestId('visit-queue').waitFor({ state: 'detached' });
      // Online, the network answers first (the cached copy is only for when it cannot).
      expect(await sessionSeen()).toContain('·新');

      // Signing out drops the cached data: offline, the next person on this phone gets the sign-in page.
      await page.getByRole('button', { name: '打开菜单' }).click();
      await page.getByTestId('menu-account').getByTestId('sign-out').click();
      await page.waitForURL((url) => url.pathname.startsWith('/login'));
      expect(await cachedData(page)).toEqual([]);
      await ctx.setOffline(true);
      await page.goto(`${site.baseUrl}/visits`);
      await page.waitForURL((url) => url.pathname.startsWith('/login'));
      await page.getByTestId('login-phone').waitFor();
    } catch (err) {
      await snapshot(page, 'pwa-offline-reload');
      throw err;
    } finally {
      await ctx.close();
    }
  });
});
