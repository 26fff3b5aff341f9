import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chinaDay } from '@gongzhi/core';
import { launchBrowser, pickOption, signInPage, startSite, type Site, withPage } from './browser.ts';

/** Last month in China time: the turnover report takes only a month that has ended, within the window. */
const LAST_MONTH = (() => { const [y, m] = chinaDay(new Date()).split('-').map(Number) as [number, number]; return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`; })();

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

const WORKER = '13900000005';
const SECRETARY = '13900000004';
const STREET = '13900000003';
// A photographed receipt: a 1×1 PNG, re-encoded by the server like any photo.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** Fen from "¥1,234.50". */
const fenOfYuan = (text: string | null) => BigInt((text ?? '').replace(/[¥,]/g, '').replace('.', ''));
const DONATION = '浏览器测试：重阳节敬老捐赠';
const EXPENSE = '浏览器测试：重阳节慰问品采购';
const OPERATOR = '浏览器测试便民超市';
const DIVIDEND = '浏览器测试：停车收益分红';

/** Runs a step in a fresh desktop-sized browser context. */
const onDesktop = async (name: string, run: (page: Page) => Promise<void>) =>
  withPage(await browser.newContext({ viewport: { width: 1280, height: 900 } }), name, run);

/** An entry of the list by its memo (and kind, since a reversal's memo quotes the original's). */
const entry = (page: Page, memo: string, kind?: string) =>
  page.getByTestId('fund-entries').locator(kind ? `[data-kind="${kind}"]` : '[data-testid^="entry-0"]', { hasText: memo }).first();

describe('community funds in the console and in public', () => {
  it('records a donation with a printable receipt', async () => {
    await onDesktop('funds-donation', async (page) => {
      await signInPage(page, site.baseUrl, WORKER);
      await page.goto(`${site.baseUrl}/funds/WP-CHARITY`);
      await page.getByTestId('fund-operations').waitFor();
      await page.getByTestId('donation-amount').fill('88.50');
      await page.getByTestId('donation-donor').fill('浏览器捐赠人');
      await page.getByTestId('donation-purpose').fill(DONATION);
      await page.getByTestId('donation-submit').click();
      // A summary to confirm first, dated today by default: nothing is recorded by the first click.
      const summary = page.getByTestId('donation-summary');
      await summary.waitFor();
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      expect(await summary.textContent()).toContain('¥88.50');
      expect(await summary.textContent()).toContain(today);
      expect(await entry(page, DONATION).count()).toBe(0);
      await page.getByTestId('donation-confirm-ok').click();
      await entry(page, DONATION).waitFor();
      expect(await entry(page, DONATION).getByTestId('entry-amount').textContent()).toBe('+¥88.50');
      await entry(page, DONATION).getByTestId('entry-receipt').click();
      await page.getByTestId('entry-page').waitFor();
      expect(await page.getByTestId('receipt-number').textContent()).toMatch(/^JZ\d{10}$/);
      expect(await page.getByTestId('receipt-amount').textContent()).toBe('¥88.50');
    });
  });

  it('prepares an expense with a receipt; a second person approves it', async () => {
    await onDesktop('funds-expense', async (page) => {
      await signInPage(page, site.baseUrl, WORKER);
      await page.goto(`${site.baseUrl}/funds/WP-CHARITY`);
      await page.getByTestId('fund-operations').getByRole('tab', { name: '申请支出' }).click();
      await page.getByTestId('expense-amount').fill('20');
      await pickOption(page, 'expense-category', '敬老助老');
      await page.getByTestId('expense-project').fill('重阳节');
      await page.getByTestId('expense-payee').fill('望平社区老年协会');
      await page.getByTestId('expense-reason').fill(EXPENSE);
      await page.getByTestId('form-expense').locator('input[type=file]').setInputFiles({ name: '发票.png', mimeType: 'image/png', buffer: PNG });
      await expect.poll(() => page.getByTestId('expense-submit').isEnabled()).toBe(true);
      await page.getByTestId('expense-submit').click();
      await page.getByTestId('pending-expenses').waitFor();
      // The preparer may not approve (a worker cannot approve at all), and is told who must.
      expect(await page.getByTestId('expense-approve').count()).toBe(0);
      const mine = page.getByTestId('pending-expenses').locator('[data-testid^="pending-"]', { hasText: EXPENSE });
      expect(await mine.getByTestId('pending-approvers').textContent()).toMatch(/^待 .+ 审批$/);
    });
    await onDesktop('funds-approve', async (page) => {
      await signInPage(page, site.baseUrl, SECRETARY);
      await page.goto(`${site.baseUrl}/funds/WP-CHARITY`);
      const pending = page.getByTestId('pending-expenses').locator('[data-testid^="pending-"]', { hasText: EXPENSE });
      await pending.getByTestId('expense-approve').click();
      // The approver reviews first: the receipt itself, the reason, the balance after payment; nothing is posted yet.
      const review = page.getByTestId('expense-review');
      await review.waitFor();
      const image = review.getByTestId('review-receipt-image');
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      expect(await review.getByTestId('review-receipt-link').textContent()).toBe('发票.png');
      expect(await review.getByTestId('review-reason').textContent()).toBe(EXPENSE);
      const now = fenOfYuan(await review.getByTestId('review-balance-now').textContent());
      expect(fenOfYuan(await review.getByTestId('review-balance-after').textContent())).toBe(now - 2000n);
      expect(await entry(page, EXPENSE).count()).toBe(0);
      await page.getByTestId('expense-approve-confirm').click();
      await entry(page, EXPENSE).waitFor();
      expect(await entry(page, EXPENSE).getByTestId('entry-amount').textContent()).toBe('−¥20.00');
      expect(await entry(page, EXPENSE).getByTestId('entry-attachments').textContent()).toContain('发票.png');
    });
  });

  it('reverses an entry once, after a second person approves the reversal', async () => {
    await onDesktop('funds-reverse', async (page) => {
      await signInPage(page, site.baseUrl, WORKER);
      await page.goto(`${site.baseUrl}/funds/WP-CHARITY`);
      await entry(page, DONATION, 'donation').getByTestId('entry-reverse').click();
      await page.getByTestId('reverse-reason').fill('金额录错');
      await page.getByTestId('reverse-confirm').click();
      await page.getByTestId('pending-expenses').locator('[data-testid^="pending-"]', { hasText: '金额录错' }).waitFor();
      expect(await entry(page, `冲销：${DONATION}`, 'reversal').count()).toBe(0);
    });
    await onDesktop('funds-reverse-approve', async (page) => {
      await signInPage(page, site.baseUrl, SECRETARY);
      await page.goto(`${site.baseUrl}/funds/WP-CHARITY`);
      const pending = page.getByTestId('pending-expenses').locator('[data-testid^="pending-"]', { hasText: '金额录错' });
      expect(await pending.getByTestId('pending-kind').textContent()).toBe('冲销');
      await pending.getByTestId('expense-approve').click();
      await page.getByTestId('expense-approve-confirm').click();
      await entry(page, `冲销：${DONATION}`, 'reversal').waitFor();
      await entry(page, DONATION, 'donation').getByTestId('entry-reversed').waitFor();
      expect(await entry(page, DONATION, 'donation').getByTestId('entry-reverse').count()).toBe(0);
    });
  });

  it('takes 3 % of an operator’s turnover into the development fund, rounded half up to the fen', async () => {
    await onDesktop('funds-levy', async (page) => {
      await signInPage(page, site.baseUrl, WORKER);
      await page.goto(`${site.baseUrl}/funds/WP-DEV`);
      await page.getByTestId('fund-operations').getByRole('tab', { name: '营业额提留' }).click();
      await page.getByTestId('turnover-operator').fill(OPERATOR);
      await page.getByTestId('turnover-month').fill(LAST_MONTH);
      // 1,000,050 fen × 3 % = 30,001.5 fen → ¥300.02
      await page.getByTestId('turnover-amount').fill('10000.50');
      await page.getByTestId('turnover-submit').click();
      await entry(page, `${LAST_MONTH} 营业额 ¥10000.50`, 'levy').waitFor();
      expect(await entry(page, `${LAST_MONTH} 营业额 ¥10000.50`, 'levy').getByTestId('entry-amount').textContent()).toBe('+¥300.02');
      // The same operator and month again is refused with a message, not booked twice.
      await page.getByTestId('turnover-operator').fill(OPERATOR);
      await page.getByTestId('turnover-month').fill(LAST_MONTH);
      await page.getByTestId('turnover-amount').fill('10000.50');
      await page.getByTestId('turnover-submit').click();
      await page.locator('.ant-message-error, .ant-notification-notice').first().waitFor();
      expect(await page.getByTestId('fund-entries').locator('[data-kind="levy"]', { hasText: `${LAST_MONTH} 营业额 ¥10000.50` }).count()).toBe(1);
    });
  });

  it('pays a dividend of common revenue by floor area, approved by a second person, with every owner’s line', async () => {
    await onDesktop('funds-dividend', async (page) => {
      await signInPage(page, site.baseUrl, WORKER);
      await page.goto(`${site.baseUrl}/funds/JXHY-COMMON`);
      await page.getByTestId('fund-operations').getByRole('tab', { name: '按面积分红' }).click();
      await page.getByTestId('dividend-amount').fill('100');
      await page.getByTestId('dividend-purpose').fill(DIVIDEND);
      await page.getByTestId('dividend-submit').click();
      await page.getByTestId('pending-expenses').locator('[data-testid^="pending-"]', { hasText: DIVIDEND }).waitFor();
    });
    await onDesktop('funds-dividend-approve', async (page) => {
      await signInPage(page, site.baseUrl, SECRETARY);
      await page.goto(`${site.baseUrl}/funds/JXHY-COMMON`);
      const pending = page.getByTestId('pending-expenses').locator('[data-testid^="pending-"]', { hasText: DIVIDEND });
      await pending.getByTestId('expense-approve').click();
      await page.getByTestId('expense-approve-confirm').click();
      await entry(page, DIVIDEND, 'dividend').waitFor();
      await entry(page, DIVIDEND, 'dividend').getByRole('link', { name: '分红明细' }).click();
      const lines = page.getByTestId('dividend-lines');
      await lines.waitFor();
      expect(await lines.textContent()).toContain('¥100.00');
      expect(await lines.locator('tbody tr').first().textContent()).toMatch(/\d+(\.\d+)? m² × ¥\d+\.(\d{2}|\d{4})\/m² [=≈] ¥\d+\.\d{2}/);
    });
  });

  it('closes a month by two people, each confirming first', async () => {
    const china = new Date(Date.now() + 8 * 3600_000);
    const prev = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), 0)).toISOString().slice(0, 7);
    await onDesktop('funds-close-propose', async (page) => {
      await signInPage(page, site.baseUrl, SECRETARY);
      await page.goto(`${site.baseUrl}/funds/WP-CHARITY`);
      await pickOption(page, 'month-close-month', prev);
      await page.getByTestId('month-close-propose').click();
      await page.getByTestId('month-close-propose-ok').click();
      await page.getByTestId('month-close-pending').waitFor();
      // The proposer cannot confirm their own close.
      expect(await page.getByTestId('month-close-confirm').count()).toBe(0);
    });
    await onDesktop('funds-close-confirm', async (page) => {
      await signInPage(page, site.baseUrl, STREET);
      await page.goto(`${site.baseUrl}/funds/WP-CHARITY`);
      await page.getByTestId('month-close-confirm').click();
      await page.getByTestId('month-close-confirm-ok').click();
      await expect.poll(() => page.getByTestId('closed-through').textContent()).toBe(prev);
    });
  });

  it('shows all of it on the public page without signing in', async () => {
    await onDesktop('funds-public', async (page) => {
      await page.goto(`${site.baseUrl}/public/funds`);
      await page.getByTestId('fund-card-WP-CHARITY').click();
      await page.getByTestId('fund-page').waitFor();
      // Plain tabs first: money in (the reversed donation is gone, as if it never happened), money out.
      await page.getByTestId('plain-in').waitFor();
      await page.getByTestId('plain-in').locator('[data-testid^="plain-entry-"]').first().waitFor();
      expect(await page.getByTestId('plain-in').textContent()).not.toContain(DONATION);
      await page.getByRole('tab', { name: '支出' }).click();
      await page.getByTestId('plain-out').locator('[data-testid^="plain-entry-"]', { hasText: EXPENSE }).waitFor();
      expect(await page.getByTestId('plain-out').textContent()).not.toContain('冲销');
      // By purpose: plain words, no account names.
      await page.getByRole('tab', { name: '按用途' }).click();
      const purposes = page.getByTestId('fund-purposes');
      await purposes.locator('tbody tr', { hasText: '重阳节' }).first().waitFor();
      const plain = await purposes.textContent();
      for (const account of ['银行存款', '捐赠收入', 'assets:', 'income:', 'expenses:', '科目']) expect(plain).not.toContain(account);
      // The accounts, every entry (reversals included) and the journal under their own tab.
      await page.getByRole('tab', { name: '会计账簿（供核查）' }).click();
      await entry(page, EXPENSE).waitFor();
      const text = await page.getByTestId('fund-entries').textContent();
      expect(text).toContain(DONATION);
      expect(text).toContain(`冲销：${DONATION}`);
      expect(text).toContain('审批');
      await page.getByTestId('fund-journal').waitFor();
      expect(await page.getByTestId('fund-operations').count()).toBe(0);
      expect(page.url()).toContain('/public/funds/WP-CHARITY');
    });
  });
});
