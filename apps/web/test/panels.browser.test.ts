import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { launchBrowser, signInPage, startSite, type Site, withPage } from './browser.ts';
import { signIn } from '../../api/test/harness.ts';
import { regions } from '../../api/src/features/org/org.table.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

const desktop = () => browser.newContext({ viewport: { width: 1366, height: 900 } });

describe('scoring panels and the public notice board', () => {
  it('five members score two bids from their paper sheets; the results drop the highest and the lowest', async () => {
    // The panel is set up through the API (the tender feature will do it from a call for bids).
    const worker = await signIn(site.ctx.app, '13900000005');
    const [community] = await site.ctx.database.db.select({ id: regions.id }).from(regions).where(eq(regions.level, 'community')).orderBy(regions.code).limit(1);
    const made = await worker.request('POST', '/api/v1/panels', {
      subjectKind: 'tender', subjectId: crypto.randomUUID(), title: '北门充电棚施工评标', regionId: community!.id,
      members: ['党组织代表', '议事会成员', '监委会成员', '居民代表甲', '居民代表乙'].map((name, i) => ({ name, capacity: i === 0 ? '党组织' : '评审成员' })),
      criteria: [{ name: '实施方案', weight: 40 }, { name: '预算合理性', weight: 30 }, { name: '团队能力', weight: 30 }],
      candidates: [{ label: '甲公司投标' }, { label: '乙协会投标' }],
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    // Each member gives one score to every criterion of a bid, so their weighted total is that score.
    const sheets: Record<string, [number, number]> = { 党组织代表: [80, 70], 议事会成员: [90, 72], 监委会成员: [60, 74], 居民代表甲: [75, 76], 居民代表乙: [85, 95] };

    await withPage(await desktop(), 'panel-scoring', async (page) => {
      await signInPage(page, site.baseUrl, '13900000005');
      await page.goto(`${site.baseUrl}/panels/${id}`);
      await page.getByTestId('panel-page').waitFor();
      const form = page.getByTestId('panel-score');
      let done = 0;
      for (const [member, scores] of Object.entries(sheets)) {
        await form.locator('.ant-select').nth(0).click();
        await page.locator('.ant-select-item-option').filter({ hasText: member }).click();
        for (const [i, bid] of ['甲公司投标', '乙协会投标'].entries()) {
          await form.locator('.ant-select').nth(1).click();
          await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: bid }).click();
          for (let k = 0; k < 3; k++) await form.locator('.ant-input-number-input').nth(k).fill(String(scores[i]));
          await page.getByTestId('score-submit').click();
          done++;
          // The members' table counts the card: the sum of every member's "已评 k/2".
          await expect.poll(async () => [...((await page.getByTestId('panel-members').textContent()) ?? '').matchAll(/已评 (\d)\/2/g)].reduce((a, m) => a + Number(m[1]), 0), { timeout: 10_000 }).toBe(done);
        }
      }
      // Members' sheets are complete: close, and the results table shows the rule applied.
      await page.getByTestId('panel-close').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await expect.poll(() => page.getByTestId('panel-state').getAttribute('data-state')).toBe('closed');
      const scores = await page.getByTestId('result-score').allTextContents();
      // 甲: 80, 90, 60, 75, 85 → drop 90 and 60 → 80.00; 乙: 70, 72, 74, 76, 95 → drop 95 and 70 → 74.00.
      expect(scores).toEqual(['80.00', '74.00']);
      expect(await page.getByTestId('result-totals').allTextContents()).toEqual(['80.0 / 90.0 / 60.0 / 75.0 / 85.0', '70.0 / 72.0 / 74.0 / 76.0 / 95.0']);
      expect(await page.getByTestId('panel-results').textContent()).toContain('已去掉最高、最低分');
    });
  }, 300_000);

  it('shows the notice board without signing in, with the demo council resolution on notice', async () => {
    await withPage(await desktop(), 'notices-board', async (page) => {
      await page.goto(`${site.baseUrl}/notices`);
      await page.getByTestId('notices-board').waitFor();
      await page.getByTestId('public-notice-card').first().waitFor();
      expect(await page.getByTestId('notices-board').textContent()).toContain('议事会决议');
      await page.getByTestId('public-notice-card').first().locator('a').click();
      await page.getByTestId('public-notice').waitFor();
      expect(await page.getByTestId('public-notice-state').getAttribute('data-state')).toBe('open');
    });
  }, 120_000);
});
