import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq, like, sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { makeIdNumber } from '@gongzhi/core';
import { auditLog } from '../../api/src/platform/audit/audit.table.ts';
import { regions, residents } from '../../api/src/features/org/org.table.ts';
import { launchBrowser, signInPage, snapshot, startSite, type Site } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

const MASKED_ID = /^\d{3}\*{11}[\dX]{4}$/;
const gridId = async (code: string) => (await site.ctx.database.db.select({ id: regions.id }).from(regions).where(eq(regions.code, code)))[0]!.id;
const countIn = async (code: string) => (await site.ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(residents).where(like(residents.regionPath, `${code}%`)))[0]!.n;

describe('the web console', () => {
  it('lets a grid worker walk the tree to a household and see masked ID numbers, and reveal one on purpose', async () => {
    const page = await browser.newPage();
    try {
      await signInPage(page, site.baseUrl, '13900000006');
      await page.goto(`${site.baseUrl}/org`);
      const tree = page.getByTestId('region-tree');
      await expect.poll(() => tree.textContent()).toContain('锦绣花园网格');
      await tree.getByText('锦绣花园1栋微网格').click();
      await page.getByTestId('region-page').waitFor();
      expect(await page.getByTestId('region-code').textContent()).toContain('510108001001001001');
      await page.getByRole('tab', { name: /住户/ }).click();
      await page.getByRole('link', { name: /锦绣花园1栋/ }).first().click();
      await page.getByTestId('household-page').waitFor();
      const ids = await page.locator('[data-testid="household-page"] .gz-mono').allTextContents();
      const idCells = ids.filter((x) => x.length === 18);
      expect(idCells.length).toBeGreaterThan(0);
      for (const id of idCells) expect(id).toMatch(MASKED_ID);

      await page.locator('[data-testid="household-page"] a[href*="/org/residents/"]').first().click();
      await page.getByTestId('resident-page').waitFor();
      const masked = page.getByTestId('resident-id-number');
      expect(await masked.textContent()).toMatch(MASKED_ID);
      await page.getByTestId('resident-id-number-reveal').click();
      await page.getByRole('button', { name: /确定|查看|OK/ }).last().click();
      await expect.poll(() => masked.textContent()).toMatch(/^\d{17}[\dX]$/);
      const entries = await site.ctx.database.db.select().from(auditLog).where(eq(auditLog.action, 'resident.reveal'));
      expect(entries.length).toBe(1);
    } catch (err) {
      await snapshot(page, 'walk-failure');
      throw err;
    } finally {
      await page.close();
    }
  });

  it('imports a small .xlsx: the bad row is named, confirming is blocked, and nothing is written', async () => {
    const page = await browser.newPage();
    try {
      const code = '510108001001002';
      const before = await countIn(code);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('住户');
      ws.addRow(['户号', '地址', '居住类型', '姓名', '与户主关系', '身份证号', '手机号', '标签']);
      ws.addRow(['1', '望江苑9栋1单元101', '自有', '赵一', '户主', makeIdNumber('510108', '1950-03-04', 11), '13811112222', '独居老人']);
      const bad = makeIdNumber('510108', '1988-08-08', 22);
      ws.addRow(['2', '望江苑9栋1单元102', '租住', '钱二', '户主', bad.slice(0, 17) + (bad.endsWith('1') ? '2' : '1'), '', '']);
      const buffer = Buffer.from(await wb.xlsx.writeBuffer());

      await signInPage(page, site.baseUrl, '13900000005');
      await page.goto(`${site.baseUrl}/import?regionId=${await gridId(code)}`);
      await page.getByTestId('import-page').waitFor();
      await page.locator('[data-testid="import-file"] input[type=file]').setInputFiles({ name: '住户.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
      await expect.poll(() => page.getByTestId('import-upload-button').isEnabled()).toBe(true);
      await page.getByTestId('import-upload-button').click();
      const preview = page.getByTestId('import-preview');
      await preview.waitFor();
      await page.getByTestId('import-blocked').waitFor();
      const text = (await preview.textContent()) ?? '';
      expect(text).toContain('身份证号不正确');
      expect(text).toMatch(/\b3\b/);
      expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
      expect(await countIn(code)).toBe(before);
    } catch (err) {
      await snapshot(page, 'import-failure');
      throw err;
    } finally {
      await page.close();
    }
  });

  it('switches to elder mode (larger type, ≥1.3 line spacing) and to English', async () => {
    const page = await browser.newPage();
    try {
      await signInPage(page, site.baseUrl, '13900000013');
      // CSS pixel sizes, not money or areas: "18px" → 18.
      const size = () => page.evaluate(() => Number(getComputedStyle(document.body).fontSize.replace('px', '')));
      const normal = await size();
      await page.getByTestId('elder-switch').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.elder)).toBe('true');
      expect(await size()).toBeGreaterThanOrEqual(Math.max(18, normal + 2));
      const lineHeight = await page.evaluate(() => {
        const s = getComputedStyle(document.body);
        return Number(s.lineHeight.replace('px', '')) / Number(s.fontSize.replace('px', ''));
      });
      expect(lineHeight).toBeGreaterThanOrEqual(1.3);
      await page.getByTestId('language-switch').getByText('EN').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await expect.poll(() => page.getByTestId('app-header').textContent()).toContain('Sign out');
    } finally {
      await page.close();
    }
  });

  it('keeps the phone’s top bar to one row in elder mode, with the language and sign-out in the menu', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await ctx.addInitScript(() => localStorage.setItem('gz.elder', 'true'));
    const page = await ctx.newPage();
    try {
      await signInPage(page, site.baseUrl, '13900000013');
      const header = page.getByTestId('app-header');
      await header.waitFor();
      // One row: the menu button, the name and 长辈版 with its size (48-pixel targets in elder mode).
      expect(await header.evaluate((e) => e.getBoundingClientRect().height)).toBeLessThanOrEqual(80);
      expect(await header.getByTestId('sign-out').count()).toBe(0);
      await page.getByRole('button', { name: '打开菜单' }).click();
      const account = page.getByTestId('menu-account');
      await account.getByTestId('sign-out').waitFor();
      expect(await account.getByTestId('language-switch').isVisible()).toBe(true);
      await account.getByTestId('sign-out').click();
      await page.waitForURL((url) => url.pathname.startsWith('/login'));
    } finally {
      await ctx.close();
    }
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    try {
      await signInPage(page, site.baseUrl, '13900000006');
      await page.goto(`${site.baseUrl}/residents`);
      await page.getByTestId('residents-page').waitFor();
      await expect.poll(() => page.getByTestId('residents-page').textContent()).toMatch(/\d{3}\*{11}/);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      expect(await page.getByTestId('side-menu').isVisible()).toBe(false);
    } finally {
      await ctx.close();
    }
  });
});

