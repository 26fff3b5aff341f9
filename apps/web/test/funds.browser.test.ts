import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signInPage, startSite, type Site, withPage } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

const WORKER = '13900000005';
const SECRETARY = '13900000004';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const DONATION = '浏览器测试：重阳节敬老捐赠';
const EXPENSE = '浏览器测试：重阳节慰问品采购';

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
      await page.getByTestId('expense-category').click();
      await page.locator('.ant-select-item-option[title="敬老助老"]').click();
      await page.getByTestId('expense-project').fill('重阳节');
      await page.getByTestId('expense-payee').fill('望平社区老年协会');
      await page.getByTestId('expense-reason').fill(EXPENSE);
      await page.getByTestId('form-expense').locator('input[type=file]').setInputFiles({ name: '发票.pdf', mimeType: 'application/pdf', buffer: PDF });
      await expect.poll(() => page.getByTestId('expense-submit').isEnabled()).toBe(true);
      await page.getByTestId('expense-submit').click();
      await page.getByTestId('pending-expenses').waitFor();
      // The preparer may not approve (a worker cannot approve at all).
      expect(await page.getByTestId('expense-approve').count()).toBe(0);
    });
    await onDesktop('funds-approve', async (page) => {
      await signInPage(page, site.baseUrl, SECRETARY);
      await page.goto(`${site.baseUrl}/funds/WP-CHARITY`);
      const pending = page.getByTestId('pending-expenses').locator('[data-testid^="pending-"]', { hasText: EXPENSE });
      await pending.getByTestId('expense-approve').click();
      await entry(page, EXPENSE).waitFor();
      expect(await entry(page, EXPENSE).getByTestId('entry-amount').textContent()).toBe('−¥20.00');
      expect(await entry(page, EXPENSE).getByTestId('entry-attachments').textContent()).toContain('发票.pdf');
    });
  });

  it('reverses an entry once', async () => {
    await onDesktop('funds-reverse', async (page) => {
      await signInPage(page, site.baseUrl, WORKER);
      await page.goto(`${site.baseUrl}/funds/WP-CHARITY`);
      await entry(page, DONATION, 'donation').getByTestId('entry-reverse').click();
      await page.getByTestId('reverse-reason').fill('金额录错');
      await page.getByTestId('reverse-confirm').click();
      await entry(page, `冲销：${DONATION}`, 'reversal').waitFor();
      await entry(page, DONATION, 'donation').getByTestId('entry-reversed').waitFor();
      expect(await entry(page, DONATION, 'donation').getByTestId('entry-reverse').count()).toBe(0);
    });
  });

  it('shows all of it on the public page without signing in', async () => {
    await onDesktop('funds-public', async (page) => {
      await page.goto(`${site.baseUrl}/public/funds`);
      await page.getByTestId('fund-card-WP-CHARITY').click();
      await page.getByTestId('fund-page').waitFor();
      await entry(page, EXPENSE).waitFor();
      const text = await page.getByTestId('fund-entries').textContent();
      expect(text).toContain(DONATION);
      expect(text).toContain(`冲销：${DONATION}`);
      expect(text).toContain('审批');
      expect(await page.getByTestId('fund-operations').count()).toBe(0);
      expect(page.url()).toContain('/public/funds/WP-CHARITY');
    });
  });
});
