import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, signInPage, startSite, type Site, withPage } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

/** A phone (375 px) in elder mode. */
async function phone(): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await ctx.addInitScript(() => localStorage.setItem('gz.elder', 'true'));
  return ctx;
}

describe('the charity bank', () => {
  // One flow in four steps, each its own test so a slow machine shows which step failed.
  it('a resident with earned points orders an item on the phone', async () => {
    // The demo resident has more than 100 hours of approved service in the seed (redemption unlocked).
    await withPage(await phone(), 'bank-resident-order', async (page) => {
      await signInPage(page, site.baseUrl, '13900000013');
      await page.getByTestId('home-bank').click();
      await page.getByTestId('my-bank').waitFor();
      const balance = async () => Number((await page.getByTestId('bank-balance').locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, ''));
      await expect.poll(balance).toBeGreaterThanOrEqual(100);
      const before = await balance();
      // Nothing wider than the phone, in elder mode.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      const item = page.getByTestId('bank-item-理发一次');
      await item.getByTestId('bank-order').click();
      const order = page.getByTestId('bank-my-order-理发一次');
      await expect.poll(() => order.getByTestId('bank-order-state').textContent()).toBe('待领取');
      await expect.poll(balance).toBe(before - 10);
    });
  }, 150_000);

  it('staff of the community hand the item over', async () => {
    await withPage(await browser.newContext({ viewport: { width: 1366, height: 860 } }), 'bank-staff-fulfil', async (page) => {
      await signInPage(page, site.baseUrl, '13900000005');
      await page.goto(`${site.baseUrl}/bank`);
      await page.getByTestId('bank-office').waitFor();
      await page.getByRole('tab', { name: '兑换订单' }).click();
      await page.getByTestId('bank-fulfil-理发一次').first().click();
      await expect.poll(() => page.getByTestId('bank-fulfil-理发一次').count()).toBe(0);
    });
  }, 150_000);

  it('the resident confirms receipt', async () => {
    await withPage(await phone(), 'bank-resident-confirm', async (page) => {
      await signInPage(page, site.baseUrl, '13900000013');
      await page.goto(`${site.baseUrl}/my-bank`);
      const order = page.getByTestId('bank-my-order-理发一次');
      await expect.poll(() => order.getByTestId('bank-order-state').textContent()).toBe('已发放，待确认');
      await order.getByTestId('bank-confirm').click();
      await expect.poll(() => order.getByTestId('bank-order-state').textContent()).toBe('已收到');
    });
  }, 150_000);

  it('shows the published honour roll to anyone, names masked', async () => {
    await withPage(await browser.newContext(), 'bank-public-roll', async (page) => {
      await page.goto(`${site.baseUrl}/public/bank/rankings`);
      await page.getByTestId('bank-rankings').waitFor();
      await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
      expect(await page.locator('.ant-table-row').first().textContent()).toContain('*');
    });
  }, 150_000);
});
