import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { runDueTimers } from '../../api/src/platform/jobs/scheduler.ts';
import { TIMER_HANDLERS } from '../../api/src/timers.ts';
import { regions } from '../../api/src/features/org/org.table.ts';
import { signIn, DEMO } from '../../api/test/harness.ts';
import { launchBrowser, signInPage, startSite, type Site, withPage } from './browser.ts';

let site: Site;
let browser: Browser;
let requestId = '';
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

async function signedIn(name: string, phone: string, run: (page: Page) => Promise<void>) {
  await withPage(await browser.newContext({ viewport: { width: 1366, height: 900 } }), name, async (page) => {
    await signInPage(page, site.baseUrl, phone);
    await run(page);
  });
}

describe('time limits, co-handlers and reopening in the console', () => {
  it('shows a request that ran out of time as a red card, escalated to the grid above', async () => {
    const resident = await signIn(site.ctx.app, DEMO.resident);
    const [micro] = await site.ctx.database.db.select().from(regions).where(eq(regions.code, '510108001001002003'));
    const made = await resident.request('POST', '/api/v1/requests', {
      description: '单元楼道的声控灯坏了一个星期，晚上下楼很危险', lat: (micro!.minLat! + micro!.maxLat!) / 2, lng: (micro!.minLng! + micro!.maxLng!) / 2,
    });
    requestId = made.json().id;
    // Nobody took it on within two hours: the worker's timers fire the yellow warning, then the red card.
    const created = new Date(made.json().createdAt).getTime();
    expect(await runDueTimers(site.ctx.database.db, TIMER_HANDLERS, { now: () => new Date(created + 2 * 3_600_000 + 1000) })).toBe(2);

    await signedIn('sla-street', '13900000003', async (page) => {
      await page.goto(`${site.baseUrl}/requests/${requestId}`);
      await page.getByTestId('request-page').waitFor();
      const badge = page.getByTestId('sla-badge').first();
      await expect.poll(() => badge.getAttribute('data-sla')).toBe('red');
      expect(await badge.textContent()).toContain('红牌');
      await expect.poll(() => page.getByTestId('request-timeline').textContent()).toContain('510108001001002');
    });
  });

  it('lets the community worker sort it and ask a department to co-handle it, then the resident reopens the reply', async () => {
    const worker = await signIn(site.ctx.app, DEMO.worker);
    await worker.request('POST', `/api/v1/requests/${requestId}/events`, { event: 'sort', matter: 'small', categoryCode: 'common_repairs' });
    await worker.request('POST', `/api/v1/requests/${requestId}/events`, { event: 'dispatch', regionId: (await site.ctx.database.db.select().from(regions).where(eq(regions.code, '510108001001')))[0]!.id });
    await worker.request('POST', `/api/v1/requests/${requestId}/events`, { event: 'accept' });

    await signedIn('co-handler', '13900000005', async (page) => {
      await page.goto(`${site.baseUrl}/requests/${requestId}`);
      await page.getByTestId('handlers-card').waitFor();
      await page.getByTestId('handler-add').click();
      await page.getByTestId('handler-department').click();
      // The option list is virtual: search narrows it to the one department instead of scrolling.
      await page.keyboard.type('住房');
      await page.locator('.ant-select-item-option').filter({ hasText: '区住房和城乡建设局' }).click();
      await page.getByTestId('handler-task').fill('检查楼道线路老化');
      await page.getByRole('button', { name: /确\s*定|OK/ }).click();
      await expect.poll(() => page.getByTestId('handlers-card').textContent()).toContain('检查楼道线路老化');
    });

    await worker.request('POST', `/api/v1/requests/${requestId}/events`, { event: 'reply', reply: '已更换声控灯' });
    await signedIn('reopen', '13900000013', async (page) => {
      await page.goto(`${site.baseUrl}/my-requests/${requestId}`);
      await page.getByTestId('my-request-page').waitFor();
      await page.getByTestId('action-reopen').click();
      await page.getByTestId('reopen-note').fill('换了之后还是不亮');
      await page.getByTestId('action-reopen').click();
      await expect.poll(async () => (await worker.request('GET', `/api/v1/requests/${requestId}`)).json().state).toBe('in_progress');
      await expect.poll(() => page.getByTestId('request-timeline').textContent()).toContain('换了之后还是不亮');
    });
  });
});
