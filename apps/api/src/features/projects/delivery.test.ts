import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { fireAt } from '../councils/councils.testkit.ts';
import { requestEvents, requests } from '../requests/requests.table.ts';
import { projectAcceptances } from './acceptance.table.ts';
import { projects } from './projects.table.ts';
import { code, deliveryCast, projectAt, projectRow, rows, scoreAcceptance, uploadPhoto, type DeliveryCast } from './delivery.testkit.ts';

let ctx: TestContext;
let d: DeliveryCast;
beforeAll(async () => {
  ctx = await createTestContext();
  d = await deliveryCast(ctx);
}, 60_000);
afterAll(async () => { await ctx.close(); });

const DAY = 86_400_000;
const MILESTONES = { milestones: [{ name: '材料采购', weight: 30 }, { name: '安装调试', weight: 70 }] };
const view = async (id: string, c = d.secretary) => (await c.request('GET', `/api/v1/projects/${id}/delivery`)).json();
const kinds = async (id: string) => (await d.resident.request('GET', `/api/v1/public/projects/${id}`)).json().trail.events.map((e: { kind: string }) => e.kind) as string[];

describe('delivery, acceptance and ratings: the happy path', () => {
  it('takes a project from progress with photos through inspections, acceptance and ratings to closed, answering the resident’s request', async () => {
    const filed = await d.resident.request('POST', '/api/v1/requests', { description: '3栋楼道灯坏了一个月', regionId: d.gridId });
    expect(filed.statusCode, filed.body).toBe(201);
    const requestId = filed.json().id as string;
    const id = await projectAt(ctx, d, 'in_progress', { requestIds: [requestId] });

    // Milestones: weights must sum to 100, nothing written otherwise.
    const bad = await d.secretary.request('POST', `/api/v1/projects/${id}/milestones`, { milestones: [{ name: 'a', weight: 30 }, { name: 'b', weight: 60 }] });
    expect([bad.statusCode, code(bad)]).toEqual([422, 'PROJECT_MILESTONE_WEIGHTS']);
    expect(await rows(ctx, 'project_milestones', id)).toBe(0);
    const set = await d.secretary.request('POST', `/api/v1/projects/${id}/milestones`, MILESTONES);
    expect(set.statusCode, set.body).toBe(200);
    const [m1, m2] = set.json().milestones as { id: string }[];

    // A phone photo loses its EXIF; the implementing organisation posts progress with it.
    const up = await uploadPhoto(d.social);
    expect(up.statusCode, up.body).toBe(201);
    const p1 = await d.social.request('POST', `/api/v1/projects/${id}/progress`, { milestoneId: m1!.id, donePercent: 50, note: '灯具已到货一半', photoKeys: [up.json().key] });
    expect(p1.statusCode, p1.body).toBe(201);
    expect(p1.json().progressPercent).toBe(15);
    const photoId = p1.json().updates[0].photoIds[0] as string;
    const photo = await d.resident.request('GET', `/api/v1/projects/${id}/photos/${photoId}`);
    expect(photo.statusCode).toBe(200);
    expect((await sharp(photo.rawPayload).metadata()).exif).toBeUndefined();
    // Staff do not post for an organisation's project; residents never do; milestones are fixed now.
    for (const c of [d.secretary, d.resident]) {
      const res = await c.request('POST', `/api/v1/projects/${id}/progress`, { milestoneId: m1!.id, donePercent: 60, note: 'x' });
      expect([res.statusCode, code(res)]).toEqual([403, 'PROJECT_NOT_IMPLEMENTER']);
    }
    expect(code(await d.secretary.request('POST', `/api/v1/projects/${id}/milestones`, MILESTONES))).toBe('PROJECT_MILESTONES_FIXED');
    const p2 = await d.social.request('POST', `/api/v1/projects/${id}/progress`, { milestoneId: m2!.id, donePercent: 99, note: '安装基本完成' });
    expect(p2.json().progressPercent).toBe(84); // 30×50/100 + 70×99/100 = 15 + 69.3, rounded down

    // An activity residents sign up for, through the activities feature.
    const start = Date.now() + 3 * DAY;
    const act = await d.worker.request('POST', `/api/v1/projects/${id}/activities`, {
      title: '新灯具使用说明会', address: '3栋楼下', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString(), capacity: 30, categoryCode: 'culture.sport',
    });
    expect(act.statusCode, act.body).toBe(201);

    // The supervisor raises a concern; acceptance waits until it is answered.
    const insp = await d.supervisor.request('POST', `/api/v1/projects/${id}/inspections`, { note: '5栋二楼灯具未固定', concern: true });
    expect(insp.statusCode, insp.body).toBe(201);
    expect((await d.resident.request('POST', `/api/v1/projects/${id}/inspections`, { note: 'x' })).statusCode).toBe(403);
    const members = ['党组织', '议事会成员', '议事会成员', '监委会', '居民代表'].map((capacity, i) => ({ name: `评委${i + 1}`, capacity }));
    const early = await d.secretary.request('POST', `/api/v1/projects/${id}/acceptance`, { members });
    expect([early.statusCode, code(early)]).toEqual([409, 'PROJECT_OPEN_CONCERNS']);
    expect(await rows(ctx, 'project_acceptances', id)).toBe(0);
    const inspectionId = insp.json().inspections[0].id as string;
    const ans = await d.social.request('POST', `/api/v1/projects/${id}/inspections/${inspectionId}/answer`, { answer: '已于次日加固' });
    expect(ans.statusCode, ans.body).toBe(200);
    expect(code(await d.social.request('POST', `/api/v1/projects/${id}/inspections/${inspectionId}/answer`, { answer: '再答' }))).toBe('PROJECT_CONCERN_ANSWERED');

    // The acceptance panel passes it: the linked request counts as resolved, ratings open.
    await scoreAcceptance(d, id, 86.5);
    const outcome = await d.secretary.request('POST', `/api/v1/projects/${id}/acceptance/outcome`, { finding: '照明质量达标，资料齐全' });
    expect(outcome.statusCode, outcome.body).toBe(200);
    expect(outcome.json()).toMatchObject({ status: 'accepted', acceptanceScore: 8650, ratingOpen: true });
    const [req] = await ctx.database.db.select().from(requests).where(eq(requests.id, requestId));
    expect(req!.state).toBe('replied');
    expect(req!.reply).toContain('楼道照明改造');
    const reqEvents = await ctx.database.db.select().from(requestEvents).where(eq(requestEvents.requestId, requestId));
    expect(reqEvents.some((e) => e.kind === 'reply' && e.toState === 'replied')).toBe(true);

    // Residents rate once each; the trail shows the stars without a name.
    expect((await view(id, d.resident)).abilities).toContain('rate');
    const r1 = await d.resident.request('POST', `/api/v1/projects/${id}/ratings`, { stars: 5, comment: '晚上回家亮堂了' });
    expect(r1.statusCode, r1.body).toBe(201);
    const again = await d.resident.request('POST', `/api/v1/projects/${id}/ratings`, { stars: 1, comment: '' });
    expect([again.statusCode, code(again)]).toEqual([409, 'PROJECT_ALREADY_RATED']);
    expect((await d.owner.request('POST', `/api/v1/projects/${id}/ratings`, { stars: 4 })).statusCode).toBe(201);
    expect(await projectRow(ctx, id)).toMatchObject({ ratingCount: 2, ratingSum: 9 });
    const trail = (await d.resident.request('GET', `/api/v1/requests/${requestId}/projects`)).json()[0];
    const rated = trail.events.filter((e: { kind: string }) => e.kind === 'rated');
    expect(rated.map((e: { figure: number; by: string }) => [e.figure, e.by])).toEqual([[5, '居民'], [4, '居民']]);

    // The window's end closes it.
    const [acc] = await ctx.database.db.select().from(projectAcceptances).where(eq(projectAcceptances.projectId, id));
    expect(await fireAt(ctx, new Date(acc!.ratingClosesAt!.getTime() + 1000))).toBeGreaterThanOrEqual(1);
    expect((await projectRow(ctx, id)).status).toBe('closed');
    expect(await kinds(id)).toEqual(expect.arrayContaining(['progress', 'activity', 'inspection', 'concern_answered', 'acceptance_passed', 'rating_opened', 'rated', 'closed']));
    const late = await d.party.request('POST', `/api/v1/projects/${id}/ratings`, { stars: 3 });
    expect([late.statusCode, code(late)]).toEqual([409, 'PROJECT_RATING_CLOSED']);
  });
});

describe('rectification', () => {
  it('a failed acceptance sends the project to rectification; a new acceptance waits for new progress', async () => {
    const id = await projectAt(ctx, d, 'in_progress', { residents: true });
    const set = await d.secretary.request('POST', `/api/v1/projects/${id}/milestones`, { milestones: [{ name: '全部工作', weight: 100 }] });
    const m = set.json().milestones[0].id as string;
    // 居民实施: community staff post for the residents.
    expect((await d.worker.request('POST', `/api/v1/projects/${id}/progress`, { milestoneId: m, donePercent: 100, note: '完成' })).statusCode).toBe(201);
    await scoreAcceptance(d, id, 50);
    const failed = await d.secretary.request('POST', `/api/v1/projects/${id}/acceptance/outcome`, { finding: '照度不足，需整改' });
    expect(failed.json()).toMatchObject({ status: 'rectifying', acceptanceScore: 5000 });
    const members = ['党组织', '议事会成员', '监委会'].map((capacity, i) => ({ name: `评委${i + 1}`, capacity }));
    const before = await rows(ctx, 'project_acceptances', id);
    const tooSoon = await d.secretary.request('POST', `/api/v1/projects/${id}/acceptance`, { members });
    expect([tooSoon.statusCode, code(tooSoon)]).toEqual([409, 'PROJECT_NO_NEW_PROGRESS']);
    expect(await rows(ctx, 'project_acceptances', id)).toBe(before);
    expect((await d.worker.request('POST', `/api/v1/projects/${id}/progress`, { milestoneId: m, donePercent: 100, note: '已更换高亮灯具' })).statusCode).toBe(201);
    expect((await d.secretary.request('POST', `/api/v1/projects/${id}/acceptance`, { members })).statusCode).toBe(201);
    const events = (await d.resident.request('GET', `/api/v1/public/projects/${id}`)).json().trail.events as { kind: string; figure: number | null; text: string | null }[];
    expect(events.find((e) => e.kind === 'acceptance_failed')).toMatchObject({ figure: 5000, text: '照度不足，需整改' });
  });
});

describe('bad input: 4xx with a code, nothing written', () => {
  it('refuses steps out of order, the wrong photo type, ratings outside the community or window', async () => {
    const early = await projectAt(ctx, d, 'published');
    const members = ['a', 'b', 'c'].map((name) => ({ name, capacity: '居民代表' }));
    const acc = await d.secretary.request('POST', `/api/v1/projects/${early}/acceptance`, { members });
    expect([acc.statusCode, code(acc)]).toEqual([409, 'PROJECT_STATE']);
    const ms = await d.secretary.request('POST', `/api/v1/projects/${early}/milestones`, MILESTONES);
    expect([ms.statusCode, code(ms)]).toEqual([409, 'PROJECT_STATE']);
    expect(await rows(ctx, 'project_acceptances', early) + await rows(ctx, 'project_milestones', early)).toBe(0);
    expect((await projectRow(ctx, early)).status).toBe('published');

    const uploadsBefore = await rows(ctx, 'uploads');
    const pdf = await uploadPhoto(d.social, Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF'), 'plan.jpg');
    expect([pdf.statusCode, code(pdf)]).toEqual([422, 'PROJECT_PHOTO_NOT_IMAGE']);
    expect(await rows(ctx, 'uploads')).toBe(uploadsBefore);

    // Another's upload key is not yours to attach; nothing is written.
    const id = await projectAt(ctx, d, 'in_progress');
    const m = (await d.secretary.request('POST', `/api/v1/projects/${id}/milestones`, MILESTONES)).json().milestones[0].id as string;
    const staffPhoto = (await uploadPhoto(d.worker)).json().key as string;
    const stolen = await d.social.request('POST', `/api/v1/projects/${id}/progress`, { milestoneId: m, donePercent: 10, note: 'x', photoKeys: [staffPhoto] });
    expect([stolen.statusCode, code(stolen)]).toEqual([422, 'UPLOAD_NOT_YOURS']);
    expect(await rows(ctx, 'project_updates', id)).toBe(0);

    // Ratings: before acceptance (window not open), and a project of another community (403).
    const notYet = await d.resident.request('POST', `/api/v1/projects/${id}/ratings`, { stars: 4 });
    expect([notYet.statusCode, code(notYet)]).toEqual([409, 'PROJECT_RATING_CLOSED']);
    const elsewhere = await projectAt(ctx, d, 'in_progress', { communityId: d.otherCommunityId });
    await ctx.database.db.update(projects).set({ status: 'accepted' }).where(eq(projects.id, elsewhere));
    const outside = await d.resident.request('POST', `/api/v1/projects/${elsewhere}/ratings`, { stars: 4 });
    expect([outside.statusCode, code(outside)]).toEqual([403, 'PROJECT_OUTSIDE_COMMUNITY']);
    expect(await rows(ctx, 'project_ratings', elsewhere) + await rows(ctx, 'project_ratings', id)).toBe(0);

    // Another community's project is not found for these staff.
    expect((await d.secretary.request('GET', `/api/v1/projects/${elsewhere}/delivery`)).statusCode).toBe(404);
    expect((await d.secretary.request('POST', `/api/v1/projects/${elsewhere}/close`)).statusCode).toBe(404);
    expect((await d.supervisor.request('POST', `/api/v1/projects/${elsewhere}/inspections`, { note: 'x' })).statusCode).toBe(404);
  });
});

describe('races and retries', () => {
  it('two ratings by the same resident at once: exactly one counts; two acceptances at once: one opens', async () => {
    const id = await projectAt(ctx, d, 'in_progress');
    const m = (await d.secretary.request('POST', `/api/v1/projects/${id}/milestones`, { milestones: [{ name: '全部', weight: 100 }] })).json().milestones[0].id as string;
    // A progress retried with the same Idempotency-Key is answered again, not posted twice.
    const body = { milestoneId: m, donePercent: 100, note: '完工' };
    const a = await d.social.request('POST', `/api/v1/projects/${id}/progress`, body, { 'idempotency-key': 'progress-1' });
    const b = await d.social.request('POST', `/api/v1/projects/${id}/progress`, body, { 'idempotency-key': 'progress-1' });
    expect([a.statusCode, b.statusCode, b.headers['idempotent-replayed']]).toEqual([201, 201, 'true']);
    expect(await rows(ctx, 'project_updates', id)).toBe(1);

    const members = ['a', 'b', 'c'].map((name) => ({ name, capacity: '居民代表' }));
    const opens = await Promise.all([1, 2].map(() => d.secretary.request('POST', `/api/v1/projects/${id}/acceptance`, { members })));
    expect(opens.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await rows(ctx, 'project_acceptances', id)).toBe(1);

    await ctx.database.db.update(projects).set({ status: 'accepted' }).where(eq(projects.id, id));
    await ctx.database.db.update(projectAcceptances).set({ state: 'passed', ratingClosesAt: new Date(Date.now() + DAY) }).where(eq(projectAcceptances.projectId, id));
    const rates = await Promise.all([5, 4].map((stars) => d.resident.request('POST', `/api/v1/projects/${id}/ratings`, { stars })));
    expect(rates.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await projectRow(ctx, id)).toMatchObject({ ratingCount: 1 });

    // Staff close it early; the window's timer then finds nothing to do.
    const closed = await d.secretary.request('POST', `/api/v1/projects/${id}/close`);
    expect(closed.json().status).toBe('closed');
    const twice = await d.secretary.request('POST', `/api/v1/projects/${id}/close`);
    expect([twice.statusCode, code(twice)]).toEqual([409, 'PROJECT_STATE']);
  });
});
