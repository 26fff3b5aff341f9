import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { makeIdNumber } from '@gongzhi/core';
import { createTestContext, DEMO, DEMO_PASSWORD, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { phoneCodes, users } from '../../platform/auth/auth.table.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { residents, unitOwners } from '../org/org.table.ts';
import { accountKit, MY_COMMUNITY, OTHER_COMMUNITY, PASSWORD } from './users.testkit.ts';
import { accountLinkRequests } from './users.table.ts';

let ctx: TestContext;
let worker: Client;
const { post, freshPhone, freshIp, communityId, lastCode, registerEntry, sendCode, signUp, clientOf } = accountKit(() => ctx, () => worker);

beforeAll(async () => {
  ctx = await createTestContext();
  [worker] = await Promise.all([signIn(ctx.app, DEMO.worker)]);
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

  it('links only to an entry in the chosen community: a match elsewhere waits as a request in the chosen one (probe fix)', async () => {
    const entry = await registerEntry('跨社区', 311);
    const phone = freshPhone(), ip = freshIp();
    await sendCode(phone, ip);
    const other = await communityId(OTHER_COMMUNITY);
    const res = await signUp({ phone, code: await lastCode(phone, 'signup'), name: '跨社区', idNumber: entry.idNumber, communityId: other }, ip);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().linked).toBe(false);
    expect(await ctx.database.db.select().from(users).where(eq(users.residentId, entry.id))).toHaveLength(0);
    const waiting = await ctx.database.db.select().from(accountLinkRequests).where(eq(accountLinkRequests.name, '跨社区'));
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ communityId: other, regionPath: OTHER_COMMUNITY, state: 'pending' });
  });

  it('an owner of a unit whose name and ID number match is linked as resident and owner (their units come with the entry)', async () => {
    const [owner] = await ctx.database.db.select({ r: residents }).from(unitOwners).innerJoin(residents, eq(residents.id, unitOwners.residentId))
      .where(sql`${residents.regionPath} LIKE ${MY_COMMUNITY + '%'} AND ${residents.idCipher} IS NOT NULL AND ${residents.movedOutAt} IS NULL
        AND NOT EXISTS (SELECT 1 FROM users u WHERE u.resident_id = ${residents.id})`).limit(1);
    const phone = freshPhone(), ip = freshIp();
    await sendCode(phone, ip);
    const res = await signUp({ phone, code: await lastCode(phone, 'signup'), name: owner!.r.name, idNumber: ctx.vault.decrypt(owner!.r.idCipher!) }, ip);
    expect(res.statusCode).toBe(201);
    expect(res.json().linked).toBe(true);
    expect(res.json().grants.map((g: { role: string }) => g.role).sort()).toEqual(['owner', 'resident']);
    expect(res.json().grants[0].regionPath).toBe(owner!.r.regionPath);
  });

  it('an API token cannot change its owner\'s password', async () => {
    const c = await signIn(ctx.app, DEMO.socialOrg);
    const token = (await c.request('POST', '/api/v1/tokens', { name: 'bot' })).json().token as string;
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/me/password', payload: { oldPassword: DEMO_PASSWORD, newPassword: 'Bot-changed-2027' }, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(403);
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

