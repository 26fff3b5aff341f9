import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { launchBrowser, signInPage, startSite, type Site, withPage } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

/** The demo city's open assembly (锦绣花园), found through the API as the browser would. */
let assemblyUrl = '';

describe('owners’ assembly in the console', () => {
  it('lets the demo owner cast a ballot on a phone in elder mode within five taps from the start page', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await ctx.addInitScript(() => localStorage.setItem('gz.elder', 'true'));
    await withPage(ctx, 'assembly-ballot', async (page) => {
      await signInPage(page, site.baseUrl, '13900000014');
      await page.getByTestId('resident-home').waitFor();
      let taps = 0;
      const tap = async (l: Locator) => { taps++; await l.click(); };
      await tap(page.getByRole('button', { name: '打开菜单' }));
      await tap(page.getByTestId('nav-assemblies'));
      await page.getByTestId('ballot-card').waitFor();
      // Each matter's details (the budget, the contract) are on the ballot before the owner chooses,
      // in the body's elder-mode size (issue 15 item 14).
      const details = await Promise.all([1, 2, 3].map((n) => page.getByTestId(`ballot-matter-detail-${n}`).textContent()));
      expect(details[0]).toContain('续聘');
      expect(details[1]).toContain('预算 48.6 万元');
      expect(details[2]).toContain('场地费');
      const px = (s: string) => Number(s.replace('px', ''));
      const [detailSize, bodySize] = await page.evaluate(() => [
        getComputedStyle(document.querySelector('[data-testid="ballot-matter-detail-2"]')!).fontSize, getComputedStyle(document.body).fontSize]);
      expect(px(detailSize!)).toBeGreaterThanOrEqual(Math.max(18, px(bodySize!)));
      await tap(page.getByTestId('ballot-all-for'));
      await tap(page.getByTestId('ballot-submit'));
      // A ballot cannot be changed: the choices are read back once before it goes.
      expect(await page.getByTestId('ballot-confirm').textContent()).toContain('同意');
      await tap(page.getByTestId('ballot-confirm-ok'));
      await page.getByTestId('ballot-done').waitFor();
      expect(taps).toBeLessThanOrEqual(5);
      expect(await page.getByTestId('ballot-done').textContent()).toContain('已投票');
      // No sideways scrolling on a phone, elder mode's larger type included.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
      const href = await page.getByTestId('inline-ballot-link').getAttribute('href');
      assemblyUrl = href ?? '';
    });
    expect(assemblyUrl).toMatch(/^\/assemblies\/[0-9a-f-]{36}$/);
  });

  it('shows staff the live quorum progress with the owner’s ballot counted', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await withPage(ctx, 'assembly-progress', async (page) => {
      await signInPage(page, site.baseUrl, '13900000004');
      await page.getByTestId('nav-assemblies').click();
      await page.getByTestId('assemblies-page').waitFor();
      await page.getByTestId('assembly-link').first().click();
      await page.getByTestId('assembly-page').waitFor();
      expect(new URL(page.url()).pathname).toBe(assemblyUrl);
      await page.getByTestId('assembly-progress').waitFor();
      await expect.poll(() => page.getByTestId('progress-matter-1').getAttribute('data-participating')).toBe('1');
      expect(Number(await page.getByTestId('progress-shortfall').getAttribute('data-owners'))).toBeGreaterThan(0);
      expect(await page.getByTestId('assembly-progress').textContent()).toContain('还需');
      // Staff may enter paper ballots while voting runs.
      await page.getByTestId('assembly-paper').click();
      await page.getByTestId('paper-search').waitFor();
    });
  });
});
