import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { signIn } from '../../api/test/harness.ts';
import { launchBrowser, signInPage, snapshot, startSite, type Site } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); }, 200_000);

const visitsWithNotes = async (notes: string) =>
  (await site.ctx.database.db.execute(sql`SELECT id::text FROM visits WHERE notes = ${notes}`)).rows as { id: string }[];

describe('household visits on the phone', () => {
  it('records a visit offline, syncs it when back online, and stores it once even when synced twice', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    const notes = `离线走访 ${Date.now()}：老人身体尚可，需要助餐`;
    try {
      await signInPage(page, site.baseUrl, '13900000006');
      await page.goto(`${site.baseUrl}/visits`);
      await page.getByTestId('visit-household').first().waitFor();
      const address = await page.getByTestId('visit-household').first().getAttribute('data-household');
      expect(address).toBeTruthy();

      await ctx.setOffline(true);
      await expect.poll(() => page.getByTestId('visit-online').getAttribute('data-online')).toBe('false');
      await page.getByTestId('visit-open').first().click();
      await page.getByTestId('visit-form-page').waitFor();
      await page.getByTestId('visit-notes').fill(notes);
      await page.getByTestId('visit-save').click();
      await page.getByTestId('visit-list-page').waitFor();
      await expect.poll(() => page.getByTestId('visit-queue-count').getAttribute('data-count')).toBe('1');
      expect(await visitsWithNotes(notes)).toHaveLength(0);
      // Keep a copy of the queued visit, to send it a second time later.
      const userId = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('gz.visits.queue.'))!.slice('gz.visits.queue.'.length));
      const queued = await page.evaluate((k) => localStorage.getItem(k), `gz.visits.queue.${userId}`);

      await ctx.setOffline(false);
      await expect.poll(async () => (await visitsWithNotes(notes)).length, { timeout: 15_000 }).toBe(1);
      await page.getByTestId('visit-queue').waitFor({ state: 'detached' });
      const [stored] = await visitsWithNotes(notes);
      expect(JSON.parse(queued!)[0].body.id).toBe(stored!.id);

      // The same visit synced again (an answer lost on a flaky connection): still one row.
      await page.evaluate(([k, v]) => { localStorage.setItem(k!, v!); window.dispatchEvent(new Event('gz-visits-queue')); }, [`gz.visits.queue.${userId}`, queued]);
      await page.getByTestId('visit-sync').click();
      await page.getByTestId('visit-queue').waitFor({ state: 'detached' });
      expect(await visitsWithNotes(notes)).toHaveLength(1);
      await expect.poll(() => page.locator(`[data-household="${address}"] [data-testid="visit-status"]`).getAttribute('data-status')).toBe('ok');
      // Phones must not scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    } catch (err) {
      await snapshot(page, 'visits-offline');
      throw err;
    } finally {
      await ctx.close();
    }
  });

  it('shows a stale offline edit as a conflict beside the current record, applied only when the reviewer says so', async () => {
    const grid = await signIn(site.ctx.app, '13900000006');
    const list = (await grid.request('GET', '/api/v1/visits/list')).json() as { householdId: string; address: string; version: string }[];
    const h = list[10]!;
    // A change made on the phone's old copy of the record: its version is older than the current one.
    const made = await grid.request('POST', '/api/v1/visits', {
      id: randomUUID(), householdId: h.householdId, visitedAt: new Date().toISOString(), outcome: 'visited', change: { baseVersion: '1', address: `${h.address}（新）` },
    });
    expect(made.json().change.status).toBe('conflict');
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    try {
      await signInPage(page, site.baseUrl, '13900000005');
      await page.goto(`${site.baseUrl}/visits/review`);
      await page.getByTestId('visit-review-page').waitFor();
      await page.getByRole('tab', { name: '冲突' }).click();
      const card = page.locator(`[data-change="${made.json().change.id}"]`);
      await card.getByTestId('change-stale').waitFor();
      expect(await card.textContent()).toContain(`${h.address}（新）`);
      expect(await card.getByTestId('change-approve').count()).toBe(0);
      await card.getByTestId('change-override').click();
      await card.waitFor({ state: 'detached' });
      const [row] = (await site.ctx.database.db.execute(sql`SELECT address FROM households WHERE id = ${h.householdId}`)).rows as { address: string }[];
      expect(row!.address).toBe(`${h.address}（新）`);
    } catch (err) {
      await snapshot(page, 'visits-conflict');
      throw err;
    } finally {
      await ctx.close();
    }
  });

  it('lets the grid worker search a household, see its members and why it is special, reveal a phone (audited) and go back (issue 15 item 16)', async () => {
    type Item = { householdId: string; address: string; special: boolean; specialTags: string[]; members: { residentId: string; name: string; phoneMasked: string | null }[] };
    const grid = await signIn(site.ctx.app, '13900000006');
    const list = (await grid.request('GET', '/api/v1/visits/list?limit=1000')).json() as Item[];
    const h = list.find((x) => x.special && x.specialTags.includes('elderly_alone') && x.members.some((m) => m.phoneMasked))!;
    const member = h.members.find((m) => m.phoneMasked)!;
    // Building, unit and door, as the worker would type them (the address without the compound's name).
    const door = h.address.slice(h.address.search(/\d/));
    const reveals = async () => (await site.ctx.database.db.execute(sql`SELECT count(*)::int AS n FROM audit_log
      WHERE action = 'resident.reveal' AND subject_id = ${member.residentId}`)).rows[0]!.n as number;
    const before = await reveals();
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    try {
      await signInPage(page, site.baseUrl, '13900000006');
      await page.goto(`${site.baseUrl}/visits`);
      await page.getByTestId('visit-household').first().waitFor();
      const all = await page.getByTestId('visit-household').count();
      await page.locator('input[data-testid="visit-search"], [data-testid="visit-search"] input').first().fill(door);
      await expect.poll(() => page.getByTestId('visit-household').count()).toBeLessThan(all);
      const row = page.locator(`[data-household="${h.householdId}"]`);
      await row.getByTestId('visit-open').click();
      await page.getByTestId('visit-form-page').waitFor();
      expect(await page.getByTestId('visit-form-address').textContent()).toBe(h.address);
      expect(await page.getByTestId('visit-member').count()).toBe(h.members.length);
      expect(await page.getByTestId('visit-reason').textContent()).toContain('独居老人');
      expect(await page.getByTestId('visit-member-tag').allTextContents()).toContain('独居老人');
      const phoneRow = page.locator(`[data-resident="${member.residentId}"]`);
      expect(await phoneRow.getByTestId('member-phone').textContent()).toBe(member.phoneMasked);
      await phoneRow.getByTestId('member-phone-reveal').click();
      await page.getByRole('button', { name: '确定查看' }).click();
      await expect.poll(() => phoneRow.getByTestId('member-phone').getAttribute('data-revealed')).toBe('true');
      const full = await phoneRow.getByTestId('member-phone').textContent();
      expect(full).toMatch(/^\d{11}$/);
      expect(full!.slice(-4)).toBe(member.phoneMasked!.slice(-4));
      expect(await reveals()).toBe(before + 1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

      await page.getByTestId('visit-back').click();
      await page.getByTestId('visit-list-page').waitFor();
      // Back to the list as it was left: still searched.
      expect(await page.locator('input[data-testid="visit-search"], [data-testid="visit-search"] input').first().inputValue()).toBe(door);
    } catch (err) {
      await snapshot(page, 'visits-household');
      throw err;
    } finally {
      await ctx.close();
    }
  });
});
