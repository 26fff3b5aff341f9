import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signInPage, startSite, type Site, withPage } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

const phone = () => browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
const desktop = () => browser.newContext({ viewport: { width: 1366, height: 900 } });
/** The machine is shared: sign-ins (password hashing) and page loads can take long under load. */
const SLOW = 300_000;
const NEED = '十二月党员先锋岗：小区消防通道巡查';

describe('party members: report, confirm, claim, done, 1112, red and black lists', () => {
  it('a party member reports from the resident home on a phone', async () => {
    await withPage(await phone(), 'party-report', async (page) => {
      page.setDefaultTimeout(120_000);
      await signInPage(page, site.baseUrl, '13900000012');
      await page.getByTestId('home-party').click();
      await page.getByTestId('party-report-form').waitFor();
      await page.getByTestId('party-employer').fill('成都市第一人民医院');
      await page.getByTestId('party-org').fill('市一医院内科党支部');
      await page.getByTestId('party-contact').fill('李老师 028-80000001');
      await page.getByTestId('party-skills').fill('测血压、健康讲座');
      await page.getByTestId('party-report-submit').click();
      await page.getByTestId('party-submitted').waitFor();
    });
  }, SLOW);

  it('the resident without the grant has no party tile', async () => {
    await withPage(await phone(), 'party-no-tile', async (page) => {
      page.setDefaultTimeout(120_000);
      await signInPage(page, site.baseUrl, '13900000013');
      await page.getByTestId('resident-home').waitFor();
      expect(await page.getByTestId('home-party').count()).toBe(0);
    });
  }, SLOW);

  it('the secretary confirms the report and the worker publishes a need', async () => {
    await withPage(await desktop(), 'party-confirm', async (page) => {
      page.setDefaultTimeout(120_000);
      await signInPage(page, site.baseUrl, '13900000004');
      await page.goto(`${site.baseUrl}/party/manage`);
      await page.getByTestId('party-reports').getByText('市一医院内科党支部').waitFor();
      await page.getByTestId('party-confirm').first().click();
      await expect.poll(() => page.getByTestId('party-confirm').count(), { timeout: 120_000 }).toBe(0);
    });
    await withPage(await desktop(), 'party-need', async (page) => {
      page.setDefaultTimeout(120_000);
      await signInPage(page, site.baseUrl, '13900000005');
      await page.goto(`${site.baseUrl}/party/manage`);
      await page.getByRole('tab', { name: '需求清单' }).click();
      await page.getByTestId('party-need-add').click();
      await page.getByTestId('party-need-title').fill(NEED);
      await page.getByTestId('party-need-when').fill('12月20日 9:00–11:00');
      await page.getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.getByTestId('party-staff-need').filter({ hasText: NEED }).waitFor();
    });
  }, SLOW);

  it('the member sees the card and claims the need; the worker marks it done; the member’s progress shows 1/12', async () => {
    await withPage(await phone(), 'party-claim', async (page) => {
      page.setDefaultTimeout(120_000);
      await signInPage(page, site.baseUrl, '13900000012');
      await page.goto(`${site.baseUrl}/party`);
      await page.getByTestId('party-card').waitFor();
      expect(await page.getByTestId('party-card-no').textContent()).toMatch(/^\d{12}-\d{4}-\d{4}$/);
      await page.getByTestId('party-card-qr').waitFor();
      await page.getByTestId('party-need').filter({ hasText: NEED }).getByTestId('party-claim').click();
      await page.getByTestId('party-need').filter({ hasText: NEED }).getByText('已认领').waitFor();
      expect(await page.getByTestId('party-progress').textContent()).toContain('0 / 12');
    });
    await withPage(await desktop(), 'party-done', async (page) => {
      page.setDefaultTimeout(120_000);
      await signInPage(page, site.baseUrl, '13900000005');
      await page.goto(`${site.baseUrl}/party/manage`);
      await page.getByRole('tab', { name: '需求清单' }).click();
      const card = page.getByTestId('party-staff-need').filter({ hasText: NEED });
      await card.getByTestId('party-mark-done').click();
      await card.getByText('已完成').waitFor();
    });
    await withPage(await phone(), 'party-progress', async (page) => {
      page.setDefaultTimeout(120_000);
      await signInPage(page, site.baseUrl, '13900000012');
      await page.goto(`${site.baseUrl}/party`);
      await expect.poll(async () => page.getByTestId('party-progress').textContent(), { timeout: 120_000 }).toContain('1 / 12');
      expect(await page.getByTestId('party-points').textContent()).toBe('2');
    });
  }, SLOW);

  it('the secretary publishes the half-year’s red and black lists and the public page shows them, names masked', async () => {
    await withPage(await desktop(), 'party-rankings', async (page) => {
      page.setDefaultTimeout(120_000);
      await signInPage(page, site.baseUrl, '13900000004');
      await page.goto(`${site.baseUrl}/party/manage`);
      await page.getByRole('tab', { name: '红黑榜' }).click();
      await page.getByTestId('party-rankings-publish').click();
      await page.getByText('红黑榜已发布').waitFor();
    });
    await withPage(await phone(), 'party-public', async (page) => {
      page.setDefaultTimeout(120_000);
      await page.goto(`${site.baseUrl}/public/party-rankings`);
      const newest = page.getByTestId('party-ranking').first();
      await newest.waitFor();
      const red = newest.getByTestId('party-red');
      await red.locator('tbody tr').first().waitFor();
      const names = await red.locator('tbody tr td:nth-child(2)').allTextContents();
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(n).toContain('*');
    });
  }, SLOW);
});
