import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { signIn } from '../../api/test/harness.ts';
import { roleAssignments } from '../../api/src/platform/authz/authz.table.ts';
import { launchBrowser, signInPage, startSite, type Site, withPage } from './browser.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); }, 240_000);
afterAll(async () => { await browser?.close(); await site?.close(); });

const RESIDENT = '13900000013';
const OWNER = '13900000014';
const SECRETARY = '13900000004';
const TITLE = '浏览器测试：小区健身角';

/** A phone in elder mode (长辈版) for residents; a desktop for the secretary. */
const onPhone = async (name: string, run: (page: Page) => Promise<void>) =>
  withPage(await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }), name, run);
const onDesktop = async (name: string, run: (page: Page) => Promise<void>) =>
  withPage(await browser.newContext({ viewport: { width: 1280, height: 900 } }), name, run);

describe('community projects from a resident’s request to the public page', () => {
  let requestId: string;
  let projectId: string;
  let roundId: string;

  it('a resident turns their request into a project', async () => {
    const api = await signIn(site.ctx.app, RESIDENT);
    const [home] = await site.ctx.database.db.select({ regionId: roleAssignments.regionId }).from(roleAssignments).where(eq(roleAssignments.role, 'resident'));
    const filed = await api.request('POST', '/api/v1/requests', { description: '小区没有健身器材，老人只能在路边活动', regionId: home!.regionId });
    expect(filed.statusCode, filed.body).toBe(201);
    requestId = filed.json().id;
    await onPhone('projects-propose', async (page) => {
      await signInPage(page, site.baseUrl, RESIDENT);
      await page.getByTestId('home-projects').waitFor();
      await page.goto(`${site.baseUrl}/my-requests/${requestId}`);
      await page.getByTestId('request-to-project').click();
      await page.getByTestId('project-title').fill(TITLE);
      await page.getByTestId('project-summary').fill('在3栋旁空地安装8件健身器材');
      await page.getByTestId('project-reason').fill('老人没有安全的锻炼场地');
      await page.getByTestId('project-cost').fill('36000');
      await page.getByTestId('project-beneficiaries').fill('锦绣花园约300名老人');
      await page.getByTestId('project-submit').click();
      await page.getByTestId('project-page').waitFor();
      projectId = new URL(page.url()).pathname.split('/').pop()!;
      expect(await page.getByTestId('project-page').textContent()).toContain('¥36,000.00');
      await page.goto(`${site.baseUrl}/my-requests/${requestId}`);
      await page.getByTestId('request-projects').getByText(TITLE).waitFor();
    });
  }, 240_000);

  it('a neighbour co-signs it', async () => {
    await onPhone('projects-cosign', async (page) => {
      await signInPage(page, site.baseUrl, OWNER);
      await page.goto(`${site.baseUrl}/projects/${projectId}`);
      await page.getByTestId('project-cosign').click();
      await page.getByTestId('project-cosign').filter({ hasText: '已联署' }).waitFor();
    });
  }, 240_000);

  it('the secretary sorts it onto a round, sends the list to the council and opens the vote', async () => {
    await onDesktop('projects-sort', async (page) => {
      await signInPage(page, site.baseUrl, SECRETARY);
      await page.goto(`${site.baseUrl}/projects`);
      await page.getByTestId('round-create').click();
      await page.getByTestId('round-budget').fill('200000');
      await page.locator('#round-create-ok').click();
      await page.getByTestId('round-page').waitFor();
      roundId = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByTestId('sort-item').filter({ hasText: TITLE }).waitFor();
      await page.getByTestId('sort-save').click();
      await page.getByTestId('round-item').filter({ hasText: TITLE }).waitFor();
      await page.getByTestId('round-council').click();
      await page.locator('.ant-select-item-option').first().click();
      await page.getByTestId('round-send').click();
      await page.getByTestId('vote-open').click();
      await page.getByTestId('round-status').filter({ hasText: '居民投票中' }).waitFor();
    });
  }, 240_000);

  it('residents vote, the secretary closes the vote, and the result is shown', async () => {
    for (const phone of [RESIDENT, OWNER]) {
      await onPhone(`projects-vote-${phone}`, async (page) => {
        await signInPage(page, site.baseUrl, phone);
        await page.goto(`${site.baseUrl}/projects/rounds/${roundId}`);
        await page.getByTestId('round-item').filter({ hasText: TITLE }).getByTestId('vote-choice').click();
        await page.getByTestId('vote-submit').click();
        await page.getByText('您已投票').waitFor();
      });
    }
    await onDesktop('projects-close', async (page) => {
      await signInPage(page, site.baseUrl, SECRETARY);
      await page.goto(`${site.baseUrl}/projects/rounds/${roundId}`);
      await page.getByTestId('vote-close').click();
      await page.getByTestId('round-result').waitFor();
      const item = page.getByTestId('round-item').filter({ hasText: TITLE });
      expect(await item.textContent()).toContain('票数 2');
      expect(await item.textContent()).toContain('入选');
    });
  }, 240_000);

  it('the public page shows it without signing in, with no personal data', async () => {
    await onPhone('projects-public', async (page) => {
      await page.goto(`${site.baseUrl}/public/projects`);
      const row = page.getByTestId('public-project').filter({ hasText: TITLE });
      await row.waitFor();
      expect(await row.textContent()).toContain('居民');
      expect(await row.textContent()).toContain('投票入选');
    });
  }, 240_000);
});
