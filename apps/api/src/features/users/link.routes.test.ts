import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { makeIdNumber } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { roleAssignments } from '../../platform/authz/authz.table.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { residents } from '../org/org.table.ts';
import { accountLinkRequests } from './users.table.ts';
import { accountKit, MY_COMMUNITY, OTHER_COMMUNITY } from './users.testkit.ts';

let ctx: TestContext;
let worker: Client, secretary: Client, grid: Client, outsider: Client;
const { freshPhone, freshIp, communityId, lastCode, registerEntry, sendCode, signUp, clientOf } = accountKit(() => ctx, () => worker);

beforeAll(async () => {
  ctx = await createTestContext();
  [worker, secretary, grid, outsider] = await Promise.all([signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.secretary), signIn(ctx.app, DEMO.grid), signIn(ctx.app, DEMO.street)]);
});
afterAll(async () => { await ctx.close(); });

describe('link requests', () => {
  /** Signs up someone the register does not know (name or ID number differ): a pending link request. */
  async function pendingSignUp(name: string, idSeq: number, community = MY_COMMUNITY) {
    const phone = freshPhone(), ip = freshIp();
    await sendCode(phone, ip);
    const res = await signUp({ phone, code: await lastCode(phone, 'signup'), name, idNumber: makeIdNumber('510108', '1975-05-05', idSeq), communityId: await communityId(community) }, ip);
    expect(res.statusCode).toBe(201);
    expect(res.json().linked).toBe(false);
    expect(res.json().grants).toEqual([]);
    const [req] = await ctx.database.db.select().from(accountLinkRequests).where(eq(accountLinkRequests.userId, res.json().user.id));
    return { phone, client: clientOf(res), userId: res.json().user.id as string, requestId: req!.id };
  }

  it('an ID number that matches an entry under another name leaves the account unlinked, pending', async () => {
    const entry = await registerEntry('郑一鸣', 501);
    const phone = freshPhone(), ip = freshIp();
    await sendCode(phone, ip);
    const res = await signUp({ phone, code: await lastCode(phone, 'signup'), name: '郑二鸣', idNumber: entry.idNumber }, ip);
    expect(res.statusCode).toBe(201);
    expect(res.json().linked).toBe(false);
    const list = (await worker.request('GET', '/api/v1/account-links')).json();
    const mine = list.items.find((i: { userId: string }) => i.userId === res.json().user.id);
    expect(mine).toMatchObject({ state: 'pending', reason: 'no_match', name: '郑二鸣' });
    expect(mine.idMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(JSON.stringify(list)).not.toContain(entry.idNumber);
  });

  it('a worker approves by linking an existing entry; the person then reaches their household', async () => {
    const entry = await registerEntry('宋晚晴', 502);
    const p = await pendingSignUp('宋晚晴', 777);
    const res = await worker.request('POST', `/api/v1/account-links/${p.requestId}/approve`, { residentId: entry.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'approved', residentId: entry.id, name: '宋晚晴' });
    expect(res.json().phoneMasked).toMatch(/^137\*{4}\d{4}$/);
    expect(res.json().communityName).toBeTruthy();
    const [u] = await ctx.database.db.select().from(users).where(eq(users.id, p.userId));
    expect(u!.residentId).toBe(entry.id);
    const grants = await ctx.database.db.select().from(roleAssignments).where(eq(roleAssignments.userId, p.userId));
    expect(grants.map((g) => g.role)).toEqual(['resident']);
    const log = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'account.link'), eq(auditLog.subjectId, p.userId)));
    expect(log).toHaveLength(1);
  });

  it('a worker approves by creating a new entry in a household they choose, from the ID number given at sign-up', async () => {
    const p = await pendingSignUp('韩新来', 778);
    const household = (await worker.request('GET', '/api/v1/households?limit=1')).json().items[0].id as string;
    const res = await worker.request('POST', `/api/v1/account-links/${p.requestId}/approve`, { householdId: household, relation: '其他' });
    expect(res.statusCode).toBe(200);
    const [u] = await ctx.database.db.select().from(users).where(eq(users.id, p.userId));
    const [r] = await ctx.database.db.select().from(residents).where(eq(residents.id, u!.residentId!));
    expect(r).toMatchObject({ name: '韩新来', householdId: household });
    expect(r!.idMasked).toBeTruthy();
    // The request kept the sealed ID number only for the decision.
    const [settled] = await ctx.database.db.select().from(accountLinkRequests).where(eq(accountLinkRequests.id, p.requestId));
    expect(settled).toMatchObject({ state: 'approved', idCipher: null, idHash: null });
  });

  it('a request is approved only onto an entry or household inside the community the person chose', async () => {
    const admin = await signIn(ctx.app, DEMO.admin);
    const p = await pendingSignUp('跨社区', 783);
    const elsewhere = (await ctx.database.db.select().from(residents).where(sql`${residents.regionPath} LIKE ${OTHER_COMMUNITY + '%'}`).limit(1))[0]!;
    const res = await admin.request('POST', `/api/v1/account-links/${p.requestId}/approve`, { residentId: elsewhere.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('LINK_OUTSIDE_COMMUNITY');
    const byHousehold = await admin.request('POST', `/api/v1/account-links/${p.requestId}/approve`, { householdId: elsewhere.householdId, relation: '其他' });
    expect(byHousehold.statusCode).toBe(422);
    expect(byHousehold.json().error.code).toBe('LINK_OUTSIDE_COMMUNITY');
    expect((await ctx.database.db.select().from(roleAssignments).where(eq(roleAssignments.userId, p.userId)))).toEqual([]);
    expect((await ctx.database.db.select().from(residents).where(eq(residents.name, '跨社区')))).toEqual([]);
    const [req] = await ctx.database.db.select().from(accountLinkRequests).where(eq(accountLinkRequests.id, p.requestId));
    expect(req!.state).toBe('pending');
  });

  it('two workers approving the same request at once: one links, the other is told it is decided', async () => {
    const e1 = await registerEntry('并发甲', 503);
    const e2 = await registerEntry('并发乙', 504);
    const p = await pendingSignUp('并发者', 779);
    const answers = await Promise.all([
      worker.request('POST', `/api/v1/account-links/${p.requestId}/approve`, { residentId: e1.id }),
      secretary.request('POST', `/api/v1/account-links/${p.requestId}/approve`, { residentId: e2.id }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json().error.code).toBe('LINK_REQUEST_DECIDED');
    const links = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'account.link'), eq(auditLog.subjectId, p.userId)));
    expect(links).toHaveLength(1);
  });

  it('an approval retried with the same Idempotency-Key is answered again, not done twice', async () => {
    const p = await pendingSignUp('幂等者', 780);
    const household = (await worker.request('GET', '/api/v1/households?limit=1')).json().items[0].id as string;
    const body = { householdId: household, relation: '其他' };
    const a = await worker.request('POST', `/api/v1/account-links/${p.requestId}/approve`, body, { 'idempotency-key': 'approve-1' });
    const b = await worker.request('POST', `/api/v1/account-links/${p.requestId}/approve`, body, { 'idempotency-key': 'approve-1' });
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.headers['idempotent-replayed']).toBe('true');
    const created = await ctx.database.db.select().from(residents).where(eq(residents.name, '幂等者'));
    expect(created).toHaveLength(1);
  });

  it('a worker outside the community sees the request as not found; a rejection settles it', async () => {
    const p = await pendingSignUp('外区人', 781);
    const far = await outsider.request('POST', `/api/v1/account-links/${p.requestId}/reject`, { reason: '不认识' });
    expect([403, 404]).toContain(far.statusCode);
    const p2 = await pendingSignUp('别社区', 782, OTHER_COMMUNITY);
    const notMine = await worker.request('POST', `/api/v1/account-links/${p2.requestId}/approve`, { residentId: (await registerEntry('某人', 505)).id });
    expect(notMine.statusCode).toBe(404);
    expect(notMine.json().error.code).toBe('LINK_REQUEST_NOT_FOUND');
    expect((await worker.request('GET', '/api/v1/account-links')).json().items.some((i: { id: string }) => i.id === p2.requestId)).toBe(false);
    const rejected = await worker.request('POST', `/api/v1/account-links/${p.requestId}/reject`, { reason: '查无此人' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().state).toBe('rejected');
    expect((await worker.request('POST', `/api/v1/account-links/${p.requestId}/reject`, { reason: '再次' })).json().error.code).toBe('LINK_REQUEST_DECIDED');
  });
});

describe('staff link and unlink on a resident', () => {
  it('links by phone, shows the account, and unlinking ends the resident\'s access to household data', async () => {
    const entry = await registerEntry('钱解绑', 506);
    const p = { phone: freshPhone(), ip: freshIp() };
    await sendCode(p.phone, p.ip);
    const signed = await signUp({ phone: p.phone, code: await lastCode(p.phone, 'signup'), name: '钱解绑', idNumber: makeIdNumber('510108', '1970-07-07', 606) }, p.ip);
    const me = clientOf(signed);
    const linked = await worker.request('POST', `/api/v1/residents/${entry.id}/account`, { phone: p.phone });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().account.phoneMasked).toMatch(/^137\*{4}\d{4}$/);
    expect((await me.request('GET', '/api/v1/session')).json().grants.map((g: { role: string }) => g.role)).toEqual(['resident']);
    const myData = await me.request('GET', '/api/v1/me/data');
    expect(myData.statusCode).toBe(200);
    const before = myData.body;
    expect(before).toContain('钱解绑');

    const unlinked = await secretary.request('DELETE', `/api/v1/residents/${entry.id}/account`);
    expect(unlinked.statusCode).toBe(204);
    expect((await me.request('GET', '/api/v1/session')).json().grants).toEqual([]);
    const after = await me.request('GET', '/api/v1/me/data');
    expect(after.body).not.toContain(entry.id);
    expect((await worker.request('GET', `/api/v1/residents/${entry.id}/account`)).json().account).toBeNull();
    const log = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'account.unlink'), eq(auditLog.subjectId, signed.json().user.id)));
    expect(log).toHaveLength(1);
  });

  it('a worker of another community cannot link or unlink (not found)', async () => {
    const otherHousehold = (await ctx.database.db.select().from(residents).where(sql`${residents.regionPath} LIKE ${OTHER_COMMUNITY + '%'}`).limit(1))[0]!;
    const res = await grid.request('DELETE', `/api/v1/residents/${otherHousehold.id}/account`);
    expect(res.statusCode).toBe(404);
    const far = await worker.request('POST', `/api/v1/residents/${otherHousehold.id}/account`, { phone: DEMO.owner });
    expect(far.statusCode).toBe(404);
    expect((await grid.request('GET', `/api/v1/residents/${otherHousehold.id}/account`)).statusCode).toBe(404);
  });
});

