import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { launchBrowser, signInPage, startSite, type Site, withPage } from './browser.ts';
import { signIn } from '../../api/test/harness.ts';
import { councilMeetings } from '../../api/src/features/councils/councils.table.ts';

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

const MOTION = '同意设立党员志愿服务岗，每周六上午在北门轮值，名单在公示栏公布';
/** What the steps below pass along, in the order they run. */
const shared = { resolutionId: '' };

const desktop = () => browser.newContext({ viewport: { width: 1366, height: 900 } });

/** A meeting time four days ahead, as the datetime-local input wants it (China time). */
function inFourDays(): string {
  const d = new Date(Date.now() + 4 * 86_400_000 + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 10)}T09:30`;
}

describe('councils, meetings and the public notice board', () => {
  it('lets a community worker run a meeting to a resolution and publish it', async () => {
    await withPage(await desktop(), 'council-meeting', async (page) => {
      await signInPage(page, site.baseUrl, '13900000005');
      await page.goto(`${site.baseUrl}/councils`);
      await page.getByTestId('council-link').filter({ hasText: '小组议事会' }).first().click();
      await page.getByTestId('council-page').waitFor();
      expect(await page.getByTestId('seat-holder').count()).toBeGreaterThanOrEqual(6);

      await page.getByTestId('meeting-add').click();
      await page.getByTestId('meeting-title').fill('十二月小组议事会');
      await page.getByTestId('meeting-starts').fill(inFourDays());
      await page.getByTestId('meeting-items').getByText('党员志愿服务岗按周轮值安排').click();
      await page.getByTestId('meeting-submit').click();
      await page.getByTestId('meeting-page').waitFor();
      // Before its noticed start nothing may be done: the page says so. Then the start comes.
      await page.getByTestId('meeting-not-started').waitFor();
      const meetingUrl = page.url();
      await site.ctx.database.db.update(councilMeetings).set({ startsAt: new Date(Date.now() - 60_000) }).where(eq(councilMeetings.id, meetingUrl.split('/').pop()!));
      await page.reload();
      await page.getByTestId('meeting-page').waitFor();
      expect(await page.getByTestId('meeting-not-started').count()).toBe(0);

      for (let i = 0; i < 4; i++) {
        const before = await page.getByTestId('member-present').count();
        await page.getByTestId('member-sign-in').first().click();
        await expect.poll(() => page.getByTestId('member-present').count()).toBe(before + 1);
      }
      await expect.poll(() => page.getByTestId('quorum').getAttribute('data-reached')).toBe('true');

      await page.getByTestId('motion-item').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '党员志愿服务岗按周轮值安排' }).click();
      await page.getByTestId('motion-text').fill(MOTION);
      await page.getByTestId('motion-put').click();
      await page.getByTestId('motion').waitFor();
      // Staff cannot vote for members: no vote buttons for them.
      expect(await page.getByTestId('vote-for').count()).toBe(0);

      // The party member votes themself, on a phone in elder mode: their council, its open meeting, one tap.
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await phone.addInitScript(() => localStorage.setItem('gz.elder', 'true'));
      await withPage(phone, 'council-member-vote', async (member) => {
        await signInPage(member, site.baseUrl, '13900000012');
        await member.goto(`${site.baseUrl}/my-councils`);
        await member.getByTestId('council-link').filter({ hasText: '小组议事会' }).first().click();
        await member.getByTestId('open-meeting-link').filter({ hasText: '十二月小组议事会' }).click();
        await member.getByTestId('meeting-page').waitFor();
        if (await member.getByTestId('sign-in-self').count()) await member.getByTestId('sign-in-self').click();
        await member.getByTestId('vote-self').getByTestId('vote-for').click();
        await member.getByTestId('my-vote').waitFor();
        expect(await member.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
      });

      // The others raised their hands: one staff member records the count, a second confirms it.
      await page.reload();
      await page.getByTestId('hands-form').locator('input').first().fill('3');
      await page.getByTestId('hands-record').click();
      await page.getByTestId('hands-pending').waitFor();
      expect(await page.getByTestId('hands-confirm').count()).toBe(0);
      await withPage(await desktop(), 'council-confirm', async (second) => {
        await signInPage(second, site.baseUrl, '13900000004');
        await second.goto(meetingUrl);
        await second.getByTestId('hands-confirm').click();
        await second.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
        await second.getByTestId('hands-note').waitFor();
      });
      await page.reload();
      await page.getByTestId('hands-note').waitFor();
      await page.getByTestId('motion-close').click();
      await expect.poll(() => page.getByTestId('motion-result').getAttribute('data-result')).toBe('passed');
      expect(await page.getByTestId('motion-counts').textContent()).toContain('同意 4');

      await page.getByTestId('resolution-link').click();
      await page.getByTestId('notice-page').waitFor();
      shared.resolutionId = page.url().split('/').pop() ?? '';
      await page.getByTestId('notice-publish').click();
      await expect.poll(() => page.getByTestId('notice-state').getAttribute('data-state')).toBe('published');
    });
  });

  it('shows the resolution on the public board without signing in, with no objection form', async () => {
    await withPage(await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true }), 'notice-public', async (page) => {
      await page.goto(`${site.baseUrl}/notice-board`);
      await page.getByTestId('notice-board').waitFor();
      await page.getByTestId('notice-link').filter({ hasText: '党员志愿服务岗按周轮值安排' }).click();
      await page.getByTestId('notice-page').waitFor();
      expect(page.url()).toContain(shared.resolutionId);
      expect(await page.getByTestId('notice-text').textContent()).toContain('每周六上午');
      expect(await page.getByTestId('objection-text').count()).toBe(0);
      expect(await page.getByTestId('board-sign-in').count()).toBe(1);
    });
  });

  it('lets a resident of the grid object, and the worker answer the objection', async () => {
    await withPage(await desktop(), 'notice-object', async (page) => {
      await signInPage(page, site.baseUrl, '13900000013');
      await page.goto(`${site.baseUrl}/notice-board/${shared.resolutionId}`);
      await page.getByTestId('objection-text').fill('周六上午北门人流大，建议改到东门');
      await page.getByTestId('objection-submit').click();
      await expect.poll(() => page.getByTestId('objection').count()).toBe(1);
      expect(await page.getByTestId('objection').textContent()).toContain('我的异议');
    });
    await withPage(await desktop(), 'notice-answer', async (page) => {
      await signInPage(page, site.baseUrl, '13900000005');
      await page.goto(`${site.baseUrl}/notice-board/${shared.resolutionId}`);
      await page.getByTestId('answer-reason').fill('东门正在施工，暂在北门设岗，施工结束后调整');
      await page.getByTestId('answer-submit').click();
      await expect.poll(() => page.getByTestId('objection').textContent()).toContain('异议不成立');
      // Still on notice: it takes effect when the window closes.
      expect(await page.getByTestId('notice-state').getAttribute('data-state')).toBe('published');
    });
  });

  it('offers the sorted small matters not yet on an agenda when staff add an agenda item (issue 15 item 17)', async () => {
    const [worker, resident] = await Promise.all([signIn(site.ctx.app, '13900000005'), signIn(site.ctx.app, '13900000013')]);
    const councils = (await worker.request('GET', '/api/v1/councils?limit=50')).json() as { items: { id: string; name: string; region: { id: string } }[] };
    const council = councils.items.find((x) => x.name.includes('小组议事会'))!;
    const filed = await resident.request('POST', '/api/v1/requests', { description: '三单元楼道声控灯坏了一个多月，老人晚上下楼不安全', regionId: council.region.id });
    expect(filed.statusCode, filed.body).toBe(201);
    const req = filed.json() as { id: string; number: string };
    expect((await worker.request('POST', `/api/v1/requests/${req.id}/events`, { event: 'sort', matter: 'small' })).statusCode).toBe(200);
    await withPage(await desktop(), 'council-agenda-small', async (page) => {
      await signInPage(page, site.baseUrl, '13900000005');
      await page.goto(`${site.baseUrl}/councils/${council.id}`);
      await page.getByTestId('council-page').waitFor();
      await page.getByTestId('agenda-add').click();
      // antd's dropdown may swallow a click while it is still opening on a loaded machine: pick until chosen.
      await expect.poll(async () => {
        if (await page.getByTestId('agenda-small-matter').isVisible()) return true;
        if (!(await page.locator('.ant-select-item-option').first().isVisible())) await page.getByTestId('agenda-source').click();
        await page.locator('.ant-select-item-option').filter({ hasText: '三事分流·小事' }).click({ timeout: 5000 }).catch(() => undefined);
        return page.getByTestId('agenda-small-matter').isVisible();
      }, { timeout: 30_000 }).toBe(true);
      // Searched on the server by words of the description; the option shows number, date and text.
      await page.getByTestId('agenda-small-matter').click();
      await page.keyboard.type('声控灯');
      const option = page.locator(`[data-testid="agenda-small-matter-option"][data-number="${req.number}"]`);
      await option.waitFor();
      expect(await option.textContent()).toContain('三单元楼道声控灯坏了');
      await option.click();
      expect(await page.getByTestId('agenda-title').inputValue()).toContain('声控灯');
      await page.getByTestId('agenda-submit').click();
      await page.getByTestId('agenda-item').filter({ hasText: req.number }).waitFor();
    });
    // Now on an agenda: no longer offered.
    const left = (await worker.request('GET', `/api/v1/councils/${council.id}/small-matters`)).json() as { id: string }[];
    expect(left.map((x) => x.id)).not.toContain(req.id);
  });
});
