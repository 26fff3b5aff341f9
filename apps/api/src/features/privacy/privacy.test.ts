import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO, signIn, type TestContext } from '../../../test/harness.ts';
import { tableDigest } from '../../../test/security/digest.ts';
import { ERASED_NAME } from './privacy.service.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { await ctx?.close(); });

const q = async <T>(text: string, params: unknown[] = []) => (await ctx.database.pool.query(text, params)).rows as T[];

describe('PIPL: my data and removal', () => {
  it('gives a resident everything held about them as JSON, and records it', async () => {
    const me = await signIn(ctx.app, DEMO.resident);
    const res = await me.request('GET', '/api/v1/me/data');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.json();
    expect(data.account.phone).toBe(DEMO.resident);
    expect(data.resident.name).toBeTruthy();
    expect(data.resident.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect((await q<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'privacy.export'"))[0]!.n).toBe(1);
  });

  it('removes a resident on their request: anonymised everywhere, audit trail and other rows kept', async () => {
    const me = await signIn(ctx.app, DEMO.resident);
    const mine = (await me.request('GET', '/api/v1/me/data')).json();
    const residentId = mine.resident.id as string;
    const userId = mine.account.id as string;
    // A request they raised (written directly, so this test does not hang on intake's own rules).
    const [anyReq] = await q<{ id: string }>('SELECT id FROM requests LIMIT 1');
    if (anyReq) await q('UPDATE requests SET reporter_user_id = $1, reporter_resident_id = $2, reporter_name = $3 WHERE id = $4', [userId, residentId, mine.resident.name, anyReq.id]);
    const auditBefore = (await q<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;
    const before = await tableDigest(ctx.database.pool);

    expect((await me.request('POST', '/api/v1/me/erasure', { confirm: false })).statusCode).toBe(400);
    const done = await me.request('POST', '/api/v1/me/erasure', { confirm: true });
    expect(done.statusCode).toBe(204);

    const [r] = await q<Record<string, unknown>>('SELECT * FROM residents WHERE id = $1', [residentId]);
    expect(r).toMatchObject({ name: ERASED_NAME, id_hash: null, id_cipher: null, id_masked: null, phone_hash: null, phone_cipher: null, phone_masked: null, birth_date: null });
    const [u] = await q<Record<string, unknown>>('SELECT * FROM users WHERE id = $1', [userId]);
    expect(u).toMatchObject({ name: ERASED_NAME, phone_masked: '***', resident_id: null });
    expect(u!.disabled_at).not.toBeNull();
    expect(await q('SELECT 1 FROM requests WHERE reporter_user_id = $1 OR reporter_resident_id = $2', [userId, residentId])).toEqual([]);
    if (anyReq) expect((await q<{ reporter_name: string }>('SELECT reporter_name FROM requests WHERE id = $1', [anyReq.id]))[0]!.reporter_name).toBe(ERASED_NAME);
    // Nowhere does the old name stay next to their id; the audit trail keeps every row (plus the erasure).
    expect(await q('SELECT 1 FROM audit_log WHERE actor_id = $1 AND actor_name <> $2', [userId, ERASED_NAME])).toEqual([]);
    expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n).toBe(auditBefore + 1);
    // Row counts of every table are unchanged: anonymised, not deleted (ledgers keep balancing).
    const after = await tableDigest(ctx.database.pool);
    for (const [t, d] of before) if (t !== 'audit_log') expect(after.get(t)!.split(':')[0], t).toBe(d.split(':')[0]);
    // Signed out and unable to sign in again; the phone no longer finds them.
    expect((await me.request('GET', '/api/v1/session')).statusCode).toBe(401);
    const again = await ctx.app.inject({ method: 'POST', url: '/api/v1/session', payload: { phone: DEMO.resident, password: 'gongzhi2026' } });
    expect(again.statusCode).toBe(401);
  });

  it('lets staff carry out a removal for a resident in their scope only', async () => {
    const worker = await signIn(ctx.app, DEMO.worker);
    const list = (await worker.request('GET', '/api/v1/residents?limit=1')).json();
    const id = list.items[0].id as string;
    const street = await signIn(ctx.app, DEMO.street);
    expect((await street.request('POST', `/api/v1/residents/${id}/erasure`, { confirm: true })).statusCode).toBe(403);
    expect((await worker.request('POST', `/api/v1/residents/${id}/erasure`, { confirm: true })).statusCode).toBe(204);
    expect((await q<{ name: string }>('SELECT name FROM residents WHERE id = $1', [id]))[0]!.name).toBe(ERASED_NAME);
    const staff = await signIn(ctx.app, DEMO.grid);
    expect((await staff.request('POST', '/api/v1/me/erasure', { confirm: true })).statusCode).toBe(403);
  });
});
