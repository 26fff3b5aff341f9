import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signInPage, startSite, type Site, withPage } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

const desktop = () => browser.newContext({ viewport: { width: 1366, height: 900 } });

/** A meeting time one hour ahead (too soon for any council), as the datetime-local input wants it (China time). */
function inAnHour(): string {
  const d = new Date(Date.now() + 3_600_000 + 8 * 3_600_000);
  return d.toISOString().slice(0, 16);
}

describe('small things on the assembly, categories and council pages (issue 15 · item 17)', () => {
  it('says results are not published yet, and the assembly page shows no form hint', async () => {
    const [a] = (await site.ctx.database.pool.query<{ id: string }>("SELECT id FROM assemblies WHERE results_published_at IS NULL LIMIT 1")).rows;
    await withPage(await desktop(), 'assembly-not-published', async (page) => {
      await page.goto(`${site.baseUrl}/public/assemblies/${a!.id}`);
      await page.getByTestId('assembly-not-published').waitFor();
      const text = await page.getByTestId('assembly-public').innerText();
      expect(text).toContain('结果尚未公布');
      expect(text).not.toContain('出错了');
      await signInPage(page, site.baseUrl, '13900000005');
      await page.goto(`${site.baseUrl}/assemblies/${a!.id}`);
      await page.getByText('公告时间', { exact: true }).waitFor();
      expect(await page.locator('body').innerText()).not.toContain('留空即现在公告');
    });
  });

  it('shows category names, and the edit form only to those who may edit', async () => {
    await withPage(await desktop(), 'categories-by-role', async (page) => {
      await signInPage(page, site.baseUrl, '13900000004');
      await page.goto(`${site.baseUrl}/categories`);
      await page.getByTestId('categories-table').getByText('违法建设').waitFor();
      const text = await page.getByTestId('categories-page').innerText();
      expect(text).not.toContain('illegal_construction');
      expect(await page.getByTestId('category-edit').count()).toBe(0);
    });
    await withPage(await desktop(), 'categories-district', async (page) => {
      await signInPage(page, site.baseUrl, '13900000002');
      await page.goto(`${site.baseUrl}/categories`);
      await page.getByTestId('categories-table').getByText('违法建设').waitFor();
      expect(await page.getByTestId('category-edit').count()).toBeGreaterThan(0);
    });
  });

  it('keeps a too-short meeting notice in the dialog, with the earliest allowed time', async () => {
    await withPage(await desktop(), 'meeting-too-soon', async (page) => {
      await signInPage(page, site.baseUrl, '13900000005');
      await page.goto(`${site.baseUrl}/councils`);
      await page.getByTestId('council-link').filter({ hasText: '小组议事会' }).first().click();
      await page.getByTestId('council-page').waitFor();
      await page.getByTestId('meeting-add').click();
      await page.getByTestId('meeting-title').fill('临时会议');
      await page.getByTestId('meeting-starts').fill(inAnHour());
      await page.getByTestId('meeting-submit').click();
      const error = page.getByTestId('meeting-error');
      await error.waitFor();
      expect(await error.innerText()).toMatch(/最早可定于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      // It stays: still there a moment later, with the dialog open.
      await page.waitForTimeout(3000);
      expect(await error.isVisible()).toBe(true);
    });
  });
});
