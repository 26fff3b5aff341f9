import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signInPage, snapshot, startSite, type Site } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

/** A time `minutes` from now as the datetime-local input wants it (China time). */
function chinaInput(minutes: number): string {
  const d = new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000);
  return d.toISOString().slice(0, 16);
}

/** Runs `steps`, keeping a screenshot of each page if one fails. */
async function keepShots(pages: [Page, string][], steps: () => Promise<void>) {
  try {
    await steps();
  } catch (err) {
    for (const [p, name] of pages) await snapshot(p, name).catch(() => undefined);
    throw err;
  }
}

describe('an activity from creation to check-out', () => {
  it('organiser creates it; a resident on a phone (elder mode) signs up, checks in and out with the code on the organiser’s screen', async () => {
    const organiserCtx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const residentCtx = await browser.newContext(PHONE);
    const organiser = await organiserCtx.newPage();
    const resident = await residentCtx.newPage();
    await keepShots([[organiser, 'activity-organiser'], [resident, 'activity-resident']], async () => {
      await signInPage(organiser, site.baseUrl, '13900000005');
      await organiser.goto(`${site.baseUrl}/activities/manage`);
      await organiser.getByTestId('activity-new').click();
      await organiser.getByTestId('activity-title').fill('周末太极拳体验课');
      await organiser.getByTestId('activity-organiser').fill('社区居委会');
      await organiser.getByTestId('activity-address').fill('社区广场');
      await organiser.getByTestId('activity-starts').fill(chinaInput(10));
      await organiser.getByTestId('activity-ends').fill(chinaInput(100));
      await organiser.getByTestId('activity-capacity').fill('20');
      await organiser.locator('#categoryCode').click();
      await organiser.locator('.ant-select-item-option').filter({ hasText: '体育健身' }).click();
      await organiser.getByTestId('activity-submit').click();
      await organiser.getByTestId('qr-panel').waitFor();
      await expect.poll(() => organiser.getByTestId('qr-image').count()).toBe(1);
      const activityUrl = new URL(organiser.url());

      await signInPage(resident, site.baseUrl, '13900000013');
      await resident.evaluate(() => localStorage.setItem('gz.elder', 'true'));
      await resident.goto(`${site.baseUrl}/`);
      await resident.getByTestId('home-activities').click();
      await resident.getByTestId('activities-near').waitFor();
      await resident.getByTestId('activity-card').filter({ hasText: '周末太极拳体验课' }).click();
      await resident.waitForURL((u) => u.pathname === activityUrl.pathname);
      await resident.getByTestId('signup').click();
      await resident.getByTestId('my-check').waitFor();

      const inCode = (await organiser.getByTestId('qr-short-code').textContent())!.trim();
      expect(inCode).toMatch(/^[A-Z2-9]{6}$/);
      await resident.getByTestId('check-code').fill(inCode);
      await resident.getByTestId('check-submit').click();
      await resident.getByTestId('checked-in-at').waitFor();

      await organiser.getByTestId('qr-kind').getByText('签退码').click();
      await expect.poll(async () => (await organiser.getByTestId('qr-short-code').textContent())?.trim()).not.toBe(inCode);
      const outCode = (await organiser.getByTestId('qr-short-code').textContent())!.trim();
      await resident.getByTestId('check-code').fill(outCode);
      await resident.getByTestId('check-submit').click();
      await resident.getByTestId('checked-out-at').waitFor();

      // The organiser's list counts the check-in; the resident finds it under 我的活动 as attended.
      await expect.poll(async () => organiser.getByTestId('attendance').textContent(), { timeout: 15_000 }).toContain('到场');
      await resident.goto(`${site.baseUrl}/my-activities`);
      await expect.poll(() => resident.getByTestId('activity-card').filter({ hasText: '周末太极拳体验课' }).textContent()).toContain('已签到');
      // Nothing on the phone page is wider than the phone.
      expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    });
    await organiserCtx.close();
    await residentCtx.close();
  }, 300_000);

  it('shows the community calendar without signing in, with its .ics link', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    const [region] = (await site.ctx.database.pool.query<{ region_id: string }>("SELECT region_id FROM activities WHERE title LIKE '社区义诊%' LIMIT 1")).rows;
    await keepShots([[page, 'activity-calendar']], async () => {
      await page.goto(`${site.baseUrl}/public/activities/${region!.region_id}`);
      await page.getByTestId('public-calendar').waitFor();
      expect(await page.getByTestId('activity-card').filter({ hasText: '社区义诊' }).count()).toBe(1);
      const href = await page.getByTestId('calendar-ics').getAttribute('href');
      const ics = await page.request.get(`${site.baseUrl}${href}`);
      expect(ics.status()).toBe(200);
      expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    });
    await ctx.close();
  }, 120_000);
});
