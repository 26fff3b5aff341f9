import { and, desc, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { makeIdNumber } from '@gongzhi/core';
import type { Client, TestContext } from '../../../test/harness.ts';
import { outbox } from '../../platform/outbox/outbox.table.ts';
import { regions } from '../org/org.table.ts';

/** The community of the demo worker and secretary, and one outside it. */
export const MY_COMMUNITY = '510108001001';
export const OTHER_COMMUNITY = '510108002001';
/** The password every sign-up of the tests chooses. */
export const PASSWORD = 'Neighbour2026';

type Answer = Awaited<ReturnType<TestContext['app']['inject']>>;

/**
 * Sign-up fixtures over one test context: fresh phones and client addresses (so the limits of one
 * test never touch another), codes read back from the outbox, register entries entered by a worker.
 */
export function accountKit(context: () => TestContext, worker: () => Client) {
  let seq = 0;
  let ips = 0;
  const post = (url: string, payload: unknown, ip = '10.0.0.1', headers: Record<string, string> = {}) =>
    context().app.inject({ method: 'POST', url, payload: payload as object, remoteAddress: ip, headers });
  const communityId = async (code: string) => (await context().database.db.select().from(regions).where(eq(regions.code, code)))[0]!.id;
  return {
    post,
    communityId,
    freshPhone: () => `1370000${String(1000 + ++seq).padStart(4, '0')}`,
    freshIp: () => `10.9.${Math.floor(++ips / 250)}.${(ips % 250) + 1}`,
    /** The latest code sent to a phone, read back from the outbox (the log adapter delivers it to the log). */
    async lastCode(phone: string, purpose: 'signup' | 'reset'): Promise<string> {
      const [m] = await context().database.db.select().from(outbox)
        .where(and(eq(outbox.template, `auth.code.${purpose}`), sql`${outbox.payload}->>'to' = ${phone}`)).orderBy(desc(outbox.createdAt)).limit(1);
      return m!.payload.code as string;
    },
    /** A new register entry in the worker's community with a known name and ID number. */
    async registerEntry(name: string, idSeq: number): Promise<{ id: string; idNumber: string }> {
      const household = (await worker().request('GET', '/api/v1/households?limit=1')).json().items[0].id as string;
      const idNumber = makeIdNumber('510108', '1980-03-04', idSeq);
      const res = await worker().request('POST', '/api/v1/residents', { householdId: household, name, idNumber, relation: '其他' });
      expect(res.statusCode).toBe(201);
      return { id: res.json().id, idNumber };
    },
    sendCode: (phone: string, ip: string, purpose: 'signup' | 'reset' = 'signup') =>
      post(purpose === 'signup' ? '/api/v1/signup/code' : '/api/v1/password-reset/code', { phone }, ip),
    async signUp(over: Partial<{ phone: string; code: string; password: string; name: string; idNumber: string; communityId: string }>, ip: string) {
      return post('/api/v1/signup', { password: PASSWORD, name: '新居民', idNumber: makeIdNumber('510108', '1990-01-01', 900 + seq), communityId: await communityId(MY_COMMUNITY), ...over }, ip);
    },
    /** A signed-in client from a sign-up answer. */
    clientOf(res: Answer): Client {
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const csrf = res.json().csrfToken as string;
      return { cookie, csrf, request: (method, url, body, headers = {}) => context().app.inject({ method: method as 'GET', url, payload: body as object | undefined, headers: { cookie, 'x-csrf-token': csrf, ...headers } }) };
    },
  };
}
