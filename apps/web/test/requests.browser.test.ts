import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, signInPage, startSite, type Site, withPage } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

/** Inside 锦绣花园网格 of the demo city (30.655–30.661 N, 104.075–104.084 E). */
const HOME = { latitude: 30.6581, longitude: 104.0796 };
/** A 1×1 PNG: the API decodes and re-encodes every photo, so it must be a real image. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const TEXT = '小区门口每天早上有人占道摆摊卖菜，人行道都堵住了，老人推车过不去';

/** The request the steps below pass along, in the order they run. */
const filed = { id: '', number: '' };

/** A phone in elder mode, allowed to share its location. */
async function residentPhone(): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, geolocation: HOME, permissions: ['geolocation'],
  });
  await ctx.addInitScript(() => localStorage.setItem('gz.elder', 'true'));
  return ctx;
}

/** Opens an action's form, lets `fill` complete it, submits, and waits for the new state. */
async function takeStep(page: Page, event: string, state: string, fill?: () => Promise<void>) {
  await page.getByTestId(`action-${event}`).click();
  await page.getByTestId(`action-form-${event}`).waitFor();
  await fill?.();
  await page.getByTestId('action-submit').click();
  await expect.poll(() => page.getByTestId('request-page').getByTestId('request-state').first().getAttribute('data-state')).toBe(state);
}

describe('residents’ requests in the console', () => {
  it('lets a resident report a problem from the start page in at most five interactions, in elder mode', async () => {
    await withPage(await residentPhone(), 'report', async (page) => {
      await signInPage(page, site.baseUrl, '13900000013');
      await page.getByTestId('resident-home').waitFor();
      expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(18);

      let interactions = 0;
      const tap = async (l: Locator) => { interactions++; await l.click(); };
      await tap(page.getByTestId('home-report'));
      await tap(page.getByTestId('report-category-unsure'));
      interactions++;
      await page.getByTestId('report-description').fill(TEXT);
      await tap(page.getByTestId('location-here'));
      await expect.poll(() => page.getByTestId('location-result').textContent()).toContain('锦绣花园');
      await tap(page.getByTestId('report-submit'));
      expect(interactions).toBeLessThanOrEqual(5);

      const number = (await page.getByTestId('request-number').textContent())?.trim() ?? '';
      expect(number).toMatch(/^GZ\d{8}$/);
      expect(await page.getByTestId('report-notice').textContent()).toContain('短信和微信通知暂未开通');
      await page.getByTestId('report-see').click();
      await page.getByTestId('my-request-page').waitFor();
      filed.number = number;
      filed.id = page.url().split('/').pop() ?? '';
      expect(await page.getByTestId('request-timeline').textContent()).toContain('已收到您的诉求');
      // Phones must not scroll sideways, elder mode's larger type included.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    });
  });

  it('lets a community worker find it in the queue, sort it from the suggestion and dispatch it to the department', async () => {
    await withPage(await browser.newContext({ viewport: { width: 1366, height: 900 } }), 'sort', async (page) => {
      await signInPage(page, site.baseUrl, '13900000005');
      await page.goto(`${site.baseUrl}/requests?q=${filed.number}`);
      await page.getByTestId('queue-number').filter({ hasText: filed.number }).click();
      await page.getByTestId('request-page').waitFor();
      expect(await page.getByTestId('suggestion-card').textContent()).toMatch(/\d+%/);

      // Changing the class drops a category of another class (no 私事 · 占道 pair can be saved).
      await page.getByTestId('action-sort').click();
      const form = page.getByTestId('action-form-sort');
      await form.waitFor();
      const category = form.locator('.ant-form-item').filter({ has: page.getByTestId('sort-category') });
      expect(await category.textContent()).toContain('占道经营与市容');
      await page.getByTestId('sort-matter').getByText('私事').click();
      await expect.poll(() => category.textContent()).not.toContain('占道经营与市容');
      await page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached' });

      await takeStep(page, 'sort', 'sorted', async () => {
        // Prefilled from the suggestion: a big matter in the street-order category, with its confidence.
        expect(await page.getByTestId('sort-suggestion').textContent()).toContain('置信度');
        expect(await page.getByTestId('sort-matter').locator('.ant-radio-button-wrapper-checked').textContent()).toBe('大事');
      });
      expect(await page.getByTestId('request-facts').textContent()).toContain('区城市管理局');
      await takeStep(page, 'dispatch', 'dispatched');
      await expect.poll(() => page.getByTestId('handlers-card').textContent()).toContain('区城市管理局');
      const timeline = (await page.getByTestId('request-timeline').textContent()) ?? '';
      expect(timeline).toContain('分流');
      expect(timeline).toContain('派单');
    });
  });

  it('lets the department handler accept and reply, and refuses a blank reply with a clear message', async () => {
    await withPage(await browser.newContext({ viewport: { width: 1366, height: 900 } }), 'reply', async (page) => {
      await signInPage(page, site.baseUrl, '13900000009');
      await page.goto(`${site.baseUrl}/requests/${filed.id}`);
      await page.getByTestId('request-page').waitFor();
      expect(await page.getByTestId('action-reject').count()).toBe(0); // only what `allowed` lists
      await takeStep(page, 'accept', 'in_progress');

      await page.getByTestId('action-reply').click();
      await page.getByTestId('action-submit').click();
      await expect.poll(() => page.getByTestId('action-form-reply').textContent()).toContain('请填写答复内容');
      await page.getByTestId('action-form-reply').getByRole('textbox').fill('已联系城管中队清理占道摊点，并安排每日早高峰巡查。');
      await page.getByTestId('action-submit').click();
      await expect.poll(() => page.getByTestId('request-page').getByTestId('request-state').first().getAttribute('data-state')).toBe('replied');
      expect(await page.getByTestId('request-reply').textContent()).toContain('城管中队');
    });
  });

  it('lets the resident see the reply and rate it with five stars and a comment', async () => {
    await withPage(await residentPhone(), 'rate', async (page) => {
      await signInPage(page, site.baseUrl, '13900000013');
      await page.goto(`${site.baseUrl}/my-requests/${filed.id}`);
      await page.getByTestId('my-request-page').waitFor();
      expect(await page.getByTestId('request-reply').textContent()).toContain('城管中队');
      // Residents see the public steps, with staff named by role rather than by name.
      expect(await page.getByTestId('request-timeline').textContent()).toContain('工作人员');
      // Plain-language steps only, and who is handling it with a (masked) work phone.
      const steps = (await page.getByTestId('request-timeline').textContent()) ?? '';
      expect(steps).toContain('正在安排办理');
      expect(steps).not.toContain('分流');
      expect(steps).not.toContain('派单');
      expect(await page.getByTestId('request-contact').textContent()).toMatch(/\d{3}\*{4}\d{4}/);
      await page.getByTestId('action-reopen').waitFor();
      await page.getByTestId('rate-stars').locator('li').nth(4).locator('div').first().click();
      await page.getByTestId('rate-comment').fill('处理得很快，谢谢！');
      await page.getByTestId('action-rate').click();
      await page.getByTestId('request-rating').waitFor();
      expect(await page.getByTestId('my-request-page').getByTestId('request-state').first().getAttribute('data-state')).toBe('rated');
    });
  });

  it('still shows staff the next step on a rated request, and the handler card is done', async () => {
    await withPage(await browser.newContext({ viewport: { width: 1366, height: 900 } }), 'after-rating', async (page) => {
      await signInPage(page, site.baseUrl, '13900000005');
      await page.goto(`${site.baseUrl}/requests/${filed.id}`);
      await page.getByTestId('request-page').waitFor();
      expect(await page.getByTestId('request-page').getByTestId('request-state').first().getAttribute('data-state')).toBe('rated');
      expect(await page.getByTestId('action-panel').textContent()).not.toContain('当前没有您可以办理的操作');
      expect(await page.getByTestId('handlers-card').textContent()).not.toContain('办理中');
      await takeStep(page, 'verify', 'verified');
      await takeStep(page, 'close', 'closed');
    });
  });

  it('shows the district officer a response rate, lazily drawn charts and an .xlsx export', async () => {
    await withPage(await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true }), 'dashboard', async (page) => {
      await signInPage(page, site.baseUrl, '13900000002');
      await page.goto(`${site.baseUrl}/dashboard`);
      // The demo's year of history makes these real rates (not 100 % from one request): a percentage each.
      await expect.poll(() => page.getByTestId('kpi-response-rate').textContent()).toMatch(/\d+(\.\d+)?%/);
      expect(await page.getByTestId('kpi-satisfaction-rate').textContent()).toMatch(/\d+(\.\d+)?%/);
      await page.locator('[data-testid="kpi-chart"][data-ready="true"]').waitFor();

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('kpi-export').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
      const cells = wb.worksheets[0]!.getColumn(1).values.map(String);
      expect(cells).toContain('猛追湾街道');

      await page.getByTestId('kpi-drill').filter({ hasText: '猛追湾街道' }).click();
      await expect.poll(() => page.getByTestId('kpi-breadcrumb').textContent()).toContain('猛追湾街道');
      expect(await page.getByTestId('kpi-response-rate').textContent()).toMatch(/\d+(\.\d+)?%/);
    });
  });

  it('lets a grid worker file a caller’s problem with a photo; staff see the masked phone and the thumbnail', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, geolocation: HOME, permissions: ['geolocation'] });
    await withPage(ctx, 'file-for', async (page) => {
      await signInPage(page, site.baseUrl, '13900000006');
      await page.goto(`${site.baseUrl}/requests/new`);
      await page.getByTestId('new-reporter-kind').getByText('来电人').click();
      await page.getByTestId('new-caller-name').fill('王阿姨');
      await page.getByTestId('new-caller-phone').fill('13812345678');
      await page.getByTestId('new-description').fill('2栋楼下的井盖松动了，踩上去会响，晚上看不清很危险');
      await page.getByTestId('photo-input').setInputFiles({ name: '井盖.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
      await page.getByTestId('location-here').click();
      await page.getByTestId('location-result').waitFor();
      await page.getByTestId('new-submit').click();
      expect((await page.getByTestId('request-number').textContent())?.trim()).toMatch(/^GZ\d{8}$/);
      await page.getByTestId('report-see').click();
      await page.getByTestId('request-page').waitFor();
      const facts = (await page.getByTestId('request-facts').textContent()) ?? '';
      expect(facts).toContain('网格员代为反映');
      expect(facts).toContain('王阿姨');
      expect(await page.getByTestId('reporter-phone').textContent()).toMatch(/^138\*{4}5678$/);
      const thumb = page.getByTestId('request-photos').locator('img');
      await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    });
  });
});
