import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { makeIdNumber } from '@gongzhi/core';
import { outbox } from '../../api/src/platform/outbox/outbox.table.ts';
import { users } from '../../api/src/platform/auth/auth.table.ts';
import { regions } from '../../api/src/features/org/org.table.ts';
import { DEMO, signIn } from '../../api/test/harness.ts';
import { launchBrowser, snapshot, startSite, type Site } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

describe('sign-up', () => {
  it('a resident on a phone signs up with an SMS code from the outbox and lands on their home, linked to their household', async () => {
    // The register knows her: a worker entered her name and ID number.
    const worker = await signIn(site.ctx.app, DEMO.worker);
    const household = (await worker.request('GET', '/api/v1/households?limit=1')).json().items[0].id as string;
    const idNumber = makeIdNumber('510108', '1962-09-18', 433);
    expect((await worker.request('POST', '/api/v1/residents', { householdId: household, name: '周桂兰', idNumber, relation: '其他' })).statusCode).toBe(201);
    const [community] = await site.ctx.database.db.select().from(regions).where(eq(regions.code, '510108001001'));
    const phone = '13712340433';

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    try {
      await page.goto(`${site.baseUrl}/login`);
      expect(await page.getByTestId('login-card').textContent()).not.toContain('README');
      await page.getByTestId('elder-switch').click();
      await page.getByTestId('login-to-signup').click();
      await page.getByTestId('signup-card').waitFor();
      expect(await page.getByTestId('signup-sms-notice').textContent()).toContain('本演示环境未接短信网关，验证码写入服务器日志');
      await page.getByTestId('signup-phone').fill(phone);
      await page.getByTestId('signup-send-code').click();
      await page.getByTestId('signup-code-sent').waitFor();
      // The log adapter writes the message to the server log; the outbox row holds the same code.
      const readCode = async () => {
        const [m] = await site.ctx.database.db.select().from(outbox)
          .where(and(eq(outbox.template, 'auth.code.signup'), sql`${outbox.payload}->>'to' = ${phone}`)).orderBy(desc(outbox.createdAt)).limit(1);
        return m?.payload.code as string | undefined;
      };
      await expect.poll(readCode).toMatch(/^\d{6}$/);
      const code = (await readCode())!;
      await page.getByTestId('signup-code').fill(code);
      await page.getByTestId('signup-name').fill('周桂兰');
      await page.getByTestId('signup-id-number').fill(idNumber);
      await page.getByTestId('signup-community').click();
      await page.locator('.ant-select-item-option').filter({ hasText: community!.name }).first().click();
      await page.getByTestId('signup-password').fill('Guilan-1962');
      await page.getByTestId('signup-confirm').fill('Guilan-1962');
      await page.getByTestId('signup-submit').click();
      await page.getByTestId('resident-home').waitFor();
      expect(new URL(page.url()).pathname).not.toBe('/signup');
      const [u] = await site.ctx.database.db.select().from(users).where(eq(users.name, '周桂兰'));
      expect(u!.residentId).toBeTruthy();
    } catch (err) {
      await snapshot(page, 'signup');
      throw err;
    } finally {
      await context.close();
    }
  }, 120_000);
});
