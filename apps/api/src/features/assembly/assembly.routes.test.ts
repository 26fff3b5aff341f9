import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, like, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { formatArea, quorumShortfall, tallyOwnersVote } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { runDueTimers } from '../../platform/jobs/scheduler.ts';
import { TIMER_HANDLERS } from '../../timers.ts';
import { outbox } from '../../platform/outbox/outbox.table.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { regions, unitOwners, units } from '../org/org.table.ts';
import { assemblies, assemblyBallots, assemblyOwners, assemblyUnits } from './assembly.table.ts';
import { createAssembly } from './assembly.service.ts';
import { SYSTEM_ACTOR } from '../../platform/authz/actor.ts';
import type { CreateAssemblyBody } from '@gongzhi/contracts';

const DAY = 86_400_000;
const GRID = '510108001001001'; // 锦绣花园网格: the demo owner's compound
// A real 1×1 PNG: a PNG by content, but no scan of a paper ballot (too small to hold one).
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVQImWP4//8/AAX+Av5Y8msOAAAAAElFTkSuQmCC', 'base64');

/** A blank A4-ish page, as a phone or scanner would give: a scan by content and by size. */
let PNG: Buffer;
/** Other pages, one per further owner: a scan is one owner's sheet of paper, never reused. */
let PNGS: Buffer[];
let ctx: TestContext;
let secretary: Client, owner: Client, grid: Client, resident: Client;
let gridId: string;
let assemblyId: string;
let matterIds: string[];

const now = () => new Date(Date.now() + ctx.clock.offsetMs);
const iso = (ms: number) => new Date(now().getTime() + ms).toISOString();
const db = () => ctx.database.db;

/** A multipart body: text fields first, then the scan. */
function paper(fields: Record<string, string>, file?: Buffer) {
  const boundary = '----gongzhi-assembly-boundary';
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.png"\r\nContent-Type: image/png\r\n\r\n`), file, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const postPaper = (c: Client, id: string, fields: Record<string, string>, file?: Buffer) => {
  const m = paper(fields, file);
  return c.request('POST', `/api/v1/assemblies/${id}/paper-ballots`, m.body, m.headers);
};
const body = (regionId: string, opensInMs: number, extra: Record<string, unknown> = {}) => ({
  regionId, title: '关于续聘物业并筹集维修资金的业主大会', opensAt: iso(opensInMs), closesAt: iso(opensInMs + 10 * DAY),
  matters: [
    { kind: 'property_manager', title: '续聘蓉城物业' },
    { kind: 'raise_maintenance_fund', title: '筹集专项维修资金' },
  ],
  ...extra,
});
const code = (res: { json(): unknown }) => (res.json() as { error?: { code: string } }).error?.code;
const verify = (c: Client, id: string, ownerKey: string, accept = true) => c.request('POST', `/api/v1/assemblies/${id}/paper-ballots/verify`, { ownerKey, accept });
const ballotsIn = async (id: string) => (await db().select({ n: count() }).from(assemblyBallots).where(eq(assemblyBallots.assemblyId, id)))[0]!.n;

/** Moves the app's clock and signs everyone in again (sessions expire as days pass). */
async function travel(offsetMs: number) {
  ctx.clock.offsetMs = offsetMs;
  [secretary, owner, grid, resident] = await Promise.all([
    signIn(ctx.app, DEMO.secretary), signIn(ctx.app, DEMO.owner), signIn(ctx.app, DEMO.grid), signIn(ctx.app, DEMO.resident),
  ]);
}

beforeAll(async () => {
  PNG = await sharp({ create: { width: 620, height: 877, channels: 3, background: '#ffffff' } }).png().toBuffer();
  PNGS = await Promise.all(['#fefefe', '#fdfdfd', '#fcfcfc', '#fbfbfb'].map((background) => sharp({ create: { width: 620, height: 877, channels: 3, background } }).png().toBuffer()));
  ctx = await createTestContext();
  await travel(0);
  gridId = (await db().select().from(regions).where(eq(regions.code, GRID)))[0]!.id;
});
afterAll(async () => { await ctx.close(); });

describe('convening', () => {
  it('refuses a notice shorter than 15 days and writes nothing', async () => {
    const before = (await db().select({ n: count() }).from(assemblies))[0]!.n;
    const res = await secretary.request('POST', '/api/v1/assemblies', body(gridId, 15 * DAY - 60_000));
    expect(res.statusCode).toBe(422);
    expect(code(res)).toBe('ASSEMBLY_NOTICE_TOO_SHORT');
    expect((await db().select({ n: count() }).from(assemblies))[0]!.n).toBe(before);
  });

  it('refuses a window that closes before it opens, and residents may not convene', async () => {
    const bad = await secretary.request('POST', '/api/v1/assemblies', body(gridId, 20 * DAY, { closesAt: iso(19 * DAY) }));
    expect(code(bad)).toBe('ASSEMBLY_WINDOW_INVALID');
    expect((await owner.request('POST', '/api/v1/assemblies', body(gridId, 20 * DAY))).statusCode).toBe(403);
  });

  it('accepts exactly 15 days of notice, with each matter’s majority from its kind', async () => {
    const res = await secretary.request('POST', '/api/v1/assemblies', body(gridId, 15 * DAY + 1000));
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ state: 'noticed', eligible: null, abilities: ['manage'] });
    expect(a.matters.map((m: { majority: string }) => m.majority)).toEqual(['ordinary', 'special']);
    assemblyId = a.id;
    matterIds = a.matters.map((m: { id: string }) => m.id);
    // The owner of the compound sees it in their list.
    const list = (await owner.request('GET', '/api/v1/assemblies')).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(assemblyId);
  });
});

describe('opening', () => {
  it('refuses to open before the notice has run, and refuses votes before opening', async () => {
    expect(code(await secretary.request('POST', `/api/v1/assemblies/${assemblyId}/open`))).toBe('ASSEMBLY_NOT_YET_OPEN');
    const cast = await owner.request('POST', `/api/v1/assemblies/${assemblyId}/ballots`, { choices: matterIds.map((matterId) => ({ matterId, choice: 'for' })) });
    expect(cast.statusCode).toBe(409);
    expect(code(cast)).toBe('ASSEMBLY_STATE');
  });

  it('refuses to open while a unit of the compound has no registered area, and writes no roll', async () => {
    await travel(15 * DAY + 60_000);
    const [u] = await db().select().from(units).where(like(units.regionPath, `${GRID}%`)).limit(1);
    await db().update(units).set({ areaCentiM2: 0 }).where(eq(units.id, u!.id));
    const res = await secretary.request('POST', `/api/v1/assemblies/${assemblyId}/open`);
    expect(res.statusCode).toBe(409);
    expect(code(res)).toBe('ASSEMBLY_UNIT_AREA_MISSING');
    expect((await db().select({ n: count() }).from(assemblyOwners).where(eq(assemblyOwners.assemblyId, assemblyId)))[0]!.n).toBe(0);
    expect((await db().select().from(assemblies).where(eq(assemblies.id, assemblyId)))[0]!.state).toBe('noticed');
    await db().update(units).set({ areaCentiM2: u!.areaCentiM2 }).where(eq(units.id, u!.id));
  });

  it('opens: freezes the roll with the developer counted once and notifies owners through the outbox', async () => {
    const res = await secretary.request('POST', `/api/v1/assemblies/${assemblyId}/open`);
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a.state).toBe('voting');
    const rollUnits = await db().select().from(assemblyUnits).where(eq(assemblyUnits.assemblyId, assemblyId));
    const compound = await db().select().from(units).where(like(units.regionPath, `${GRID}%`));
    expect(rollUnits).toHaveLength(compound.length);
    const sum = compound.reduce((s, u) => s + BigInt(u.areaCentiM2), 0n);
    expect(a.eligible.area).toBe(formatArea(sum));
    const owners = await db().select().from(assemblyOwners).where(eq(assemblyOwners.assemblyId, assemblyId));
    expect(a.eligible.owners).toBe(owners.length);
    expect(owners.filter((o) => o.parties.some((p) => p.startsWith('org:')))).toHaveLength(1);
    expect(owners.length).toBeLessThan(compound.length); // several units of one owner count once
    const sms = await db().select({ n: count() }).from(outbox).where(and(eq(outbox.template, 'assembly.voting_open'), eq(outbox.channel, 'sms')));
    expect(sms[0]!.n).toBeGreaterThan(0);
    expect(code(await secretary.request('POST', `/api/v1/assemblies/${assemblyId}/open`))).toBe('ASSEMBLY_STATE');
  });
});

describe('voting', () => {
  it('lets the demo owner vote once on their phone; a second ballot is refused and nothing changes', async () => {
    const detail = (await owner.request('GET', `/api/v1/assemblies/${assemblyId}`)).json();
    expect(detail.abilities).toContain('vote');
    expect(detail.mine).toMatchObject({ cast: {} });
    const incomplete = await owner.request('POST', `/api/v1/assemblies/${assemblyId}/ballots`, { choices: [{ matterId: matterIds[0], choice: 'for' }] });
    expect(code(incomplete)).toBe('ASSEMBLY_BALLOT_INCOMPLETE');
    const res = await owner.request('POST', `/api/v1/assemblies/${assemblyId}/ballots`, { choices: [{ matterId: matterIds[0], choice: 'for' }, { matterId: matterIds[1], choice: 'against' }] });
    expect(res.statusCode).toBe(201);
    expect(res.json().cast).toEqual({ [matterIds[0]!]: 'for', [matterIds[1]!]: 'against' });
    const after = (await owner.request('GET', `/api/v1/assemblies/${assemblyId}`)).json();
    expect(after.mine.cast).toEqual({ [matterIds[0]!]: 'for', [matterIds[1]!]: 'against' });
    const again = await owner.request('POST', `/api/v1/assemblies/${assemblyId}/ballots`, { choices: matterIds.map((matterId) => ({ matterId, choice: 'abstain' })) });
    expect(again.statusCode).toBe(409);
    expect(code(again)).toBe('ASSEMBLY_ALREADY_VOTED');
    expect(await ballotsIn(assemblyId)).toBe(2);
  });

  it('takes exactly one of two ballots an owner sends at the same moment', async () => {
    const mine = (await owner.request('GET', `/api/v1/assemblies/${assemblyId}`)).json().mine.ownerKey;
    const landlord = (await db().select().from(assemblyOwners).where(eq(assemblyOwners.assemblyId, assemblyId)))
      .find((o) => o.parties[0]!.startsWith('res:') && o.unitCount > 1 && o.ownerKey !== mine)!;
    const choices = JSON.stringify(matterIds.map((matterId) => ({ matterId, choice: 'abstain' })));
    const [x, y] = await Promise.all([postPaper(grid, assemblyId, { ownerKey: landlord.ownerKey, choices }, PNGS[0]), postPaper(grid, assemblyId, { ownerKey: landlord.ownerKey, choices }, PNGS[0])]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([201, 409]);
    expect(await ballotsIn(assemblyId)).toBe(4);
    expect((await verify(secretary, assemblyId, landlord.ownerKey)).statusCode).toBe(200);
  });

  it('refuses a vote from someone not on the roll of the compound', async () => {
    // A building of the owner's grid in which the owner has no flat.
    const mine = (await owner.request('GET', `/api/v1/assemblies/${assemblyId}`)).json().mine;
    const ownUnits = await db().select().from(assemblyUnits).where(and(eq(assemblyUnits.assemblyId, assemblyId), eq(assemblyUnits.ownerKey, mine.ownerKey)));
    const micro = (await db().select().from(regions).where(like(regions.code, `${GRID}___`)))
      .find((m) => !ownUnits.some((u) => u.regionPath.startsWith(m.code)))!;
    // Staff cannot date a notice back (the vote would open at once); the system can, as for the demo city.
    const backdated = await secretary.request('POST', '/api/v1/assemblies', body(micro.id, 0, { noticedAt: iso(-16 * DAY) }));
    expect([backdated.statusCode, code(backdated)]).toEqual([422, 'ASSEMBLY_NOTICE_BACKDATED']);
    const past = await secretary.request('POST', '/api/v1/assemblies', body(micro.id, -20 * DAY, { noticedAt: iso(-40 * DAY) }));
    expect(code(past)).toBe('ASSEMBLY_NOTICE_BACKDATED');
    const createdId = await createAssembly(db(), SYSTEM_ACTOR, body(micro.id, 0, { noticedAt: iso(-16 * DAY) }) as CreateAssemblyBody, now());
    const created = (await secretary.request('GET', `/api/v1/assemblies/${createdId}`)).json();
    expect((await secretary.request('POST', `/api/v1/assemblies/${created.id}/open`)).statusCode).toBe(200);
    const res = await owner.request('POST', `/api/v1/assemblies/${created.id}/ballots`, { choices: created.matters.map((m: { id: string }) => ({ matterId: m.id, choice: 'for' })) });
    expect(res.statusCode).toBe(403);
    expect(code(res)).toBe('ASSEMBLY_NOT_OWNER');
    expect(await ballotsIn(created.id)).toBe(0);
  });

  it('takes a paper ballot entered by staff with a real scan; without one, or for someone who voted, nothing is written', async () => {
    const roll = (await grid.request('GET', `/api/v1/assemblies/${assemblyId}/roll?limit=100`)).json() as { items: { ownerKey: string; voted: boolean; label: string }[] };
    expect(roll.items.filter((r) => r.voted)).toHaveLength(2);
    const developer = (await db().select().from(assemblyOwners).where(eq(assemblyOwners.assemblyId, assemblyId))).find((o) => o.parties[0]!.startsWith('org:'))!;
    const choices = JSON.stringify(matterIds.map((matterId) => ({ matterId, choice: 'for' })));
    const noScan = await postPaper(grid, assemblyId, { ownerKey: developer.ownerKey, choices });
    expect(code(noScan)).toBe('ASSEMBLY_SCAN_REQUIRED');
    // Not a scan: text, a 1×1 image, a 40-byte "PNG", a PDF without a page.
    const pngHeader = Buffer.concat([PNG.subarray(0, 33), Buffer.alloc(7)]);
    const emptyPdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    for (const bad of [Buffer.from('hello'), TINY_PNG, pngHeader, emptyPdf]) {
      const res = await postPaper(grid, assemblyId, { ownerKey: developer.ownerKey, choices }, bad);
      expect([res.statusCode, code(res)]).toEqual([422, 'ASSEMBLY_SCAN_INVALID']);
    }
    expect((await postPaper(resident, assemblyId, { ownerKey: developer.ownerKey, choices }, PNG)).statusCode).toBe(403);
    const ok = await postPaper(grid, assemblyId, { ownerKey: developer.ownerKey, choices }, PNG);
    expect(ok.statusCode).toBe(201);
    const mineKey = (await owner.request('GET', `/api/v1/assemblies/${assemblyId}`)).json().mine.ownerKey;
    const dup = await postPaper(grid, assemblyId, { ownerKey: mineKey, choices }, PNGS[1]);
    expect(code(dup)).toBe('ASSEMBLY_ALREADY_VOTED');
    const [b] = await db().select().from(assemblyBallots).where(and(eq(assemblyBallots.assemblyId, assemblyId), eq(assemblyBallots.ownerKey, developer.ownerKey)));
    expect(b).toMatchObject({ channel: 'paper', scanMime: 'image/png', verifiedAt: null });
    const scan = await grid.request('GET', `/api/v1/assemblies/${assemblyId}/ballots/${b!.id}/scan`);
    expect(scan.statusCode).toBe(200);
    expect(scan.rawPayload.equals(PNG)).toBe(true);
    expect(await ballotsIn(assemblyId)).toBe(6);

    // Pending until a second staff member (监票人) checks it: listed as such, and not counted.
    const pending = (await secretary.request('GET', `/api/v1/assemblies/${assemblyId}/roll?pending=true`)).json();
    expect(pending.total).toBe(1);
    expect(pending.items[0]).toMatchObject({ ownerKey: developer.ownerKey, voted: true, paper: { ballotId: expect.any(String), verified: false } });
    expect((await secretary.request('GET', `/api/v1/assemblies/${assemblyId}/progress`)).json().matters[0].participating.owners).toBe(2);
    const self = await verify(grid, assemblyId, developer.ownerKey);
    expect([self.statusCode, code(self)]).toEqual([409, 'ASSEMBLY_VERIFY_SELF']);
    expect((await secretary.request('GET', `/api/v1/assemblies/${assemblyId}/progress`)).json().matters[0].participating.owners).toBe(2);
    expect((await verify(secretary, assemblyId, developer.ownerKey)).statusCode).toBe(200);
    const twice = await verify(secretary, assemblyId, developer.ownerKey);
    expect([twice.statusCode, code(twice)]).toEqual([404, 'ASSEMBLY_PAPER_NOT_FOUND']);
    expect((await secretary.request('GET', `/api/v1/assemblies/${assemblyId}/progress`)).json().matters[0].participating.owners).toBe(3);
  });

  it('refuses the same scan as a second owner\'s paper ballot (ASSEMBLY_SCAN_REUSED), writing nothing', async () => {
    const owners = await db().select().from(assemblyOwners).where(eq(assemblyOwners.assemblyId, assemblyId));
    const voted = new Set((await db().select().from(assemblyBallots).where(eq(assemblyBallots.assemblyId, assemblyId))).map((b) => b.ownerKey));
    const other = owners.find((o) => !voted.has(o.ownerKey))!;
    const before = await ballotsIn(assemblyId);
    const choices = JSON.stringify(matterIds.map((matterId) => ({ matterId, choice: 'for' })));
    // PNG is the developer's verified ballot (above): the very same bytes for another owner.
    const res = await postPaper(grid, assemblyId, { ownerKey: other.ownerKey, choices }, PNG);
    expect([res.statusCode, code(res)]).toEqual([409, 'ASSEMBLY_SCAN_REUSED']);
    expect(await ballotsIn(assemblyId)).toBe(before);
  });

  it('refuses to enter or accept a paper ballot for an owner whose register entries were erased (probe fix: erasure)', async () => {
    const voted = new Set((await db().select({ k: assemblyBallots.ownerKey }).from(assemblyBallots).where(eq(assemblyBallots.assemblyId, assemblyId))).map((b) => b.k));
    const erased = (await db().select().from(assemblyOwners).where(eq(assemblyOwners.assemblyId, assemblyId)))
      .find((o) => !voted.has(o.ownerKey) && o.parties.length > 0 && o.parties.every((p) => p.startsWith('res:')))!;
    const ids = erased.parties.map((p) => p.slice(4));
    const saved = await ctx.database.pool.query('SELECT id, name, id_hash FROM residents WHERE id = ANY($1::uuid[])', [ids]);
    const choices = JSON.stringify(matterIds.map((matterId) => ({ matterId, choice: 'for' })));
    const scan = await sharp({ create: { width: 620, height: 877, channels: 3, background: '#fafafa' } }).png().toBuffer();
    // Entered while they were in the register, then they are erased: it cannot be accepted, only rejected.
    expect((await postPaper(grid, assemblyId, { ownerKey: erased.ownerKey, choices }, scan)).statusCode).toBe(201);
    await ctx.database.pool.query("UPDATE residents SET name = '已注销居民', id_hash = NULL WHERE id = ANY($1::uuid[])", [ids]);
    const accept = await verify(secretary, assemblyId, erased.ownerKey);
    const reject = await verify(secretary, assemblyId, erased.ownerKey, false);
    const res = await postPaper(grid, assemblyId, { ownerKey: erased.ownerKey, choices }, scan);
    for (const r of saved.rows) await ctx.database.pool.query('UPDATE residents SET name = $2, id_hash = $3 WHERE id = $1', [r.id, r.name, r.id_hash]);
    expect([accept.statusCode, code(accept)]).toEqual([409, 'RESIDENT_ERASED']);
    expect(reject.statusCode).toBe(200);
    expect([res.statusCode, code(res)]).toEqual([409, 'RESIDENT_ERASED']);
    expect(voted.has(erased.ownerKey)).toBe(false);
    expect((await db().select().from(assemblyBallots).where(and(eq(assemblyBallots.assemblyId, assemblyId), eq(assemblyBallots.ownerKey, erased.ownerKey))))).toHaveLength(0);
  });

  it('removes a paper ballot the scrutineer rejects, so it never counts and can be entered again', async () => {
    const owners = await db().select().from(assemblyOwners).where(eq(assemblyOwners.assemblyId, assemblyId));
    const voted = new Set((await db().select().from(assemblyBallots).where(eq(assemblyBallots.assemblyId, assemblyId))).map((b) => b.ownerKey));
    const someone = owners.find((o) => !voted.has(o.ownerKey))!;
    const choices = JSON.stringify(matterIds.map((matterId) => ({ matterId, choice: 'against' })));
    expect((await postPaper(grid, assemblyId, { ownerKey: someone.ownerKey, choices }, PNGS[2])).statusCode).toBe(201);
    expect((await verify(secretary, assemblyId, someone.ownerKey, false)).statusCode).toBe(200);
    expect(await ballotsIn(assemblyId)).toBe(6);
    expect((await secretary.request('GET', `/api/v1/assemblies/${assemblyId}/progress`)).json().matters[0].participating.owners).toBe(3);
    // Entered again and left unchecked: it stays pending through the close and never counts (see the close below).
    expect((await postPaper(grid, assemblyId, { ownerKey: someone.ownerKey, choices }, PNGS[2])).statusCode).toBe(201);
    expect(await ballotsIn(assemblyId)).toBe(8);
    expect((await secretary.request('GET', `/api/v1/assemblies/${assemblyId}/progress`)).json().matters[0].participating.owners).toBe(3);
  });

  it('pages through a roll of more than 100 owners, with the total', async () => {
    const n = (await db().select({ n: count() }).from(assemblyOwners).where(eq(assemblyOwners.assemblyId, assemblyId)))[0]!.n;
    expect(n).toBeGreaterThan(100);
    const first = (await secretary.request('GET', `/api/v1/assemblies/${assemblyId}/roll?limit=100`)).json();
    const second = (await secretary.request('GET', `/api/v1/assemblies/${assemblyId}/roll?limit=100&offset=100`)).json();
    expect([first.total, second.total]).toEqual([n, n]);
    expect(first.items).toHaveLength(100);
    expect(second.items).toHaveLength(n - 100);
    const keys = [...first.items, ...second.items].map((x: { ownerKey: string }) => x.ownerKey);
    expect(new Set(keys).size).toBe(n);
  });

  it('shows live progress: owners and area still needed for the quorum, from the pure rules', async () => {
    const p = (await secretary.request('GET', `/api/v1/assemblies/${assemblyId}/progress`)).json();
    const owners = await db().select().from(assemblyOwners).where(eq(assemblyOwners.assemblyId, assemblyId));
    const ballots = (await db().select().from(assemblyBallots).where(and(eq(assemblyBallots.assemblyId, assemblyId), eq(assemblyBallots.matterId, matterIds[0]!))))
      .filter((b) => b.channel === 'online' || b.verifiedAt);
    const partArea = ballots.reduce((s, b) => s + b.areaCentiM2, 0n);
    const eligibleArea = owners.reduce((s, o) => s + o.areaCentiM2, 0n);
    const short = quorumShortfall({ eligibleOwners: owners.length, eligibleArea, participatingOwners: 3, participatingArea: partArea });
    expect(p.matters[0]).toMatchObject({ participating: { owners: 3, area: formatArea(partArea) }, shortfall: { owners: short.owners, area: formatArea(short.area) } });
    expect(p.matters[0].shortfall.owners).toBeGreaterThan(0);
    // While the vote runs nobody sees the split, staff or owner: three voters' tallies would tell each vote.
    expect(p.matters[0]).toMatchObject({ for: null, against: null, abstain: null, passingNow: null });
    const own = (await owner.request('GET', `/api/v1/assemblies/${assemblyId}/progress`)).json();
    expect(own.matters[0]).toMatchObject({ participating: { owners: 3 }, for: null, passingNow: null });
  });
});

describe('closing and results', () => {
  it('refuses to close early and keeps results and the export back until the close', async () => {
    expect(code(await secretary.request('POST', `/api/v1/assemblies/${assemblyId}/close`))).toBe('ASSEMBLY_STILL_VOTING');
    expect(code(await secretary.request('GET', `/api/v1/assemblies/${assemblyId}/ballots.xlsx`))).toBe('ASSEMBLY_RESULTS_NOT_PUBLISHED');
    const pub = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/assemblies/${assemblyId}/results` });
    expect(pub.statusCode).toBe(404);
  });

  it('refuses a vote after the window even before the timer has run; the timer closes, tallies and publishes', async () => {
    await travel(26 * DAY);
    const late = await secretary.request('GET', `/api/v1/assemblies/${assemblyId}`);
    expect(late.json().state).toBe('voting');
    const owners = await db().select().from(assemblyOwners).where(eq(assemblyOwners.assemblyId, assemblyId));
    const someone = owners.find((o) => o.parties[0]!.startsWith('res:') && o.ownerKey !== owners[0]!.ownerKey)!;
    const res = await postPaper(grid, assemblyId, { ownerKey: someone.ownerKey, choices: JSON.stringify(matterIds.map((matterId) => ({ matterId, choice: 'for' }))) }, PNG);
    expect(code(res)).toBe('ASSEMBLY_VOTING_CLOSED');
    await runDueTimers(db(), TIMER_HANDLERS, { now });
    const a = (await secretary.request('GET', `/api/v1/assemblies/${assemblyId}`)).json();
    expect(a.state).toBe('closed');
    expect(a.resultsPublishedAt).not.toBeNull();
    // Recount independently from the frozen roll and the ballots.
    const rollUnits = await db().select().from(assemblyUnits).where(eq(assemblyUnits.assemblyId, assemblyId));
    const all = (await db().select().from(assemblyBallots).where(eq(assemblyBallots.assemblyId, assemblyId))).filter((b) => b.channel === 'online' || b.verifiedAt);
    a.matters.forEach((m: { id: string; majority: 'ordinary' | 'special'; result: unknown }) => {
      expect(m.result).toEqual(tallyOwnersVote({
        units: rollUnits.map((u) => ({ unitId: u.unitId, ownerId: u.ownerKey, area: formatArea(u.areaCentiM2) })),
        ballots: all.filter((b) => b.matterId === m.id).map((b) => ({ ownerId: b.ownerKey, choice: b.choice })), matter: m.majority,
      }));
    });
    expect(a.matters[0].result).toMatchObject({ participating: { owners: 3 }, quorumMet: false, passed: false });
    // The paper ballot left unchecked is still on record, but was not counted.
    expect(await ballotsIn(assemblyId)).toBe(8);
    expect(all).toHaveLength(6);
    expect(new Date(a.resultsPublishedAt).getTime()).toBeLessThanOrEqual(new Date(a.resultsDueAt).getTime());
  });

  it('publishes the results to everyone and lets anyone who may see the assembly recount from the export', async () => {
    const pub = await ctx.app.inject({ method: 'GET', url: `/api/v1/public/assemblies/${assemblyId}/results` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().matters).toHaveLength(2);
    expect(pub.body).not.toContain('res:');
    const x = await owner.request('GET', `/api/v1/assemblies/${assemblyId}/ballots.xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('选票')!.rowCount).toBe(1 + 6);
    expect(wb.getWorksheet('房屋')!.rowCount).toBe(1 + (await db().select({ n: count() }).from(assemblyUnits).where(eq(assemblyUnits.assemblyId, assemblyId)))[0]!.n);
  });

  it('hides assemblies outside the actor’s area as missing', async () => {
    const admin = await signIn(ctx.app, DEMO.admin);
    const far = (await db().select().from(regions).where(eq(regions.level, 'grid'))).find((r) => !r.code.startsWith('510108001001'))!;
    const created = (await admin.request('POST', '/api/v1/assemblies', body(far.id, 20 * DAY))).json();
    expect((await secretary.request('GET', `/api/v1/assemblies/${created.id}`)).statusCode).toBe(404);
    expect((await secretary.request('GET', `/api/v1/assemblies/${created.id}/progress`)).statusCode).toBe(404);
    const vote = await owner.request('POST', `/api/v1/assemblies/${created.id}/ballots`, { choices: [{ matterId: created.matters[0].id, choice: 'for' }] });
    expect(vote.statusCode).toBe(404);
  });
});

describe('co-owners (SPC interpretation art. 9)', () => {
  it('keeps A+B’s flat and B+C’s flat apart (no chaining), and lets either co-owner cast the flat’s one ballot', async () => {
    const residentOf = async (c: Client) => {
      const userId = ((await c.request('GET', '/api/v1/session')).json() as { user: { id: string } }).user.id;
      return (await db().select({ r: users.residentId }).from(users).where(eq(users.id, userId)))[0]!.r!;
    };
    const [ownerRid, residentRid] = [await residentOf(owner), await residentOf(resident)];
    // A building of the grid where neither has a flat; its first two flats get new owners.
    const held = await db().select().from(unitOwners).where(sql`${unitOwners.residentId} IN (${ownerRid}, ${residentRid})`);
    const heldUnits = held.length ? await db().select().from(units).where(sql`${units.id} IN ${held.map((h) => h.unitId)}`) : [];
    const micro = (await db().select().from(regions).where(like(regions.code, `${GRID}___`))).find((m) => !heldUnits.some((u) => u.regionPath.startsWith(m.code)))!;
    const [u1, u2] = await db().select().from(units).where(like(units.regionPath, `${micro.code}%`)).orderBy(units.id).limit(2);
    const [x] = await db().select().from(unitOwners).where(and(eq(unitOwners.unitId, u2!.id), sql`${unitOwners.residentId} IS NOT NULL`)).limit(1);
    await db().delete(unitOwners).where(sql`${unitOwners.unitId} IN (${u1!.id}, ${u2!.id})`);
    const scope = { regionPath: u1!.regionPath, districtCode: u1!.districtCode };
    await db().insert(unitOwners).values([
      { unitId: u1!.id, residentId: residentRid, ...scope }, { unitId: u1!.id, residentId: ownerRid, ...scope },
      { unitId: u2!.id, residentId: ownerRid, ...scope }, { unitId: u2!.id, residentId: x!.residentId, ...scope },
    ]);
    const id = await createAssembly(db(), SYSTEM_ACTOR, body(micro.id, 0, { noticedAt: iso(-16 * DAY) }) as CreateAssemblyBody, now());
    expect((await secretary.request('POST', `/api/v1/assemblies/${id}/open`)).statusCode).toBe(200);
    const roll = await db().select().from(assemblyOwners).where(eq(assemblyOwners.assemblyId, id));
    const rolled = await db().select().from(assemblyUnits).where(eq(assemblyUnits.assemblyId, id));
    const keyOf = (unitId: string) => rolled.find((r) => r.unitId === unitId)!.ownerKey;
    expect(keyOf(u1!.id)).not.toBe(keyOf(u2!.id));
    expect(roll.find((r) => r.ownerKey === keyOf(u1!.id))!.parties.sort()).toEqual([`res:${ownerRid}`, `res:${residentRid}`].sort());
    expect(roll.find((r) => r.ownerKey === keyOf(u2!.id))!.unitCount).toBe(1);

    const matters = (await secretary.request('GET', `/api/v1/assemblies/${id}`)).json().matters as { id: string }[];
    const choices = matters.map((m) => ({ matterId: m.id, choice: 'for' }));
    // The owner (co-owner of both flats) votes first: both flats' ballots are theirs to cast.
    expect((await owner.request('POST', `/api/v1/assemblies/${id}/ballots`, { choices })).statusCode).toBe(201);
    const second = await resident.request('POST', `/api/v1/assemblies/${id}/ballots`, { choices });
    expect([second.statusCode, code(second)]).toEqual([409, 'ASSEMBLY_CO_OWNER_VOTED']);
    const ballots = await db().select().from(assemblyBallots).where(eq(assemblyBallots.assemblyId, id));
    expect(new Set(ballots.map((b) => b.ownerKey))).toEqual(new Set([keyOf(u1!.id), keyOf(u2!.id)]));
  });
});
