import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signInPage, snapshot, startSite, type Site } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); }, 200_000);

const RESIDENT = '13900000013';
const WORKER = '13900000005';
const SECRETARY = '13900000004';
const TITLE = `陪老人去医院复诊 ${Date.now()}`;

/** The demo resident's name in the register (volunteers are listed under it). */
async function residentName(): Promise<string> {
  const [r] = (await site.ctx.database.db.execute(sql`SELECT r.name FROM residents r JOIN users u ON u.resident_id = r.id
    JOIN role_assignments ra ON ra.user_id = u.id WHERE u.demo AND ra.role = 'resident' LIMIT 1`)).rows as { name: string }[];
  return r!.name;
}

/** Runs `steps` signed in as `phone` (on a phone in elder mode for residents), with a screenshot on failure. */
async function as(phone: string, name: string, steps: (page: Page) => Promise<void>, phoneSized = false) {
  const ctx = await browser.newContext(phoneSized ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, acceptDownloads: true } : { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  if (phoneSized) await ctx.addInitScript(() => localStorage.setItem('gz.elder', 'true'));
  const page = await ctx.newPage();
  try {
    await signInPage(page, site.baseUrl, phone);
    await steps(page);
  } catch (err) {
    await snapshot(page, `volunteers-${name}`);
    throw err;
  } finally {
    await ctx.close();
  }
}

describe('volunteering from sign-up to certificate', () => {
  it('a resident signs up, a worker verifies and records hours, the secretary approves, the resident sees them and downloads the certificate', async () => {
    const name = await residentName();

    await as(RESIDENT, 'register', async (page) => {
      await page.getByTestId('home-volunteer').click();
      await page.getByTestId('my-volunteer-page').waitFor();
      await page.getByTestId('volunteer-skills').getByText('助老陪护').click();
      await page.getByTestId('volunteer-submit').click();
      await expect.poll(() => page.getByTestId('volunteer-status').getAttribute('data-status')).toBe('pending');
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    }, true);

    await as(WORKER, 'verify-record', async (page) => {
      await page.goto(`${site.baseUrl}/volunteers`);
      const row = page.getByRole('row').filter({ hasText: name });
      await row.getByTestId('volunteer-verify').click();
      await row.waitFor({ state: 'detached' });
      await page.getByTestId('volunteer-status-filter').getByText('已核实').click();
      await page.getByRole('row').filter({ hasText: name }).getByTestId('volunteer-record-hours').click();
      const form = page.getByTestId('record-hours-form');
      // Yesterday in China, 09:00–11:00: a service that has ended whenever the test runs.
      const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
      await form.getByTestId('record-day').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(yesterday);
      await page.keyboard.press('Enter');
      await form.getByTestId('record-title').fill(TITLE);
      await page.getByRole('button', { name: /OK|确\s*定/ }).click();
      await form.waitFor({ state: 'detached' });
      // The worker's own record is in the queue, but not for them to approve.
      await page.getByTestId('tab-review').click();
      const mine = page.getByRole('row').filter({ hasText: TITLE });
      await mine.getByTestId('review-own').waitFor();
      expect(await mine.getByTestId('review-approve').count()).toBe(0);
    });

    await as(SECRETARY, 'approve', async (page) => {
      await page.goto(`${site.baseUrl}/volunteers`);
      await page.getByTestId('tab-review').click();
      const row = page.getByRole('row').filter({ hasText: TITLE });
      await row.getByTestId('review-approve').click();
      await row.waitFor({ state: 'detached' });
    });
    const [rec] = (await site.ctx.database.db.execute(sql`SELECT status, minutes FROM volunteer_service_records WHERE title = ${TITLE}`)).rows as { status: string; minutes: number }[];
    expect(rec).toEqual({ status: 'approved', minutes: 120 });

    await as(RESIDENT, 'hours-certificate', async (page) => {
      await page.getByTestId('home-volunteer').click();
      await expect.poll(() => page.getByTestId('volunteer-status').getAttribute('data-status')).toBe('verified');
      expect(await page.getByTestId('volunteer-approved').textContent()).toBe('2 小时');
      await page.locator('[data-testid="volunteer-record"][data-status="approved"]').filter({ hasText: TITLE }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('volunteer-certificate').click()]);
      const file = await download.path();
      const bytes = fs.readFileSync(file);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(await site.ctx.database.db.execute(sql`SELECT count(*)::int AS n FROM volunteer_certificates`).then((r) => (r.rows[0] as { n: number }).n)).toBe(1);
    }, true);
  }, 240_000);
});
