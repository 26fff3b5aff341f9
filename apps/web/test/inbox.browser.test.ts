import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signIn } from '../../api/test/harness.ts';
import { launchBrowser, signInPage, startSite, type Site, withPage } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

/** A phone in elder mode. */
async function phone(): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await ctx.addInitScript(() => localStorage.setItem('gz.elder', 'true'));
  return ctx;
}

/** The number on the bell, as the page shows it now. */
const bell = async (page: Page) => Number(await page.getByTestId('inbox-count').getAttribute('data-count'));

describe('each person’s inbox and start page', () => {
  it('tells a resident on the bell that staff sorted their request; the message opens the request', async () => {
    await withPage(await phone(), 'inbox-resident', async (page) => {
      await signInPage(page, site.baseUrl, '13900000013');
      await page.getByTestId('resident-home').waitFor();
      await page.getByTestId('home-inbox').waitFor();
      // The bell fits the phone's one-row top bar, in elder mode too.
      expect(await page.getByTestId('app-header').evaluate((e) => e.getBoundingClientRect().height)).toBeLessThanOrEqual(80);
      const before = await bell(page);

      // The resident raises a request (through the API, as the report page does) and a worker sorts it.
      const resident = await signIn(site.ctx.app, '13900000013');
      const worker = await signIn(site.ctx.app, '13900000005');
      const made = await resident.request('POST', '/api/v1/requests', { description: '楼道灯坏了一个多星期，晚上上下楼看不见，老人容易摔倒', lat: 30.6581, lng: 104.0796 });
      expect(made.statusCode).toBe(201);
      const r = made.json() as { id: string; number: string };
      expect((await worker.request('POST', `/api/v1/requests/${r.id}/events`, { event: 'sort', matter: 'big', categoryCode: 'street_order' })).statusCode).toBe(200);

      // The bell asks again when the page comes back into view (and every 30 s anyway).
      await page.evaluate(() => { window.dispatchEvent(new Event('focus')); document.dispatchEvent(new Event('visibilitychange')); });
      await expect.poll(() => bell(page), { timeout: 40_000, interval: 500 }).toBeGreaterThanOrEqual(before + 2);

      await page.getByTestId('inbox-bell').click();
      await page.getByTestId('messages-page').waitFor();
      const sorted = page.locator('[data-testid="message-item"][data-template="request.sort"]').first();
      expect(await sorted.getAttribute('data-unread')).toBe('true');
      expect(await sorted.textContent()).toContain(r.number);
      await sorted.click();
      await page.waitForURL((url) => url.pathname === `/my-requests/${r.id}`);
      await expect.poll(() => page.getByTestId('request-number').textContent()).toContain(r.number);
      await expect.poll(() => bell(page)).toBe(before + 1);

      // 全部已读, after a confirmation.
      await page.getByTestId('inbox-bell').click();
      await page.getByTestId('messages-read-all').click();
      await page.getByTestId('messages-read-all-ok').click();
      await expect.poll(() => bell(page)).toBe(0);
    });
  });

  it('lands a grid worker on their visits, not the request queue', async () => {
    await withPage(await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }), 'inbox-grid', async (page) => {
      await signInPage(page, site.baseUrl, '13900000006');
      await page.getByTestId('visit-list-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/visits');
    });
  });

  it('shows an owner their open assembly vote on the start page, one tap from the ballot', async () => {
    await withPage(await phone(), 'inbox-owner', async (page) => {
      await signInPage(page, site.baseUrl, '13900000014');
      await page.getByTestId('resident-home').waitFor();
      const vote = page.getByTestId('home-vote').first();
      await vote.waitFor();
      await vote.click();
      await page.getByTestId('assembly-page').waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/assemblies\/[0-9a-f-]{36}$/);
    });
  });
});
