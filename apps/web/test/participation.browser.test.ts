import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, signInPage, snapshot, startSite, type Site } from './browser.ts';

/**
 * Issue 17's chain in the browser, across three features: a resident registers as a volunteer and is
 * verified, signs up to a volunteers-only activity that credits hours, checks in and out with the codes
 * on the organiser's screen; after the activity the organiser records the hours from the attendance,
 * the secretary (a second person) approves them, and the points arrive in the resident's charity bank.
 * The server's clock is moved (the site keeps the test context's clock) so the activity can start,
 * last an hour and a half and end within the test.
 */
let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); }, 200_000);

const RESIDENT = '13900000013';
const WORKER = '13900000005';
const SECRETARY = '13900000004';
const MIN = 60_000;
const TITLE = `楼道清洁志愿行动 ${Date.now() % 100_000}`;
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

/** A real time `minutes` from now as the datetime-local input wants it (China time). */
const chinaInput = (minutes: number) => new Date(Date.now() + minutes * MIN + 8 * 3_600_000).toISOString().slice(0, 16);

async function open(phone: string, phoneSized: boolean): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext(phoneSized ? PHONE : { viewport: { width: 1366, height: 900 } });
  if (phoneSized) await ctx.addInitScript(() => localStorage.setItem('gz.elder', 'true'));
  const page = await ctx.newPage();
  await signInPage(page, site.baseUrl, phone);
  return { ctx, page };
}

async function residentName(): Promise<string> {
  const [r] = (await site.ctx.database.db.execute(sql`SELECT r.name FROM residents r JOIN users u ON u.resident_id = r.id
    JOIN role_assignments ra ON ra.user_id = u.id WHERE u.demo AND ra.role = 'resident' LIMIT 1`)).rows as { name: string }[];
  return r!.name;
}

const balanceOn = async (page: Page) => {
  await page.goto(`${site.baseUrl}/my-bank`);
  await page.getByTestId('bank-balance').waitFor();
  return Number((await page.getByTestId('bank-balance').textContent())!.replace(/\D/g, ''));
};

describe('volunteer service earns charity-bank points, in the browser', () => {
  it('registers, signs up, checks in and out, has the hours recorded and approved by two people, and sees the points', async () => {
    const resident = await open(RESIDENT, true);
    const worker = await open(WORKER, false);
    const shots: [Page, string][] = [[resident.page, 'participation-resident'], [worker.page, 'participation-worker']];
    try {
      const r = resident.page;
      const w = worker.page;
      const before = await balanceOn(r);

      // 1. Register as a volunteer; the community worker verifies.
      await r.goto(`${site.baseUrl}/`);
      await r.getByTestId('home-volunteer').click();
      await r.getByTestId('volunteer-skills').getByText('助老陪护').click();
      await r.getByTestId('volunteer-submit').click();
      await expect.poll(() => r.getByTestId('volunteer-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('pending');
      await w.goto(`${site.baseUrl}/volunteers`);
      const row = w.getByRole('row').filter({ hasText: await residentName() });
      await row.getByTestId('volunteer-verify').click();
      await row.waitFor({ state: 'detached' });

      // 2. The server's clock two hours back: the activity (real −110 min to −20 min) starts in ten minutes.
      site.ctx.clock.offsetMs = -120 * MIN;
      await w.goto(`${site.baseUrl}/activities/manage`);
      await w.getByTestId('activity-new').click();
      await w.getByTestId('activity-title').fill(TITLE);
      await w.getByTestId('activity-organiser').fill('社区居委会');
      await w.getByTestId('activity-address').fill('5 栋楼道');
      await w.getByTestId('activity-starts').fill(chinaInput(-110));
      await w.getByTestId('activity-ends').fill(chinaInput(-20));
      await w.getByTestId('activity-capacity').fill('10');
      await w.locator('#categoryCode').click();
      await w.locator('.ant-select-item-option').filter({ hasText: '体育健身' }).click();
      await w.locator('#audience').click();
      await w.locator('.ant-select-item-option').filter({ hasText: '志愿者' }).click();
      await w.locator('#creditsHours').check();
      await w.getByTestId('activity-submit').click();
      await w.getByTestId('qr-panel').waitFor();
      const activityPath = new URL(w.url()).pathname;

      // 3. The resident signs up and checks in; ninety minutes later (server time) checks out.
      await r.goto(`${site.baseUrl}${activityPath}`);
      await r.getByTestId('signup').click();
      await r.getByTestId('my-check').waitFor();
      const inCode = (await w.getByTestId('qr-short-code').textContent())!.trim();
      await r.getByTestId('check-code').fill(inCode);
      await r.getByTestId('check-submit').click();
      await r.getByTestId('checked-in-at').waitFor();
      site.ctx.clock.offsetMs = -30 * MIN;
      await w.getByTestId('qr-kind').getByText('签退码').click();
      await expect.poll(async () => (await w.getByTestId('qr-short-code').textContent())?.trim(), { timeout: 30_000 }).not.toBe(inCode);
      await r.getByTestId('check-code').fill((await w.getByTestId('qr-short-code').textContent())!.trim());
      await r.getByTestId('check-submit').click();
      await r.getByTestId('checked-out-at').waitFor();

      // 4. After the activity the organiser records the hours from the attendance.
      site.ctx.clock.offsetMs = 0;
      await w.reload();
      await w.getByTestId('record-hours').click();
      await w.getByText('已为 1 名志愿者记录时长').waitFor();

      // 5. The organiser may not approve their own record; the secretary does.
      await w.goto(`${site.baseUrl}/volunteers`);
      await w.getByTestId('tab-review').click();
      await w.getByRole('row').filter({ hasText: TITLE }).getByTestId('review-own').waitFor();
      const secretary = await open(SECRETARY, false);
      shots.push([secretary.page, 'participation-secretary']);
      await secretary.page.goto(`${site.baseUrl}/volunteers`);
      await secretary.page.getByTestId('tab-review').click();
      const rec = secretary.page.getByRole('row').filter({ hasText: TITLE });
      await rec.getByTestId('review-approve').click();
      await rec.waitFor({ state: 'detached' });
      await secretary.ctx.close();

      // 6. Ninety minutes of service (cap 120) at 60 minutes a point: one point more.
      await expect.poll(() => balanceOn(r), { timeout: 30_000 }).toBe(before + 1);
    } catch (err) {
      for (const [p, name] of shots) await snapshot(p, name).catch(() => undefined);
      throw err;
    } finally {
      site.ctx.clock.offsetMs = 0;
      await resident.ctx.close();
      await worker.ctx.close();
    }
  }, 300_000);
});
