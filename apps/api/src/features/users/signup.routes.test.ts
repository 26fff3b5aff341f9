import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import { makeIdNumber } from '@gongzhi/core';
import { createTestContext, DEMO, DEMO_PASSWORD, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { outbox } from '../../platform/outbox/outbox.table.ts';
import { phoneCodes, users } from '../../platform/auth/auth.table.ts';
import { roleAssignments } from '../../platform/authz/authz.table.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { regions, residents } from '../org/org.table.ts';
import { accountLinkRequests } from './users.table.ts';

/** The community of the demo worker and secretary, and one outside it. */
const MY_COMMUNITY = '510108001001';
const OTHER_COMMUNITY = '510108002001';
const PASSWORD = 'Neighbour2026';

let ctx: TestContext;
let worker: Client, secretary: Client, grid: Client, outsider: Client;
let seq = 0;
let ips = 0;
/** A fresh phone (never a demo account's) and client address per call, so limits of one test do not touch another. */
const freshPhone = () => `1370000${String(1000 + ++seq).padStart(4, '0')}`;
const freshIp = () => `10.9.${Math.floor(++ips / 250)}.${(ips % 250) + 1}`;
const communityId = async (code: string) => (await ctx.database.db.select().from(regions).where(eq(regions.code, code)))[0]!.id;

const post = (url: string, payload: unknown, ip = '10.0.0.1', headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url, payload: payload as object, remoteAddress: ip, headers });

/** The latest code sent to a phone, read back from the outbox (the log adapter delivers it to the log). */
async function lastCode(phone: string, purpose: 'signup' | 'reset'): Promise<string> {
  const [m] = await ctx.database.db.select().from(outbox)
    .where(and(eq(outbox.template, `auth.code.${purpose}`), sql`${outbox.payload}->>'to' = ${phone}`)).orderBy(desc(outbox.createdAt)).limit(1);
  return m!.payload.code as string;
}

/** A new register entry in the worker's community with a known name and ID number. */
async function registerEntry(name: string, idSeq: number): Promise<{ id: string; idNumber: string }> {
  const household = (await worker.request('GET', '/api/v1/households?limit=1')).json().items[0].id as string;
  const idNumber = makeIdNumber('510108', '1980-03-04', idSeq);
  const res = await worker.request('POST', '/api/v1/residents', { householdId: household, name, idNumber, relation: '其他' });
  expect(res.statusCode).toBe(201);
  return { id: res.json().id, idNumber };
}

async function sendCode(phone: string, ip: string, purpose: 'signup' | 'reset' = 'signup') {
  return post(purpose === 'signup' ? '/api/v1/signup/code' : '/api/v1/password-reset/code', { phone }, ip);
}

async function signUp(over: Partial<{ phone: string; code: string; password: string; name: string; idNumber: string; communityId: string }>, ip: string) {
  return post('/api/v1/signup', { password: PASSWORD, name: '新居民', idNumber: makeIdNumber('510108', '1990-01-01', 900 + seq), communityId: await communityId(MY_COMMUNITY), ...over }, ip);
}

/** A signed-in client from a sign-up answer. */
function clientOf(res: Awaited<ReturnType<typeof post>>): Client {
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, request: (method, url, body, headers = {}) => ctx.app.inject({ method: method as 'GET', url, payload: body as object | undefined, headers: { cookie, 'x-csrf-token': csrf, ...headers } }) };
}

beforeAll(async () => {
  ctx = await createTestContext();
  [worker, secretary, grid, outsider] = await Promise.all([signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.secretary), signIn(ctx.app, DEMO.grid), signIn(ctx.app, DEMO.street)]);
});
afterAll(async () => { await ctx.close(); });

describe('sign-up with an SMS code', () => {
  it('links an account whose name and ID number match a register entry, signs the person in and gives them their household', async () => {
    const entry = await registerEntry('林小满', 301);
    const phone = freshPhone(), ip = freshIp();
    const sent = await sendCode(phone, ip);
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toEqual({ sent: true, ttlSeconds: 300, resendAfterSeconds: 60 });
    const code = await lastCode(phone, 'signup');
    expect(code).toMatch(/^\d{6}$/);
    // Only a keyed hash of the code is stored.
    const stored = await ctx.database.db.select().from(phoneCodes).where(eq(phoneCodes.codeHash, code));
    expect(stored).toHaveLength(0);
    const res = await signUp({ phone, code, name: '林小满', idNumber: entry.idNumber }, ip);
    expect(res.statusCode).toBe(201);
    expect(res.json().linked).toBe(true);
    expect(res.json().grants.map((g: { role: string }) => g.role)).toEqual(['resident']);
    const me = clientOf(res);
    const mine = await me.request('GET', '/api/v1/me/data');
    expect([200, 404]).toContain(mine.statusCode);
    const [u] = await ctx.database.db.select().from(users).where(eq(users.residentId, entry.id));
    expect(u!.name).toBe('林小满');
    const signupAudit = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'account.signup'), eq(auditLog.subjectId, u!.id)));
    expect(signupAudit).toHaveLength(1);
  });

  it('answers a code request the same for a phone with an account as for one without', async () => {
    const known = await sendCode(DEMO.owner, freshIp());
    const unknown = await sendCode(freshPhone(), freshIp());
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(known.json()).toEqual(unknown.json());
    const resetKnown = await sendCode(DEMO.partner, freshIp(), 'reset');
    const resetUnknown = await sendCode(freshPhone(), freshIp(), 'reset');
    expect(resetKnown.statusCode).toBe(200);
    expect(resetKnown.json()).toEqual(resetUnknown.json());
  });

  it('refuses a wrong code, an expired code and a used code', async () => {
    const phone = freshPhone(), ip = freshIp();
    await sendCode(phone, ip);
    const code = await lastCode(phone, 'signup');
    const wrong = code === '000000' ? '111111' : '000000';
    const w = await signUp({ phone, code: wrong }, ip);
    expect(w.statusCode).toBe(422);
    expect(w.json().error.code).toBe('CODE_INVALID');
    ctx.clock.offsetMs = 6 * 60 * 1000;
    try {
      const expired = await signUp({ phone, code }, ip);
      expect(expired.json().error.code).toBe('CODE_INVALID');
    } finally {
      ctx.clock.offsetMs = 0;
    }
    const phone2 = freshPhone();
    await sendCode(phone2, ip);
    const code2 = await lastCode(phone2, 'signup');
    expect((await signUp({ phone: phone2, code: code2 }, ip)).statusCode).toBe(201);
    const reused = await signUp({ phone: phone2, code: code2, name: '另一人' }, ip);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('CODE_INVALID');
  });

  it('locks the phone after five wrong codes, even for the right code, until the lock runs out', async () => {
    const phone = freshPhone(), ip = freshIp();
    await sendCode(phone, ip);
    const code = await lastCode(phone, 'signup');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) expect((await signUp({ phone, code: wrong }, ip)).json().error.code).toBe('CODE_INVALID');
    const fifth = await signUp({ phone, code: wrong }, ip);
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('CODE_LOCKED');
    expect((await signUp({ phone, code }, ip)).json().error.code).toBe('CODE_LOCKED');
    expect((await sendCode(phone, ip)).json().error.code).toBe('CODE_LOCKED');
    ctx.clock.offsetMs = 16 * 60 * 1000;
    try {
      expect((await sendCode(phone, ip)).statusCode).toBe(200);
    } finally {
      ctx.clock.offsetMs = 0;
    }
  });

  it('limits codes per phone (one a minute, five an hour) and per client address', async () => {
    const phone = freshPhone(), ip = freshIp();
    expect((await sendCode(phone, ip)).statusCode).toBe(200);
    const again = await sendCode(phone, ip);
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('CODE_TOO_SOON');
    try {
      for (let i = 1; i < 5; i++) {
        ctx.clock.offsetMs = i * 61_000;
        expect((await sendCode(phone, freshIp())).statusCode).toBe(200);
      }
      ctx.clock.offsetMs = 5 * 61_000;
      const sixth = await sendCode(phone, freshIp());
      expect(sixth.statusCode).toBe(429);
      expect(sixth.json().error.code).toBe('RATE_LIMITED');
    } finally {
      ctx.clock.offsetMs = 0;
    }
    // One address asking for many phones: the route's limiter (as sign-in's) answers 429.
    const busy = freshIp();
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await sendCode(freshPhone(), busy)).statusCode);
    expect(answers.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(answers.slice(10)).toEqual([429, 429]);
  });

  it('refuses a weak password without spending the code', async () => {
    const phone = freshPhone(), ip = freshIp();
    await sendCode(phone, ip);
    const code = await lastCode(phone, 'signup');
    const weak = await signUp({ phone, code, password: 'password' }, ip);
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe('PASSWORD_WEAK');
    expect((await signUp({ phone, code }, ip)).statusCode).toBe(201);
  });

  it('tells only the holder of a phone who proved it that the phone already has an account', async () => {
    const ip = freshIp();
    await sendCode(DEMO.owner, ip);
    const res = await signUp({ phone: DEMO.owner, code: await lastCode(DEMO.owner, 'signup') }, ip);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PHONE_TAKEN');
  });

  it('a retry with the same Idempotency-Key makes no second account', async () => {
    const phone = freshPhone(), ip = freshIp();
    await sendCode(phone, ip);
    const body = { phone, code: await lastCode(phone, 'signup'), password: PASSWORD, name: '重试者', idNumber: makeIdNumber('510108', '1991-02-02', 401), communityId: await communityId(MY_COMMUNITY) };
    const first = await post('/api/v1/signup', body, ip, { 'idempotency-key': 'signup-retry-1' });
    const second = await post('/api/v1/signup', body, ip, { 'idempotency-key': 'signup-retry-1' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(422);
    const [n] = await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.name, '重试者'));
    expect(n!.n).toBe(1);
  });
});

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
    expect(res.json().state).toBe('approved');
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

describe('forgotten and changed passwords', () => {
  it('a reset code sets a new password and ends every session of the account', async () => {
    const phone = freshPhone(), ip = freshIp();
    await sendCode(phone, ip);
    const signed = await signUp({ phone, code: await lastCode(phone, 'signup') }, ip);
    const first = clientOf(signed);
    const second = await signIn(ctx.app, phone, PASSWORD);
    ctx.clock.offsetMs = 61_000;
    try {
      await sendCode(phone, ip, 'reset');
    } finally {
      ctx.clock.offsetMs = 0;
    }
    const code = await lastCode(phone, 'reset');
    expect((await post('/api/v1/password-reset', { phone, code, password: '123' }, ip)).json().error.code).toBe('PASSWORD_WEAK');
    const res = await post('/api/v1/password-reset', { phone, code, password: 'Brand-new-2027' }, ip);
    expect(res.statusCode).toBe(204);
    expect((await first.request('GET', '/api/v1/session')).statusCode).toBe(401);
    expect((await second.request('GET', '/api/v1/session')).statusCode).toBe(401);
    await signIn(ctx.app, phone, 'Brand-new-2027');
    expect((await post('/api/v1/password-reset', { phone, code, password: 'Another-2028' }, ip)).json().error.code).toBe('CODE_INVALID');
  });

  it('a reset for a phone without an account is refused like a wrong code', async () => {
    const phone = freshPhone(), ip = freshIp();
    await sendCode(phone, ip, 'reset');
    const res = await post('/api/v1/password-reset', { phone, code: '123456', password: 'Brand-new-2027' }, ip);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('CODE_INVALID');
  });

  it('changing the password checks the old one, keeps this session and ends the others', async () => {
    const phone = freshPhone(), ip = freshIp();
    await sendCode(phone, ip);
    const here = clientOf(await signUp({ phone, code: await lastCode(phone, 'signup') }, ip));
    const elsewhere = await signIn(ctx.app, phone, PASSWORD);
    const wrong = await here.request('POST', '/api/v1/me/password', { oldPassword: 'not-it-123', newPassword: 'Changed-2027' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('PASSWORD_WRONG');
    expect((await here.request('POST', '/api/v1/me/password', { oldPassword: PASSWORD, newPassword: '12345678' })).json().error.code).toBe('PASSWORD_WEAK');
    const ok = await here.request('POST', '/api/v1/me/password', { oldPassword: PASSWORD, newPassword: 'Changed-2027' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().ended).toBe(1);
    expect((await here.request('GET', '/api/v1/session')).statusCode).toBe(200);
    expect((await elsewhere.request('GET', '/api/v1/session')).statusCode).toBe(401);
    await signIn(ctx.app, phone, 'Changed-2027');
  });

  it('demo accounts change their password too', async () => {
    const c = await signIn(ctx.app, DEMO.partyMember);
    expect((await c.request('POST', '/api/v1/me/password', { oldPassword: DEMO_PASSWORD, newPassword: 'Party-member-2027' })).statusCode).toBe(200);
  });
});
