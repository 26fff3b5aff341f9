import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, signInPage, snapshot, startSite, type Site } from './browser.ts';

/**
 * Stored XSS: HTML and script payloads go into every free-text field of the demo (names, titles,
 * descriptions, addresses, notes … of every table), then the console's pages are opened as staff
 * and as a resident. Nothing may execute: alert/confirm/prompt are hooked, every payload sets a flag,
 * and no dialog may open. The payload must show as text somewhere, proving it was rendered.
 */
const PAYLOAD = `<img src=x onerror="window.__xss=(window.__xss||0)+1"><script>window.__xss=(window.__xss||0)+1</script>"><svg onload="window.__xss=(window.__xss||0)+1">javascript:alert(1)`;
/** Columns that hold free text people type (by name), as opposed to codes, states, hashes or ids. */
const FREE_TEXT = /(^|_)(name|title|description|address|note|notes|content|body|text|summary|reason|comment|reply|remark|remarks|question|answer|purpose|subject|agenda|minutes|resolution|place|location)$/;

let site: Site;
let browser: Browser;
let planted = 0;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite(), launchBrowser()]);
  const pool = site.ctx.database.pool;
  const { rows } = await pool.query<{ table_name: string; column_name: string }>(`
    SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.data_type = 'text'`);
  for (const { table_name: t, column_name: c } of rows.filter((r) => FREE_TEXT.test(r.column_name) && !r.table_name.startsWith('__'))) {
    // A sample of rows per table: enough that every page shows some, few enough to keep the demo usable.
    const res = await pool.query(`UPDATE "${t}" SET "${c}" = left("${c}", 20) || $1 WHERE ctid IN (SELECT ctid FROM "${t}" WHERE "${c}" IS NOT NULL ORDER BY ctid LIMIT 40)`, [PAYLOAD])
      .catch(() => ({ rowCount: 0 })); // a check constraint on the column: not free text after all
    planted += res.rowCount ?? 0;
  }
}, 180_000);
afterAll(async () => { await browser?.close(); await site?.close(); });

async function hooked(page: Page, dialogs: string[]) {
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__xss = 0;
    for (const f of ['alert', 'confirm', 'prompt'] as const) w[f] = () => { w.__xss = (w.__xss as number) + 1; };
  });
}

const STAFF_PAGES = ['/org', '/residents', '/users', '/audit', '/requests', '/dashboard', '/categories', '/councils', '/instructions', '/visits', '/visits/review', '/visits/coverage', '/assemblies', '/funds', '/notice-board', '/public/funds'];
const RESIDENT_PAGES = ['/report', '/my-requests', '/my-councils', '/my-data', '/notice-board', '/assemblies'];

describe('stored HTML and script are shown as text', () => {
  it.each([
    ['system admin', '13900000001', STAFF_PAGES],
    ['community worker', '13900000005', STAFF_PAGES],
    ['resident', '13900000013', RESIDENT_PAGES],
  ])('nothing executes on any page as %s', async (who, phone, pages) => {
    expect(planted).toBeGreaterThan(100);
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    await hooked(page, dialogs);
    let shownAsText = 0;
    try {
      await signInPage(page, site.baseUrl, phone);
      const visit = async (url: string) => {
        await page.goto(`${site.baseUrl}${url}`);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        expect(await page.evaluate(() => (window as unknown as { __xss: number }).__xss), `${who} ${url}`).toBe(0);
        if ((await page.content()).includes('&lt;script&gt;window.__xss')) shownAsText++;
      };
      for (const url of pages) await visit(url);
      // Detail pages reached from the lists: follow the first few links into records.
      const links = await page.evaluate(() => [...document.querySelectorAll('a[href^="/"]')].map((a) => a.getAttribute('href')!).filter((h) => /\/[0-9a-f-]{36}$/.test(h)).slice(0, 5));
      await page.goto(`${site.baseUrl}/residents`);
      await page.waitForLoadState('networkidle');
      const more = await page.evaluate(() => [...document.querySelectorAll('a[href^="/"]')].map((a) => a.getAttribute('href')!).filter((h) => /[0-9a-f-]{36}/.test(h)).slice(0, 5));
      for (const url of [...new Set([...links, ...more])]) await visit(url);
    } catch (err) {
      await snapshot(page, `xss-${phone}`);
      throw err;
    } finally {
      await context.close();
    }
    expect(dialogs).toEqual([]);
    expect(shownAsText, 'the payload is rendered as text somewhere').toBeGreaterThan(0);
  }, 240_000);
});
