import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, signInPage, snapshot, startSite, type Site } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

const value = (page: Page, id: string) => page.getByTestId(id).getAttribute('data-value');

/** Runs `run`, keeping a screenshot under the OS temp folder when it fails. */
async function step(page: Page, name: string, run: () => Promise<void>) {
  try { await run(); } catch (err) { await snapshot(page, name); throw err; }
}

describe('instructions to every door in the console', () => {
  it('an officer sends an instruction, a grid worker acknowledges and records, the progress page follows live', async () => {
    const officerCtx: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const workerCtx: BrowserContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const officer = await officerCtx.newPage();
    const worker = await workerCtx.newPage();
    try {
      await step(officer, 'instruction-send', async () => {
        await signInPage(officer, site.baseUrl, '13900000002');
        await officer.goto(`${site.baseUrl}/instructions`);
        await officer.getByTestId('instruction-new').click();
        await officer.getByTestId('instruction-title').fill('寒潮来袭，请逐户提醒防寒保暖');
        await officer.getByTestId('instruction-body').fill('今晚起气温骤降，请逐户告知住户关好门窗、注意燃气安全，独居老人请当面确认。');
        await officer.getByTestId('instruction-region').click();
        await officer.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '成华区' }).first().click();
        const posts: string[] = [];
        officer.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/api/v1/instructions')) posts.push(new URL(r.url()).pathname); });
        // Enter in the deadline field (or any field) never sends: the only request is the button's preview.
        await officer.getByTestId('instruction-deadline').click();
        await officer.keyboard.press('Enter');
        await officer.getByTestId('instruction-title').press('Enter');
        await officer.getByTestId('instruction-submit').click();
        await officer.getByTestId('send-summary').waitFor();
        expect(posts).toEqual(['/api/v1/instructions/preview']);
        // The confirmation says what happens, and what cannot be reached and why.
        const summary = (await officer.getByTestId('send-summary').textContent()) ?? '';
        expect(summary).toMatch(/将下发到 \d+ 个微网格、\d+ 户/);
        expect(await officer.locator('[data-testid="uncovered-part"][data-reason="no_worker"]').count()).toBeGreaterThan(0);
        expect(await officer.getByTestId('send-uncovered').textContent()).toContain('无法送达');
        expect(await officer.getByTestId('send-confirm').isDisabled()).toBe(true);
        await officer.getByTestId('send-acknowledge').check();
        await officer.getByTestId('send-confirm').click();
        await officer.getByTestId('instruction-page').waitFor();
        expect(posts).toEqual(['/api/v1/instructions/preview', '/api/v1/instructions']);
        await officer.getByTestId('progress-uncovered').waitFor();
        await expect.poll(() => officer.getByTestId('progress-live').getAttribute('data-live')).toBe('true');
        expect(await value(officer, 'progress-acked')).toBe('0');
        expect(await officer.getByTestId('progress-children').textContent()).toContain('猛追湾街道');
      });

      await step(worker, 'instruction-worker', async () => {
        await signInPage(worker, site.baseUrl, '13900000006');
        await worker.goto(`${site.baseUrl}/tasks`);
        await worker.getByTestId('inbox-open').filter({ hasText: '寒潮来袭' }).click();
        await worker.getByTestId('task-ack').click();
        await worker.getByTestId('task-acked').waitFor();
        const cards = worker.getByTestId('task-household');
        const first = await cards.first().getAttribute('data-household');
        await cards.first().getByTestId('task-record-reached').click();
        // "To visit" hides a reached household once the list has reloaded.
        await expect.poll(() => cards.first().getAttribute('data-household')).not.toBe(first);
        const second = await cards.first().getAttribute('data-household');
        await cards.first().getByTestId('task-record-not_home').click();
        await expect.poll(() => worker.locator(`[data-household="${second}"]`).getAttribute('data-status')).toBe('not_home');
        expect(await worker.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
      });

      await step(officer, 'instruction-live', async () => {
        // No reload: the numbers arrive over Server-Sent Events.
        await expect.poll(() => value(officer, 'progress-acked'), { timeout: 10_000 }).toBe('4');
        await expect.poll(() => value(officer, 'progress-reached'), { timeout: 10_000 }).toBe('1');
        await expect.poll(() => value(officer, 'progress-notHome'), { timeout: 10_000 }).toBe('1');
      });

      await step(worker, 'instruction-link', async () => {
        const link = await worker.evaluate(async () => {
          const inbox = await (await fetch('/api/v1/instructions/inbox')).json() as { items: { id: string }[] };
          const homes = await (await fetch(`/api/v1/instructions/${inbox.items[0]!.id}/households`)).json() as { status: string; link: string }[];
          return homes.find((h) => h.status === 'pending')!.link;
        });
        const household = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
        await household.goto(`${site.baseUrl}${link}`);
        await household.getByTestId('confirm-submit').click();
        await household.getByTestId('confirm-done').waitFor();
        await household.context().close();
        await expect.poll(() => value(officer, 'progress-reached'), { timeout: 10_000 }).toBe('2');
      });
    } finally {
      await officerCtx.close();
      await workerCtx.close();
    }
  });
});
