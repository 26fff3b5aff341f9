import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { DEMO, signIn } from '../../api/test/harness.ts';
import { roleAssignments } from '../../api/src/platform/authz/authz.table.ts';
import { organisations, regions } from '../../api/src/features/org/org.table.ts';
import { funds } from '../../api/src/features/funds/funds.table.ts';
import { invoicePdf } from '../../api/src/features/funds/funds.test-helpers.ts';
import { fireAt, startMeeting } from '../../api/src/features/councils/councils.testkit.ts';
import { launchBrowser, pickOption, signInPage, startSite, type Site, withPage } from './browser.ts';

// Issue 16's whole loop on the demo city: a resident's request → proposal → sorted → the council's
// resolution (published when its notice closes) → tender (two bids, panel) → award → progress with a
// photo → acceptance panel → three instalments through the fund's two-person flow → the resident's
// rating; then the request page, the public page and the public ledger agree to the fen.
let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); }, 240_000);
afterAll(async () => { await browser?.close(); await site?.close(); });

const TITLE = '全流程测试：3栋旁健身角';
const SECOND_ORG = '望平邻里互助社';
const DAY = 86_400_000;
/** The server's clock (the site's clock is the test context's, moved by offsetMs). */
const serverNow = () => new Date(Date.now() + site.ctx.clock.offsetMs);
/** Moves the server's clock forward to `at` and fires what is due then. Sessions are signed in again afterwards. */
async function moveTo(at: Date) {
  site.ctx.clock.offsetMs = at.getTime() - Date.now();
  await fireAt(site.ctx, at);
}
/** An API client signed in now (after a clock move an old session may have expired). */
const api = (phone: string) => signIn(site.ctx.app, phone);

const onPhone = async (name: string, run: (page: Page) => Promise<void>) =>
  withPage(await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }), name, run);
const onDesktop = async (name: string, run: (page: Page) => Promise<void>) =>
  withPage(await browser.newContext({ viewport: { width: 1280, height: 900 } }), name, run);
/** A desktop page signed in as `phone`, at `path`. */
const as = (phone: string, name: string, path: string, run: (page: Page) => Promise<void>) => onDesktop(name, async (page) => {
  await signInPage(page, site.baseUrl, phone);
  await page.goto(`${site.baseUrl}${path}`);
  await run(page);
});


/**
 * Scores every member's card for every candidate on /panels/:id (staff enter the paper sheets: each
 * member gives `scoreOf(candidate)` on every criterion), then closes the panel.
 */
async function scorePanel(page: Page, scoreOf: (candidate: string) => number) {
  await page.getByTestId('panel-page').waitFor();
  const rows = page.getByTestId('panel-members').locator('tbody tr.ant-table-row');
  await rows.first().waitFor();
  const members = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? ''));
  const candidates = await page.getByTestId('panel-results').locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? ''));
  expect(candidates.length).toBeGreaterThan(0);
  const form = page.getByTestId('panel-score');
  let done = 0;
  for (const member of members) {
    await pickOption(page, 'score-member', member);
    for (const candidate of candidates) {
      await pickOption(page, 'score-candidate', candidate);
      const inputs = form.locator('.ant-input-number-input');
      for (let k = 0; k < (await inputs.count()); k++) await inputs.nth(k).fill(String(scoreOf(candidate)));
      await page.getByTestId('score-submit').click();
      done++;
      // The members' table counts the card: the sum of every member's "已评 k/n".
      await expect.poll(async () => [...((await page.getByTestId('panel-members').textContent()) ?? '').matchAll(/已评 (\d+)\//g)].reduce((a, m) => a + Number(m[1]), 0), { timeout: 10_000 }).toBe(done);
    }
  }
  await page.getByTestId('panel-close').click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
  await expect.poll(() => page.getByTestId('panel-state').getAttribute('data-state')).toBe('closed');
}

const yuanText = (fen: bigint) => `¥${(fen / 100n).toLocaleString('en-US')}.${String(fen % 100n).padStart(2, '0')}`;
const fenOf = (text: string) => BigInt(text.replace(/[^\d]/g, ''));
const AWARD_FEN = 3_000_001n; // ¥30,000.01: the instalments 30/40/30 % round down, the last takes the odd fen.

describe('issue 16: the whole loop of a community project, in the browser', () => {
  let requestId: string; let projectId: string; let roundId: string; let fundCode: string;

  it('a resident turns their request into a proposal; the secretary sorts it and sends the list to the council', async () => {
    const db = site.ctx.database.db;
    // A second bidding organisation: the partner's account also acts for it (as tender.test.ts does).
    const [grant] = await db.select().from(roleAssignments).where(eq(roleAssignments.role, 'community_secretary'));
    const [community] = await db.select().from(regions).where(eq(regions.code, grant!.regionPath!));
    const [org] = await db.insert(organisations).values({ kind: 'social_org', name: SECOND_ORG, regionId: community!.id, regionPath: community!.code, districtCode: community!.districtCode }).returning();
    const [partner] = await db.select().from(roleAssignments).where(eq(roleAssignments.role, 'partner'));
    await db.insert(roleAssignments).values({ userId: partner!.userId, role: 'social_org', regionId: community!.id, regionPath: community!.code, organisationId: org!.id });

    // The request itself is filed through the API (the requests pages have their own browser tests).
    const [home] = await db.select({ regionId: roleAssignments.regionId }).from(roleAssignments).where(eq(roleAssignments.role, 'resident'));
    const filed = await (await api(DEMO.resident)).request('POST', '/api/v1/requests', { description: '3栋旁空地没有健身器材，老人只能在路边活动', regionId: home!.regionId });
    expect(filed.statusCode, filed.body).toBe(201);
    requestId = filed.json().id;
    await onPhone('loop-propose', async (page) => {
      await signInPage(page, site.baseUrl, DEMO.resident);
      await page.goto(`${site.baseUrl}/my-requests/${requestId}`);
      await page.getByTestId('request-to-project').click();
      await page.getByTestId('project-title').fill(TITLE);
      await page.getByTestId('project-summary').fill('在3栋旁空地安装6件健身器材');
      await page.getByTestId('project-reason').fill('老人没有安全的锻炼场地');
      await page.getByTestId('project-cost').fill('32000');
      await page.getByTestId('project-beneficiaries').fill('锦绣花园约300名老人');
      await page.getByTestId('project-submit').click();
      await page.getByTestId('project-page').waitFor();
      projectId = new URL(page.url()).pathname.split('/').pop()!;
    });
    await as(DEMO.secretary, 'loop-sort', '/projects', async (page) => {
      await page.getByTestId('round-create').click();
      await page.getByTestId('round-budget').fill('200000');
      await page.locator('#round-create-ok').click();
      await page.getByTestId('round-page').waitFor();
      roundId = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByTestId('sort-item').filter({ hasText: TITLE }).waitFor();
      await page.getByTestId('sort-save').click();
      await page.getByTestId('round-item').filter({ hasText: TITLE }).waitFor();
      await page.getByTestId('round-council').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await page.getByTestId('round-send').click();
      await page.getByTestId('vote-open').waitFor();
    });
  }, 240_000);

  it('the council resolves the list (meeting and vote through the API); the secretary records it; its notice closes and the project is published', async () => {
    const [worker, secretary] = await Promise.all([api(DEMO.worker), api(DEMO.secretary)]);
    const r = (await worker.request('GET', `/api/v1/project-rounds/${roundId}`)).json();
    // Council procedure through the API harness (as projects.rules.test.ts): meeting, attendance, motion, show of hands.
    const council = (await worker.request('GET', `/api/v1/councils/${r.councilId}`)).json();
    const meeting = await worker.request('POST', `/api/v1/councils/${r.councilId}/meetings`, { title: '社区项目议事会', startsAt: new Date(Date.now() + (council.noticeHours + 8) * 3_600_000).toISOString(), agendaItemIds: [r.agendaItemId] });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const meetingId = meeting.json().id as string;
    await startMeeting(site.ctx, meetingId);
    const seats = (council.seats as { id: string }[]).map((s) => s.id);
    for (const seatId of seats) expect((await worker.request('POST', `/api/v1/council-meetings/${meetingId}/attendance`, { seatId })).statusCode).toBeLessThan(300);
    const motion = await worker.request('POST', `/api/v1/council-meetings/${meetingId}/motions`, { agendaItemId: r.agendaItemId, text: '同意社区项目清单' });
    expect(motion.statusCode, motion.body).toBe(201);
    const motionId = motion.json().motions[0].id as string;
    expect((await worker.request('POST', `/api/v1/council-motions/${motionId}/show-of-hands`, { for: seats.length, against: 0, abstain: 0 })).statusCode).toBeLessThan(300);
    expect((await secretary.request('POST', `/api/v1/council-motions/${motionId}/show-of-hands/confirm`, {})).statusCode).toBeLessThan(300);
    const resolutionId = (await worker.request('POST', `/api/v1/council-motions/${motionId}/close`)).json().motions[0].resolutionId as string;
    expect(resolutionId).toBeTruthy();
    // In the browser: the secretary records the council's resolution on the round.
    await as(DEMO.secretary, 'loop-resolve', `/projects/rounds/${roundId}`, async (page) => {
      await page.getByTestId('round-resolve-id').fill(resolutionId);
      await page.getByTestId('round-resolve').click();
      await page.getByTestId('round-status').filter({ hasText: /决议|resolved/ }).waitFor();
    });
    // The resolution goes on the notice board (council procedure, API); its window closes unopposed.
    const pub = await worker.request('POST', `/api/v1/council-resolutions/${resolutionId}/publish`, {});
    expect(pub.statusCode, pub.body).toBe(200);
    await moveTo(new Date(new Date(pub.json().windowEndsAt as string).getTime() + 60_000));
    const detail = await (await api(DEMO.resident)).request('GET', `/api/v1/projects/${projectId}`);
    expect(detail.json().status).toBe('published');
  }, 240_000);

  it('the secretary opens a call; two organisations bid; the panel scores them; the award reserves the money and takes effect', async () => {
    // The paying fund: the community's protection fund, topped up through the API if its free money would not cover the award.
    const staff = await api(DEMO.secretary);
    const tender = (await staff.request('GET', `/api/v1/projects/${projectId}/tender`)).json();
    const fund = (tender.funds as { id: string; kind: string; name: string }[]).find((f) => f.kind === 'protection')!;
    fundCode = (await site.ctx.database.db.select({ code: funds.code }).from(funds).where(eq(funds.id, fund.id)))[0]!.code;
    const shown = (await site.ctx.app.inject({ method: 'GET', url: `/api/v1/public/funds/${fundCode}` })).json();
    if (BigInt(shown.balanceFen) - BigInt(shown.reservedFen ?? '0') < AWARD_FEN) {
      const topUp = await staff.request('POST', `/api/v1/funds/${fund.id}/incomes`, { kind: 'allocation', amountFen: 10_000_000, source: '街道办事处', purpose: '社区项目资金' });
      expect(topUp.statusCode, topUp.body).toBe(201);
    }
    await as(DEMO.secretary, 'loop-call', `/projects/${projectId}`, async (page) => {
      await page.getByTestId('tender-open').click();
      await page.getByTestId('tender-call').waitFor();
    });
    for (const [phone, amount] of [[DEMO.socialOrg, '30000.01'], [DEMO.partner, '29000']] as const) {
      await as(phone, `loop-bid-${phone}`, '/projects/calls', async (page) => {
        await page.getByTestId('tender-calls-row').filter({ hasText: TITLE }).getByTestId('tender-calls-bid').click();
        await page.getByTestId('tender-bid-plan').fill('分两期：采购器材，安装调试并培训使用');
        await page.getByTestId('tender-bid-member-name').fill('王工');
        await page.getByTestId('tender-bid-member-role').fill('项目负责人');
        await page.getByTestId('tender-bid-line-item').fill('器材与安装');
        await page.getByTestId('tender-bid-line-amount').fill(amount);
        await page.getByTestId('tender-bid-submit').click();
        await page.getByTestId('tender-bid-mine').waitFor();
      });
    }
    // The call's window ends (the minimum is tenderMinDays): move the server's clock past it.
    const call = (await (await api(DEMO.secretary)).request('GET', `/api/v1/projects/${projectId}/tender`)).json().calls[0];
    await moveTo(new Date(new Date(call.closesAt as string).getTime() + 60_000));
    let panelUrl = '';
    await as(DEMO.secretary, 'loop-panel-setup', `/projects/${projectId}`, async (page) => {
      await page.getByTestId('tender-panel-members').fill('党委委员甲 党组织\n议事会成员乙 议事会成员\n居民代表丙 居民代表');
      await page.getByTestId('tender-panel-create').click();
      await page.getByTestId('tender-panel-link').click();
      // The demo social organisation's plan scores higher, though it costs more.
      await scorePanel(page, (label) => (label.includes(SECOND_ORG) ? 70 : 85));
      panelUrl = page.url();
      await page.goto(`${site.baseUrl}/projects/${projectId}`);
      await page.getByTestId('tender-bids').waitFor();
      await pickOption(page, 'tender-award-fund', fund.name);
      await page.getByTestId('tender-award-submit').click();
      await page.getByTestId('tender-award').filter({ hasText: yuanText(AWARD_FEN) }).waitFor();
    });
    expect(panelUrl).toContain('/panels/');
    // The award's notice closes unopposed after its working days: the contract takes effect.
    await moveTo(new Date(serverNow().getTime() + 14 * DAY));
    expect((await (await api(DEMO.resident)).request('GET', `/api/v1/projects/${projectId}`)).json().status).toBe('in_progress');
  }, 240_000);

  it('staff set milestones; the organisation posts progress with a photo; instalments 1 and 2 are asked and approved by a second person', async () => {
    await as(DEMO.secretary, 'loop-milestones', `/projects/${projectId}`, async (page) => {
      await page.getByTestId('delivery-milestone-name-0').fill('器材采购');
      await page.getByTestId('delivery-milestone-weight-0').fill('40');
      await page.getByTestId('delivery-milestone-add').click();
      await page.getByTestId('delivery-milestone-name-1').fill('安装调试');
      await page.getByTestId('delivery-milestone-weight-1').fill('60');
      await page.getByTestId('delivery-milestones-save').click();
      await page.getByTestId('delivery-milestones').filter({ hasText: '安装调试' }).waitFor();
    });
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#7a9' } }).jpeg().toBuffer();
    await as(DEMO.socialOrg, 'loop-progress', `/projects/${projectId}`, async (page) => {
      for (const [milestone, note] of [['器材采购', '器材已全部到货'], ['安装调试', '安装完成，已调试']] as const) {
        await pickOption(page, 'delivery-progress-milestone', milestone);
        await page.getByTestId('delivery-progress-percent').fill('100');
        await page.getByTestId('delivery-progress-note').fill(note);
        await page.getByTestId('delivery-progress-photo').setInputFiles({ name: 'site.jpg', mimeType: 'image/jpeg', buffer: photo });
        await page.getByTestId('delivery-progress-photo-button').filter({ hasText: '(1)' }).waitFor();
        await page.getByTestId('delivery-progress-submit').click();
        await page.getByTestId('delivery-updates').filter({ hasText: note }).waitFor();
      }
      // Both milestones done: 40 × 100 % + 60 × 100 % = 100 %.
      await expect.poll(async () => ((await page.getByTestId('delivery-milestones').textContent()) ?? '').match(/完成 100%/g)?.length ?? 0).toBe(2);
    });
    await askInstalments([1, 2]);
    await approveOnFund(2);
  }, 240_000);

  /** The community worker asks for instalments `ks` on the project's MoneyCard, each with a receipt. */
  async function askInstalments(ks: number[]) {
    await as(DEMO.worker, `loop-ask-${ks.join('')}`, `/projects/${projectId}`, async (page) => {
      for (const k of ks) {
        await pickOption(page, 'money-request-k', `第 ${k} 期`);
        await page.getByTestId('money-request-form').locator('input[type=file]').setInputFiles({ name: `receipt-${k}.pdf`, mimeType: 'application/pdf', buffer: invoicePdf() });
        await page.getByTestId('money-request-form').getByText(`receipt-${k}.pdf`).waitFor();
        await page.getByTestId('money-request-submit').click();
        await page.getByTestId(`money-instalment-${k}-state`).filter({ hasText: /审批|pending/i }).waitFor();
      }
    });
  }

  /** The secretary (a second person) approves the project's pending payments on the fund's page. */
  async function approveOnFund(n: number) {
    await as(DEMO.secretary, 'loop-approve', `/funds/${fundCode}`, async (page) => {
      for (let i = 0; i < n; i++) {
        const pending = page.getByTestId('pending-expenses').locator('[data-testid^="pending-"]', { hasText: TITLE }).first();
        await pending.getByTestId('expense-approve').click();
        await page.getByTestId('expense-approve-confirm').click();
        await page.getByTestId('expense-review').waitFor({ state: 'hidden' });
      }
      await expect.poll(() => page.getByTestId('pending-expenses').locator('[data-testid^="pending-"]', { hasText: TITLE }).count()).toBe(0);
    });
  }

  it('the acceptance panel passes it; the last instalment is paid; the resident rates it', async () => {
    await as(DEMO.secretary, 'loop-acceptance', `/projects/${projectId}`, async (page) => {
      for (let i = 0; i < 5; i++) await page.getByTestId(`delivery-acceptance-member-${i}`).fill(`验收评委${i + 1}`);
      await page.getByTestId('delivery-acceptance-open').click();
      await page.getByTestId('delivery-acceptance-panel').click();
      await scorePanel(page, () => 88);
      await page.goto(`${site.baseUrl}/projects/${projectId}`);
      await page.getByTestId('delivery-outcome-finding').fill('器材安装牢固，资料齐全，验收通过');
      await page.getByTestId('delivery-outcome-submit').click();
      await page.getByTestId('delivery-acceptances').filter({ hasText: '88.00' }).waitFor();
    });
    await askInstalments([3]);
    await approveOnFund(1);
    await onPhone('loop-rate', async (page) => {
      await signInPage(page, site.baseUrl, DEMO.resident);
      await page.goto(`${site.baseUrl}/projects/${projectId}`);
      await page.getByTestId('rate-card').waitFor();
      await page.getByTestId('rate-stars').locator('.ant-rate-star').nth(4).click();
      await page.getByTestId('rate-comment').fill('老人每天都来锻炼');
      await page.getByTestId('rate-submit').click();
      await page.getByTestId('rate-done').waitFor();
    });
  }, 240_000);

  it('the resident sees every step on the request’s page; the public page shows the same; the ledger agrees to the fen', async () => {
    const STEPS = ['proposed', 'listed', 'resolved', 'published', 'call_opened', 'bid_received', 'awarded', 'reserved', 'award_effective',
      'progress', 'instalment_requested', 'paid', 'acceptance_passed', 'rating_opened', 'rated'];
    const stepsOf = async (within: Pick<Page, 'getByTestId'>) => {
      const trail = within.getByTestId('project-trail');
      await trail.locator('[data-testid="trail-step-rated"]').waitFor();
      return trail.locator('[data-testid^="trail-step-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('trail-step-'.length)));
    };
    const money = `中标 ${yuanText(AWARD_FEN)}，已支付 ${yuanText(AWARD_FEN)}`;
    let mine: string[] = [];
    await onPhone('loop-request-trail', async (page) => {
      await signInPage(page, site.baseUrl, DEMO.resident);
      await page.goto(`${site.baseUrl}/my-requests/${requestId}`);
      // The request's card shows the project it raised, expanded, with every step.
      mine = await stepsOf(page.getByTestId('request-projects'));
      expect(mine).toEqual(expect.arrayContaining(STEPS));
      expect(mine.filter((k) => k === 'paid')).toHaveLength(3);
      expect(await page.getByTestId('trail-money').textContent()).toBe(money);
      expect(await page.getByTestId('trail-rating').textContent()).toContain('5.0');
    });
    await onPhone('loop-public-trail', async (page) => {
      await page.goto(`${site.baseUrl}/public/projects/${projectId}`);
      await page.getByTestId('public-project').waitFor();
      expect(await stepsOf(page)).toEqual(mine);
      expect(await page.getByTestId('trail-money').textContent()).toBe(money);
      expect(await page.getByTestId('trail-rating').textContent()).toContain('5.0');
      // The public ledger of the paying fund: the project's entries add up to what it was paid.
      await page.goto(`${site.baseUrl}/public/funds/${fundCode}`);
      await page.getByRole('tab', { name: '会计账簿（供核查）' }).click();
      const entries = page.getByTestId('fund-entries').locator('[data-testid^="entry-"][data-kind="expense"]', { hasText: TITLE });
      await expect.poll(() => entries.count()).toBe(3);
      const amounts = await entries.getByTestId('entry-amount').allTextContents();
      expect(amounts.reduce((sum, a) => sum + fenOf(a), 0n)).toBe(AWARD_FEN);
    });
  }, 240_000);
});
