import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, pickOption, signInPage, startSite, type Site, withPage } from './browser.ts';

// Issue 15's eight journeys, walked again as a new user of the demo city would, each step asserting what
// the person must see there. With JOURNEY_SHOTS=1 every key step also saves a viewport screenshot to
// docs/journeys/ (the evidence docs/journeys.md links); without it nothing is written, so CI never
// rewrites the committed images.
const SHOTS = process.env.JOURNEY_SHOTS === '1';
const SHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/journeys');

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

/** Inside 锦绣花园网格 of the demo city, where the demo resident lives. */
const HOME = { latitude: 30.6581, longitude: 104.0796 };
/** A photographed receipt: a 1×1 PNG (the server re-encodes every image, so it must be a real one). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PROBLEM = '小区北门外每天傍晚有人占道摆摊卖烧烤，油烟很大，人行道堵死了，老人推车只能走机动车道';
const REPLY = '已联系城管中队清理北门外占道摊点，并安排每天傍晚巡查，人行道已恢复通行。';
const EXPENSE = '旅程复走：独居老人冬季取暖器采购';

/** The request the resident files, passed along the journeys that handle it. */
const filed = { id: '', number: '' };

/** Saves the viewport as docs/journeys/<journey>-<step>.jpg when JOURNEY_SHOTS=1 (JPEG keeps the set small). */
async function shot(page: Page, journey: string, step: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, { timeout: 5_000 }).catch(() => undefined);
  await page.screenshot({ path: path.join(SHOT_DIR, `${journey}-${step}.jpg`), type: 'jpeg', quality: 70 });
}

const phone = async (elder: boolean, extra: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> => {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, ...extra });
  if (elder) await ctx.addInitScript(() => localStorage.setItem('gz.elder', 'true'));
  return patient(ctx);
};
const desktop = async () => patient(await browser.newContext({ viewport: { width: 1280, height: 860 } }));
/** Waits longer than Playwright's 30 s for a page or element: the machine running the suite may be busy. */
function patient(ctx: BrowserContext): BrowserContext {
  ctx.setDefaultTimeout(60_000);
  ctx.setDefaultNavigationTimeout(60_000);
  return ctx;
}

/** The request's state as the page shows it. */
const stateOf = (page: Page, pageId: string) => page.getByTestId(pageId).getByTestId('request-state').first().getAttribute('data-state');

/** Opens a staff action's form, lets `fill` complete it, submits, and waits for the new state. */
async function takeStep(page: Page, event: string, state: string, fill?: () => Promise<void>) {
  await page.getByTestId(`action-${event}`).click();
  await page.getByTestId(`action-form-${event}`).waitFor();
  await fill?.();
  await page.getByTestId('action-submit').click();
  await expect.poll(() => stateOf(page, 'request-page'), POLL).toBe(state);
}

/** A journey's own time limit: each signs in and walks several pages on a machine other tests share. */
const WALK = 300_000;
/** How long a state may take to show (expect.poll's own default is 1 s, too short on a busy machine). */
const POLL = { timeout: 30_000 };

/** No sideways scrolling (a phone, elder mode's larger type included). */
const fitsWidth = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);

describe('the eight journeys of issue 15, walked again on the demo city', () => {
  it('1 resident (elder mode, phone): reports a problem from the start page in a few taps', async () => {
    await withPage(await phone(true, { geolocation: HOME, permissions: ['geolocation'] }), 'journey-resident', async (page) => {
      await signInPage(page, site.baseUrl, '13900000013');
      await page.getByTestId('resident-home').waitFor();
      expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(18);
      await shot(page, 'resident', '1-home');
      await page.getByTestId('home-report').click();
      await page.getByTestId('report-category-unsure').click();
      await page.getByTestId('report-description').fill(PROBLEM);
      await page.getByTestId('location-here').click();
      await expect.poll(() => page.getByTestId('location-result').textContent(), POLL).toContain('锦绣花园');
      await shot(page, 'resident', '2-report');
      await page.getByTestId('report-submit').click();
      filed.number = (await page.getByTestId('request-number').textContent())?.trim() ?? '';
      expect(filed.number).toMatch(/^GZ\d{8}$/);
      await shot(page, 'resident', '3-received');
      await page.getByTestId('report-see').click();
      await page.getByTestId('my-request-page').waitFor();
      filed.id = new URL(page.url()).pathname.split('/').pop() ?? '';
      expect(await page.getByTestId('request-timeline').textContent()).toContain('已收到您的诉求');
      await fitsWidth(page);
      await shot(page, 'resident', '4-my-request');
    });
  }, WALK);

  it('2 community worker: finds it in the queue, sorts it (category of its class) and dispatches it; the department replies', async () => {
    await withPage(await desktop(), 'journey-worker', async (page) => {
      await signInPage(page, site.baseUrl, '13900000005');
      await page.getByTestId('queue-page').waitFor();
      await page.goto(`${site.baseUrl}/requests?q=${filed.number}`);
      await shot(page, 'worker', '1-queue');
      // The whole row opens the request, not only its small number.
      await page.getByTestId('queue-number').filter({ hasText: filed.number }).click();
      await page.getByTestId('request-page').waitFor();
      expect(await page.getByTestId('suggestion-card').textContent()).toMatch(/\d+%/);
      await page.getByTestId('action-sort').click();
      const form = page.getByTestId('action-form-sort');
      await form.waitFor();
      expect(await page.getByTestId('sort-suggestion').textContent()).toContain('置信度');
      // Changing the class to 私事 drops a category of another class.
      const category = form.locator('.ant-form-item').filter({ has: page.getByTestId('sort-category') });
      const suggested = (await category.textContent()) ?? '';
      await page.getByTestId('sort-matter').getByText('私事').click();
      await expect.poll(() => category.textContent(), POLL).not.toBe(suggested);
      await shot(page, 'worker', '2-sort-class');
      await page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached' });
      await takeStep(page, 'sort', 'sorted');
      await takeStep(page, 'dispatch', 'dispatched');
      await expect.poll(() => page.getByTestId('handlers-card').textContent(), POLL).not.toBe('');
      await shot(page, 'worker', '3-dispatched');
    });
    await withPage(await desktop(), 'journey-department', async (page) => {
      await signInPage(page, site.baseUrl, '13900000009');
      await page.goto(`${site.baseUrl}/requests/${filed.id}`);
      await page.getByTestId('request-page').waitFor();
      await takeStep(page, 'accept', 'in_progress');
      await page.getByTestId('action-reply').click();
      await page.getByTestId('action-form-reply').getByRole('textbox').fill(REPLY);
      await page.getByTestId('action-submit').click();
      await expect.poll(() => stateOf(page, 'request-page'), POLL).toBe('replied');
      expect(await page.getByTestId('request-reply').textContent()).toContain('城管');
      await shot(page, 'worker', '4-department-replied');
    });
  }, WALK);

  it('8 inbox: the resident’s bell counts the messages; one opens the request, which they rate', async () => {
    await withPage(await phone(true), 'journey-inbox', async (page) => {
      await signInPage(page, site.baseUrl, '13900000013');
      await page.getByTestId('resident-home').waitFor();
      await expect.poll(async () => Number(await page.getByTestId('inbox-count').getAttribute('data-count')), POLL).toBeGreaterThan(0);
      await shot(page, 'inbox', '1-bell');
      await page.getByTestId('inbox-bell').click();
      await page.getByTestId('messages-page').waitFor();
      const message = page.getByTestId('message-item').filter({ hasText: filed.number }).first();
      await message.waitFor();
      await shot(page, 'inbox', '2-messages');
      await message.click();
      await page.waitForURL((url) => url.pathname === `/my-requests/${filed.id}`);
      expect(await page.getByTestId('request-reply').textContent()).toContain('城管');
      // Plain-language steps, no internal ones, and a named way to reach whoever handles it.
      const steps = (await page.getByTestId('request-timeline').textContent()) ?? '';
      expect(steps).not.toContain('分流');
      expect(steps).not.toContain('派单');
      expect(await page.getByTestId('request-contact').textContent()).toMatch(/\d{3}\*{4}\d{4}/);
      await shot(page, 'inbox', '3-reply');
      await page.getByTestId('rate-stars').locator('li').nth(4).locator('div').first().click();
      await page.getByTestId('rate-comment').fill('人行道通了，推车方便多了，谢谢！');
      await page.getByTestId('action-rate').click();
      await page.getByTestId('request-rating').waitFor();
      expect(await stateOf(page, 'my-request-page')).toBe('rated');
      await fitsWidth(page);
      await shot(page, 'resident', '5-rated');
    });
  }, WALK);

  it('2 secretary: verifies and closes the rated request, sends an instruction after its summary, approves an expense seeing the receipt', async () => {
    await withPage(await desktop(), 'journey-secretary', async (page) => {
      await signInPage(page, site.baseUrl, '13900000004');
      await page.goto(`${site.baseUrl}/requests/${filed.id}`);
      await page.getByTestId('request-page').waitFor();
      expect(await stateOf(page, 'request-page')).toBe('rated');
      // After the rating staff still see the next step, and the handler card no longer reads 办理中.
      expect(await page.getByTestId('action-panel').textContent()).not.toContain('当前没有您可以办理的操作');
      expect(await page.getByTestId('handlers-card').textContent()).not.toContain('办理中');
      await shot(page, 'secretary', '1-rated-request');
      await takeStep(page, 'verify', 'verified');
      await takeStep(page, 'close', 'closed');
      await shot(page, 'secretary', '2-closed');

      // A mass send: Enter never sends; the button shows what will happen and what cannot be reached.
      await page.goto(`${site.baseUrl}/instructions/new`);
      await page.getByTestId('instruction-title').fill('寒潮预警：请逐户提醒防寒防冻');
      await page.getByTestId('instruction-body').fill('本周末最低气温零下 2 度，请逐户提醒关好门窗、包好室外水管，独居老人当面确认取暖安全。');
      await page.getByTestId('instruction-region').click();
      await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '望平社区' }).first().click();
      await page.getByTestId('instruction-title').press('Enter');
      expect(await page.getByTestId('send-summary').count()).toBe(0);
      await page.getByTestId('instruction-submit').click();
      await page.getByTestId('send-summary').waitFor();
      expect(await page.getByTestId('send-summary').textContent()).toMatch(/将下发到 \d+ 个微网格、\d+ 户/);
      expect(await page.getByTestId('send-uncovered').textContent()).toContain('无法送达');
      expect(await page.getByTestId('send-confirm').isDisabled()).toBe(true);
      await shot(page, 'secretary', '3-send-confirm');
      await page.getByTestId('send-acknowledge').check();
      await page.getByTestId('send-confirm').click();
      await page.getByTestId('instruction-page').waitFor();
      await page.getByTestId('progress-uncovered').waitFor();
      await shot(page, 'secretary', '4-progress-uncovered');
    });
    // A worker prepares an expense with its receipt and is told who must approve it.
    await withPage(await desktop(), 'journey-expense', async (page) => {
      await signInPage(page, site.baseUrl, '13900000005');
      await page.goto(`${site.baseUrl}/funds/WP-CHARITY`);
      await page.getByTestId('fund-operations').getByRole('tab', { name: '申请支出' }).click();
      await page.getByTestId('expense-amount').fill('360');
      await pickOption(page, 'expense-category', '敬老助老');
      await page.getByTestId('expense-project').fill('冬季关爱');
      await page.getByTestId('expense-payee').fill('成华区惠民家电商行');
      await page.getByTestId('expense-reason').fill(EXPENSE);
      await page.getByTestId('form-expense').locator('input[type=file]').setInputFiles({ name: '发票.png', mimeType: 'image/png', buffer: PNG });
      await expect.poll(() => page.getByTestId('expense-submit').isEnabled(), POLL).toBe(true);
      await page.getByTestId('expense-submit').click();
      const mine = page.getByTestId('pending-expenses').locator('[data-testid^="pending-"]', { hasText: EXPENSE });
      expect(await mine.getByTestId('pending-approvers').textContent()).toMatch(/^待 .+ 审批$/);
      await mine.scrollIntoViewIfNeeded();
      await shot(page, 'secretary', '5-expense-prepared');
    });
    await withPage(await desktop(), 'journey-approve', async (page) => {
      await signInPage(page, site.baseUrl, '13900000004');
      await page.goto(`${site.baseUrl}/funds/WP-CHARITY`);
      await page.getByTestId('pending-expenses').locator('[data-testid^="pending-"]', { hasText: EXPENSE }).getByTestId('expense-approve').click();
      const review = page.getByTestId('expense-review');
      await expect.poll(() => review.getByTestId('review-receipt-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL).toBeGreaterThan(0);
      expect(await review.getByTestId('review-reason').textContent()).toBe(EXPENSE);
      expect(await review.getByTestId('review-balance-after').textContent()).toMatch(/¥/);
      await shot(page, 'secretary', '6-approve-with-receipt');
      await page.getByTestId('expense-approve-confirm').click();
      await page.getByTestId('expense-review').waitFor({ state: 'detached' });
    });
  }, WALK);

  it('3 grid worker (phone): lands on visits, opens the seeded task, and the pages reload with no network', async () => {
    const ctx = await phone(false);
    await withPage(ctx, 'journey-grid', async (page) => {
      await signInPage(page, site.baseUrl, '13900000006');
      await page.getByTestId('visit-list-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/visits');
      await page.getByTestId('visit-household').first().waitFor();
      await shot(page, 'grid', '1-visits');
      await page.getByTestId('visit-open').first().click();
      await page.getByTestId('visit-form-address').waitFor();
      await shot(page, 'grid', '2-visit-form');
      await page.goto(`${site.baseUrl}/tasks`);
      await page.getByTestId('inbox-open').filter({ hasText: '冬季燃气安全逐户提醒' }).click();
      await page.getByTestId('task-page').waitFor();
      await page.getByTestId('task-ack').click();
      await page.getByTestId('task-acked').waitFor();
      await page.getByTestId('task-household').first().waitFor();
      await shot(page, 'grid', '3-task');
      // The service worker keeps the shell and the worker's data: offline, a reload still opens the list.
      await page.goto(`${site.baseUrl}/visits`);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), POLL).toBe(true);
      await page.reload();
      await page.getByTestId('visit-household').first().waitFor();
      // The list is cached under its URL with a query string: compare the path.
      await expect.poll(() => page.evaluate(async () => (await caches.has('gz-data-v1')) && (await (await caches.open('gz-data-v1')).keys()).some((r) => new URL(r.url).pathname === '/api/v1/visits/list')), POLL).toBe(true);
      await ctx.setOffline(true);
      await page.reload();
      await page.getByTestId('visit-household').first().waitFor();
      expect(await page.getByTestId('visit-online').getAttribute('data-online')).toBe('false');
      await shot(page, 'grid', '4-offline-reload');
      await ctx.setOffline(false);
    });
  }, WALK);

  it('4 district officer: the dashboard shows real rates from the demo’s year and drills down', async () => {
    await withPage(await desktop(), 'journey-district', async (page) => {
      await signInPage(page, site.baseUrl, '13900000002');
      await page.goto(`${site.baseUrl}/dashboard`);
      await expect.poll(() => page.getByTestId('kpi-response-rate').textContent(), POLL).toMatch(/\d+(\.\d+)?%/);
      expect(await page.getByTestId('kpi-response-rate').textContent()).not.toBe('100%');
      await page.locator('[data-testid="kpi-chart"][data-ready="true"]').first().waitFor();
      await shot(page, 'district', '1-dashboard');
      await page.getByTestId('kpi-drill').filter({ hasText: '猛追湾街道' }).click();
      await expect.poll(() => page.getByTestId('kpi-breadcrumb').textContent(), POLL).toContain('猛追湾街道');
      await shot(page, 'district', '2-drill-street');
    });
  }, WALK);

  it('5 owner (elder mode, phone): the open vote is on the start page; the ballot shows each matter’s details', async () => {
    await withPage(await phone(true), 'journey-owner', async (page) => {
      await signInPage(page, site.baseUrl, '13900000014');
      await page.getByTestId('resident-home').waitFor();
      await page.getByTestId('home-vote').first().waitFor();
      await shot(page, 'owner', '1-home-vote');
      await page.getByTestId('home-vote').first().click();
      await page.getByTestId('ballot-card').waitFor();
      expect(await page.getByTestId('ballot-matter-detail-2').textContent()).toContain('预算');
      await shot(page, 'owner', '2-ballot-details');
      await page.getByTestId('ballot-all-for').click();
      await page.getByTestId('ballot-submit').click();
      expect(await page.getByTestId('ballot-confirm').textContent()).toContain('同意');
      await shot(page, 'owner', '3-ballot-confirm');
      await page.getByTestId('ballot-confirm-ok').click();
      await page.getByTestId('ballot-done').waitFor();
      expect(await page.getByTestId('ballot-done').textContent()).toContain('已投票');
      await fitsWidth(page);
      await shot(page, 'owner', '4-voted');
    });
  }, WALK);

  it('6 the public (no sign-in, phone): the ledger in plain words with the reversal cancelled, notices', async () => {
    await withPage(await phone(false), 'journey-public', async (page) => {
      await page.goto(`${site.baseUrl}/public/funds`);
      await page.getByText('慈善基金').first().waitFor();
      await shot(page, 'public', '1-funds');
      await page.goto(`${site.baseUrl}/public/funds/WP-CHARITY`);
      await page.getByTestId('fund-page').waitFor();
      const income = page.getByTestId('plain-in');
      await income.locator('[data-testid^="plain-entry-"]').first().waitFor();
      // The seeded duplicate donation and its reversal cancel out: neither appears as money in or out.
      expect(await income.textContent()).not.toContain('重复录入');
      await shot(page, 'public', '2-fund-income');
      await page.getByRole('tab', { name: '按用途' }).click();
      const purposes = page.getByTestId('fund-purposes');
      await purposes.locator('tbody tr').first().waitFor();
      for (const account of ['银行存款', '捐赠收入', 'assets:', 'income:']) expect(await purposes.textContent()).not.toContain(account);
      await shot(page, 'public', '3-by-purpose');
      await page.goto(`${site.baseUrl}/notice-board`);
      await page.getByTestId('notice-card').first().waitFor();
      await shot(page, 'public', '4-notice-board');
      await page.getByTestId('notice-link').first().click();
      await page.getByTestId('notice-page').waitFor();
      expect(await page.getByTestId('notice-text').textContent()).toContain('充电');
      // A public page shows no form hint meant for staff.
      expect(await page.getByTestId('notice-page').textContent()).not.toContain('留空即现在公告');
      await fitsWidth(page);
      await shot(page, 'public', '5-notice');
    });
  }, WALK);

  it('7 street officer: the queue, the street’s own dashboard and the instructions sent under it', async () => {
    await withPage(await desktop(), 'journey-street', async (page) => {
      await signInPage(page, site.baseUrl, '13900000003');
      await page.getByTestId('queue-page').waitFor();
      await page.getByTestId('queue-number').first().waitFor();
      await shot(page, 'street', '1-queue');
      await page.goto(`${site.baseUrl}/dashboard`);
      await expect.poll(() => page.getByTestId('kpi-breadcrumb').textContent(), POLL).toContain('猛追湾街道');
      await expect.poll(() => page.getByTestId('kpi-response-rate').textContent(), POLL).toMatch(/\d+(\.\d+)?%/);
      await shot(page, 'street', '2-dashboard');
      await page.goto(`${site.baseUrl}/instructions`);
      await page.getByTestId('instruction-link').filter({ hasText: '冬季燃气安全逐户提醒' }).click();
      await page.getByTestId('instruction-page').waitFor();
      // The grid worker's acknowledgement (journey 3) shows here.
      await expect.poll(async () => Number(await page.getByTestId('progress-acked').getAttribute('data-value')), POLL).toBeGreaterThan(0);
      await shot(page, 'street', '3-instruction-progress');
    });
  }, WALK);
});
