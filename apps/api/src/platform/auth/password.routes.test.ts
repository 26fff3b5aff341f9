import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO, DEMO_PASSWORD, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { accountKit, PASSWORD } from '../../features/users/users.testkit.ts';

let ctx: TestContext;
let worker: Client;
const { post, freshPhone, freshIp, lastCode, sendCode, signUp, clientOf } = accountKit(() => ctx, () => worker);

beforeAll(async () => {
  ctx = await createTestContext();
  [worker] = await Promise.all([signIn(ctx.app, DEMO.worker)]);
});
afterAll(async () => { await ctx.close(); });

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

