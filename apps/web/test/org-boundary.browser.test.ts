import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { regions } from '../../api/src/features/org/org.table.ts';
import { launchBrowser, signInPage, snapshot, startSite, type Site } from './browser.ts';

// Issue 14: a secretary drawing a grid over a neighbour's ground is refused, and the dialog says so in
// plain words, naming the neighbour, rather than a passing toast.
let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

const byCode = async (code: string) => (await site.ctx.database.db.select().from(regions).where(eq(regions.code, code)))[0]!;
const regionCount = async () => (await site.ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM regions`)).rows[0]!.n;

describe('the region boundary editor', () => {
  it('shows a refused boundary in the dialog, naming the overlapped neighbour, and writes nothing', async () => {
    const page = await browser.newPage();
    try {
      const community = await byCode('510108001001');
      const sibling = await byCode('510108001001002');
      const before = await regionCount();
      await signInPage(page, site.baseUrl, '13900000004');
      await page.goto(`${site.baseUrl}/org/regions/${community.id}`);
      await page.getByTestId('action-add-child').click();
      const form = page.getByTestId('add-child-form');
      await form.locator('#segment').fill('061');
      await form.locator('#name').fill('复制网格');
      await page.getByTestId('boundary-input').fill(JSON.stringify(sibling.boundary));
      await page.getByRole('button', { name: /确\s*定|OK/ }).last().click();
      const alert = page.getByTestId('add-child-error');
      await expect.poll(() => alert.textContent()).toContain(sibling.name);
      expect(await alert.textContent()).toContain('重叠');
      expect(await regionCount()).toBe(before);

      // Redrawing an existing grid over another community's ground: refused in the dialog too.
      const grid = await byCode('510108001001001');
      const foreign = await byCode('510108001002001');
      await page.goto(`${site.baseUrl}/org/regions/${grid.id}`);
      await page.getByTestId('action-boundary').click();
      await page.getByTestId('boundary-input').fill(JSON.stringify(foreign.boundary));
      await page.getByRole('button', { name: /确\s*定|OK/ }).last().click();
      const refused = page.getByTestId('boundary-error');
      await expect.poll(() => refused.textContent()).toContain(community.name);
      expect((await byCode(grid.code)).boundary).toEqual(grid.boundary);
    } catch (err) {
      await snapshot(page, 'org-boundary-failure');
      throw err;
    } finally {
      await page.close();
    }
  });
});
