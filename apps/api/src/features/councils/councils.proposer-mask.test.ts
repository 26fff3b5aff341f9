import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { cast, gridCouncil, type Cast } from './councils.testkit.ts';

// Probe 2 · item 3: a residents' proposal is read by neighbours; the proposer's own name written into
// its text is erased for them, as a request's reporter's name is in public request text.

let ctx: TestContext;
let c: Cast;
beforeAll(async () => {
  ctx = await createTestContext();
  c = await cast(ctx);
});
afterAll(async () => { await ctx.close(); });

describe('a proposal as other residents read it', () => {
  it("erases the proposer's own name for neighbours, keeps it for the proposer and staff", async () => {
    const council = await gridCouncil(c);
    const me = (await c.resident.request('GET', '/api/v1/session')).json().user as { name: string };
    expect(me.name.length).toBeGreaterThanOrEqual(2);
    const title = `${me.name}提议加装充电桩`;
    const description = `我是${me.name}，电话13812345678，电动车上楼充电有火灾隐患`;
    const proposal = await c.resident.request('POST', `/api/v1/councils/${council.id}/agenda`, { source: 'proposal', title, description });
    expect(proposal.statusCode, proposal.body).toBe(201);
    const id = proposal.json().id as string;

    const item = (body: { agenda: { id: string; title: string; description: string }[] }) => body.agenda.find((a) => a.id === id)!;
    const seen = item((await c.owner.request('GET', `/api/v1/councils/${council.id}`)).json());
    expect(seen).toMatchObject({ title: '某某提议加装充电桩', description: '我是某某，电话138****5678，电动车上楼充电有火灾隐患' });
    const cosigned = (await c.owner.request('POST', `/api/v1/council-agenda/${id}/cosign`)).json();
    expect(JSON.stringify(cosigned)).not.toContain(me.name);

    // On a meeting's agenda too.
    const startsAt = new Date(Date.now() + 8 * 24 * 3_600_000).toISOString();
    const noticed = await c.worker.request('POST', `/api/v1/councils/${council.id}/meetings`, { title: '议事会', location: '社区活动室', startsAt, agendaItemIds: [id] });
    expect(noticed.statusCode, noticed.body).toBe(201);
    const meeting = await c.owner.request('GET', `/api/v1/council-meetings/${noticed.json().id}`);
    expect(meeting.statusCode, meeting.body).toBe(200);
    expect(meeting.body).not.toContain(me.name);
    expect(item(meeting.json())).toMatchObject({ title: '某某提议加装充电桩' });

    expect(item((await c.resident.request('GET', `/api/v1/councils/${council.id}`)).json())).toMatchObject({ title, description });
    expect(item((await c.worker.request('GET', `/api/v1/councils/${council.id}`)).json())).toMatchObject({ title, description });
  });
});
