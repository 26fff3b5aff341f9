import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let resident: Client, worker: Client, secretary: Client, owner: Client;
const q = async <T>(text: ReturnType<typeof sql>) => (await ctx.database.db.execute(text)).rows as T[];
const textOf = async (bytes: Buffer) => {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text.replace(/\s+/g, '');
};

beforeAll(async () => {
  ctx = await createTestContext();
  [resident, worker, secretary, owner] = await Promise.all([signIn(ctx.app, DEMO.resident), signIn(ctx.app, DEMO.worker), signIn(ctx.app, DEMO.secretary), signIn(ctx.app, DEMO.owner)]);
});
afterAll(async () => { await ctx.close(); });

describe('the service certificate', () => {
  it('states the name, the approved hours of the period, the records, the community and a verification number that was recorded', async () => {
    const reg = await resident.request('POST', '/api/v1/volunteers/me', { skills: ['tutoring'] });
    const id = reg.json().registration.id as string;
    // Before verification there is no certificate.
    expect((await resident.request('GET', '/api/v1/volunteers/me/certificate.pdf')).statusCode).toBe(404);
    await worker.request('POST', `/api/v1/volunteers/${id}/decision`, { decision: 'verify' });
    const add = async (serviceDay: string, start: string, end: string, title: string) => {
      const r = (await worker.request('POST', `/api/v1/volunteers/${id}/service-records`, { serviceDay, start, end, title })).json() as { id: string };
      expect((await secretary.request('POST', `/api/v1/volunteers/service-records/${r.id}/decision`, { decision: 'approve' })).statusCode).toBe(200);
    };
    await add('2026-03-07', '09:00', '11:30', '周末课业辅导');
    await add('2026-04-11', '14:00', '15:00', '社区环境清洁');
    await add('2026-09-01', '09:00', '10:00', '开学护学岗');
    // One still pending: it is not on the certificate.
    await worker.request('POST', `/api/v1/volunteers/${id}/service-records`, { serviceDay: '2026-04-12', start: '09:00', end: '12:00', title: '待审核的服务' });

    const res = await resident.request('GET', '/api/v1/volunteers/me/certificate.pdf?from=2026-03-01&to=2026-06-30');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const text = await textOf(res.rawPayload);
    const [{ name }] = await q<{ name: string }>(sql`SELECT r.name FROM residents r JOIN volunteers v ON v.resident_id = r.id WHERE v.id = ${id}`) as [{ name: string }];
    const [cert] = await q<{ number: string; minutes: number }>(sql`SELECT number, minutes FROM volunteer_certificates WHERE volunteer_id = ${id}`);
    expect(cert!.minutes).toBe(210);
    for (const part of ['志愿服务证明', name, '2026-03-01', '2026-06-30', '3.5小时', '210分钟', '周末课业辅导', '社区环境清洁', '望平社区', cert!.number]) expect(text).toContain(part);
    expect(text).not.toContain('开学护学岗');
    expect(text).not.toContain('待审核的服务');
    expect((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'volunteer.certificate' AND subject_id = ${id}`))[0]!.n).toBe(1);
  });
  it('is issued by staff in scope, refused for a bad period, and not for someone who is not a volunteer', async () => {
    const [{ id }] = await q<{ id: string }>(sql`SELECT id FROM volunteers WHERE status = 'verified' LIMIT 1`) as [{ id: string }];
    const staff = await secretary.request('GET', `/api/v1/volunteers/${id}/certificate.pdf`);
    expect(staff.statusCode).toBe(200);
    expect(staff.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await secretary.request('GET', `/api/v1/volunteers/${id}/certificate.pdf?from=2026-05-01&to=2026-04-01`)).json().error.code).toBe('VOLUNTEER_PERIOD_INVALID');
    expect((await owner.request('GET', '/api/v1/volunteers/me/certificate.pdf')).statusCode).toBe(404);
    expect((await owner.request('GET', `/api/v1/volunteers/${id}/certificate.pdf`)).statusCode).toBe(403);
  });
});
