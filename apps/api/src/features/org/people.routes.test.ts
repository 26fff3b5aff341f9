import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { makeIdNumber } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { idempotencyKeys } from '../../platform/http/idempotency.table.ts';
import { organisations, regions, residents, units } from './org.table.ts';
import { ageOn } from './resident.pii.ts';

const MASKED_ID = /^\d{3}\*{11}[\dX]{4}$/;
const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;
const MY_GRID = '510108001001001';
const OTHER_GRID = '510108002001001';
const MISSING = '01900000-0000-7000-8000-000000000000';

let ctx: TestContext;
let admin: Client, grid: Client, street: Client, resident: Client;
let gridWorkerId: string;
const byCode = async (code: string) => (await ctx.database.db.select().from(regions).where(eq(regions.code, code)))[0]!;
const residentCount = async () => (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(residents))[0]!.n;
const reveals = (residentId: string) => ctx.database.db.select().from(auditLog)
  .where(and(eq(auditLog.action, 'resident.reveal'), eq(auditLog.subjectId, residentId)));
type Item = { id: string; name: string; idNumber: string | null; phone: string | null; tags: string[]; householdId: string };
const list = async (c: Client, query: string) => {
  const res = await c.request('GET', `/api/v1/residents?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json() as { items: Item[]; total: number };
};
/** A household of the grid worker's grid, to add people to. */
const myHousehold = async () => (await grid.request('GET', '/api/v1/households?limit=1')).json().items[0].id as string;

beforeAll(async () => {
  ctx = await createTestContext();
  [admin, grid, street, resident] = await Promise.all([
    signIn(ctx.app, DEMO.admin), signIn(ctx.app, DEMO.grid), signIn(ctx.app, DEMO.street), signIn(ctx.app, DEMO.resident),
  ]);
  gridWorkerId = (await grid.request('GET', '/api/v1/session')).json().user.id;
});
afterAll(async () => { await ctx.close(); });

describe('the residents list', () => {
  it('masks ID numbers and phones and shows a grid worker exactly the residents of their grid', async () => {
    const g = await byCode(MY_GRID);
    const mine = await list(grid, 'limit=200');
    const adminView = await list(admin, `regionId=${g.id}&limit=1`);
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBe(adminView.total);
    expect((await list(admin, 'limit=1')).total).toBeGreaterThan(mine.total);
    for (const r of mine.items) {
      expect(r.idNumber).toMatch(MASKED_ID);
      if (r.phone !== null) expect(r.phone).toMatch(MASKED_PHONE);
    }
    expect(mine.items.some((r) => r.phone !== null)).toBe(true);
    const other = await grid.request('GET', `/api/v1/residents?regionId=${(await byCode(OTHER_GRID)).id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('REGION_NOT_FOUND');
  });

  it('filters by tag and by a part of the name', async () => {
    const all = await list(grid, 'limit=1');
    const elderly = await list(grid, 'tag=elderly&limit=200');
    expect(elderly.total).toBeGreaterThan(0);
    expect(elderly.total).toBeLessThan(all.total);
    expect(elderly.items.every((r) => r.tags.includes('elderly'))).toBe(true);
    const someone = (await list(grid, 'limit=200&offset=3')).items[0]!;
    const part = Array.from(someone.name).slice(1).join('');
    const byName = await list(grid, `q=${encodeURIComponent(part)}&limit=200`);
    expect(byName.items.map((r) => r.id)).toContain(someone.id);
    expect(byName.items.every((r) => r.name.includes(part))).toBe(true);
    expect(byName.total).toBeLessThan(all.total);
  });

  it('finds a resident by their full ID number or phone through the keyed hash, within scope only', async () => {
    const withPhone = (await list(grid, 'limit=200')).items.find((r) => r.phone !== null)!;
    const id = (await admin.request('POST', `/api/v1/residents/${withPhone.id}/reveal`, { field: 'idNumber' })).json().value as string;
    const phone = (await admin.request('POST', `/api/v1/residents/${withPhone.id}/reveal`, { field: 'phone' })).json().value as string;
    expect(id).toMatch(/^\d{17}[\dX]$/);
    const byId = await list(grid, `q=${id}`);
    expect(byId.total).toBe(1);
    expect(byId.items[0]!.id).toBe(withPhone.id);
    expect(byId.items[0]!.idNumber).toBe(withPhone.idNumber);
    const byPhone = await list(grid, `q=${encodeURIComponent(`+86 ${phone}`)}`);
    expect(byPhone.items.map((r) => r.id)).toContain(withPhone.id);
    // The same exact search by someone whose scope does not hold this resident finds nothing.
    const outsider = (await list(admin, `regionId=${(await byCode(OTHER_GRID)).id}&limit=1`)).items[0]!;
    const outsiderId = (await admin.request('POST', `/api/v1/residents/${outsider.id}/reveal`, { field: 'idNumber' })).json().value as string;
    expect((await list(admin, `q=${outsiderId}`)).total).toBe(1);
    expect((await list(grid, `q=${outsiderId}`)).total).toBe(0);
  });
});

describe('scope', () => {
  it('answers 404 for a resident, household or building out of scope, with the body a missing id gets', async () => {
    const other = await byCode(OTHER_GRID);
    const r = (await list(admin, `regionId=${other.id}&limit=1`)).items[0]!;
    const b = (await admin.request('GET', `/api/v1/buildings?regionId=${other.id}`)).json()[0];
    for (const [path, id] of [['residents', r.id], ['households', r.householdId], ['buildings', b.id]] as const) {
      expect((await admin.request('GET', `/api/v1/${path}/${id}`)).statusCode).toBe(200);
      const hidden = await grid.request('GET', `/api/v1/${path}/${id}`);
      const missing = await grid.request('GET', `/api/v1/${path}/${MISSING}`);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json()).toEqual(missing.json());
    }
  });
});

describe('revealing personal data', () => {
  it('lets a grid worker reveal a full ID number in their grid and records it', async () => {
    const r = (await list(grid, 'limit=1&offset=5')).items[0]!;
    expect(await reveals(r.id)).toHaveLength(0);
    const res = await grid.request('POST', `/api/v1/residents/${r.id}/reveal`, { field: 'idNumber' });
    expect(res.statusCode).toBe(200);
    const value = res.json().value as string;
    expect(value).toMatch(/^\d{17}[\dX]$/);
    expect(value.slice(0, 3) + '*'.repeat(11) + value.slice(14)).toBe(r.idNumber);
    const rows = await reveals(r.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: gridWorkerId, subjectType: 'resident', details: { field: 'idNumber' } });
    expect(rows[0]!.regionPath!.startsWith(MY_GRID)).toBe(true);
    expect(JSON.stringify(rows[0])).not.toContain(value);
  });

  it('keeps no clear value for an Idempotency-Key replay, and records every reveal', async () => {
    const r = (await list(grid, 'limit=1&offset=6')).items[0]!;
    const headers = { 'idempotency-key': 'reveal-once' };
    const first = await grid.request('POST', `/api/v1/residents/${r.id}/reveal`, { field: 'idNumber' }, headers);
    const second = await grid.request('POST', `/api/v1/residents/${r.id}/reveal`, { field: 'idNumber' }, headers);
    expect(second.json().value).toBe(first.json().value);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(await reveals(r.id)).toHaveLength(2);
    const kept = await ctx.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'reveal-once'));
    expect(kept).toEqual([]);
  });

  it('refuses a street officer, who works with masked data, and writes no record', async () => {
    const r = (await list(street, `regionId=${(await byCode(MY_GRID)).id}&limit=1&offset=7`)).items[0]!;
    const res = await street.request('POST', `/api/v1/residents/${r.id}/reveal`, { field: 'idNumber' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(await reveals(r.id)).toHaveLength(0);
  });

  it('refuses lists to the resident role', async () => {
    for (const path of ['residents', 'households']) {
      const res = await resident.request('GET', `/api/v1/${path}`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });
});

describe('adding a resident', () => {
  it('refuses a wrong checksum with 422 and writes nothing', async () => {
    const good = makeIdNumber('110105', '1980-05-01', 123);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const before = await residentCount();
    const res = await grid.request('POST', '/api/v1/residents', { householdId: await myHousehold(), name: '错号', relation: '其他', idNumber: bad });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('ID_NUMBER_INVALID');
    expect(await residentCount()).toBe(before);
  });

  it('refuses an ID number already registered with 409', async () => {
    const r = (await list(grid, 'limit=1')).items[0]!;
    const id = (await grid.request('POST', `/api/v1/residents/${r.id}/reveal`, { field: 'idNumber' })).json().value;
    const before = await residentCount();
    const res = await grid.request('POST', '/api/v1/residents', { householdId: await myHousehold(), name: '重号', relation: '其他', idNumber: id.toLowerCase() });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ID_NUMBER_DUPLICATE');
    expect(await residentCount()).toBe(before);
  });

  it('refuses a phone that is not a mobile number', async () => {
    const res = await grid.request('POST', '/api/v1/residents', { householdId: await myHousehold(), name: '错电话', relation: '其他', phone: '12345' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('PHONE_INVALID');
  });

  it('answers 201 with masked data and the gender and birth date the ID number tells', async () => {
    const id = makeIdNumber('110105', '1990-03-07', 124);
    const res = await grid.request('POST', '/api/v1/residents', {
      householdId: await myHousehold(), name: '新居民', relation: '子女', idNumber: id, phone: '138 0013 8000', tags: ['volunteer'],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: '新居民', gender: 'female', birthDate: '1990-03-07', movedOut: false, tags: ['volunteer'], phone: '138****8000' });
    expect(body.idNumber).toMatch(MASKED_ID);
    expect(body.idNumber).toBe(`110${'*'.repeat(11)}${id.slice(14)}`);
    expect(body.abilities).toEqual(['people.write', 'pii.reveal']);
    const [row] = await ctx.database.db.select().from(residents).where(eq(residents.idHash, ctx.vault.hash(`id:${id}`)));
    expect(row!.idCipher).not.toContain(id.slice(6, 14));
    expect(ctx.vault.decrypt(row!.idCipher!)).toBe(id);
  });

  it('accepts only known relations and one head per household', async () => {
    const micro = await byCode(`${MY_GRID}002`);
    const home = (await grid.request('POST', '/api/v1/households', { regionId: micro.id, address: '新户101', tenure: 'tenant' })).json();
    const add = (name: string, relation: string, seqNo: number) => grid.request('POST', '/api/v1/residents', {
      householdId: home.id, name, relation, idNumber: makeIdNumber('110105', '1988-08-08', seqNo),
    });
    expect((await add('邻居', '邻居', 401)).statusCode).toBe(400);
    expect((await add('户主甲', '户主', 403)).statusCode).toBe(201);
    const second = await add('户主乙', '户主', 405);
    expect(second.statusCode).toBe(400);
    expect(second.json().error.details[0].path).toBe('/relation');
    const spouse = (await add('配偶丙', '配偶', 407)).json();
    expect((await grid.request('PATCH', `/api/v1/residents/${spouse.id}`, { relation: '户主' })).statusCode).toBe(400);
    const detail = (await grid.request('GET', `/api/v1/households/${home.id}`)).json();
    expect(detail).toMatchObject({ head: '户主甲', members: 2 });
  });

  it('creates one resident for a repeated Idempotency-Key and replays the first answer', async () => {
    const id = makeIdNumber('110105', '1975-11-20', 311);
    const body = { householdId: await myHousehold(), name: '重试者', relation: '其他', idNumber: id };
    const first = await grid.request('POST', '/api/v1/residents', body, { 'idempotency-key': 'people-test-1' });
    const second = await grid.request('POST', '/api/v1/residents', body, { 'idempotency-key': 'people-test-1' });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    const rows = await ctx.database.db.select().from(residents).where(eq(residents.idHash, ctx.vault.hash(`id:${id}`)));
    expect(rows).toHaveLength(1);
    const other = await grid.request('POST', '/api/v1/residents', { ...body, name: '另一个人' }, { 'idempotency-key': 'people-test-1' });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_MISMATCH');
    // Without the key the same body is a new request, refused as a duplicate.
    expect((await grid.request('POST', '/api/v1/residents', body)).statusCode).toBe(409);
  });
});

describe('buildings, units and owners', () => {
  it('stores a unit area as hundredths, refuses a third decimal, and shows owners on the building', async () => {
    const micro = await byCode(`${MY_GRID}001`);
    const made = await grid.request('POST', '/api/v1/buildings', { regionId: micro.id, name: '测试楼', address: '测试路1号', floors: 6 });
    expect(made.statusCode).toBe(201);
    const building = made.json();
    const unit = await grid.request('POST', '/api/v1/units', { buildingId: building.id, number: '1单元101', floor: 1, area: '85.32' });
    expect(unit.statusCode).toBe(201);
    expect(unit.json().areaCentiM2).toBe(8532);
    const [stored] = await ctx.database.db.select().from(units).where(eq(units.id, unit.json().id));
    expect(stored!.areaCentiM2).toBe(8532);
    const tooFine = await grid.request('POST', '/api/v1/units', { buildingId: building.id, number: '1单元102', area: '85.321' });
    expect(tooFine.statusCode).toBe(400);
    expect(tooFine.json().error.code).toBe('VALIDATION_FAILED');

    const owner = (await list(grid, 'limit=1')).items[0]!;
    const [developer] = await ctx.database.db.select().from(organisations).where(eq(organisations.kind, 'developer'));
    const byResident = await grid.request('POST', `/api/v1/units/${unit.json().id}/owners`, { residentId: owner.id, since: '2020-01-01' });
    expect(byResident.statusCode).toBe(201);
    const byOrg = await admin.request('POST', `/api/v1/units/${unit.json().id}/owners`, { organisationId: developer!.id });
    expect(byOrg.statusCode).toBe(201);
    const both = await grid.request('POST', `/api/v1/units/${unit.json().id}/owners`, { residentId: owner.id, organisationId: developer!.id });
    expect(both.statusCode).toBe(400);
    // The same owner twice on one unit is one ownership, not two: refused, nothing written.
    const again = await grid.request('POST', `/api/v1/units/${unit.json().id}/owners`, { residentId: owner.id });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'UNIT_OWNER_EXISTS']);
    const orgAgain = await admin.request('POST', `/api/v1/units/${unit.json().id}/owners`, { organisationId: developer!.id });
    expect([orgAgain.statusCode, orgAgain.json().error.code]).toEqual([409, 'UNIT_OWNER_EXISTS']);

    const detail = (await grid.request('GET', `/api/v1/buildings/${building.id}`)).json();
    expect(detail.units).toHaveLength(1);
    expect(detail.units[0]).toMatchObject({ number: '1单元101', areaCentiM2: 8532 });
    const owners = detail.units[0].owners.map((o: { kind: string; name: string; since: string | null }) => [o.kind, o.name, o.since]);
    expect(owners).toEqual(expect.arrayContaining([['resident', owner.name, '2020-01-01'], ['organisation', developer!.name, null]]));
    expect(owners).toHaveLength(2);
  });
});

describe('ages', () => {
  it('counts a birthday from midnight in China, whatever zone the server runs in', () => {
    // 2026-03-07 20:00 UTC is already 04:00 on 8 March in Chengdu.
    expect(ageOn('1990-03-08', new Date('2026-03-07T20:00:00Z'))).toBe(36);
    expect(ageOn('1990-03-08', new Date('2026-03-07T15:59:59Z'))).toBe(35);
    expect(ageOn(null)).toBeNull();
  });
});

describe('updating a resident', () => {
  it('changes tags, and a moved-out resident leaves the list but keeps their record', async () => {
    const before = await list(grid, 'limit=1');
    const r = (await list(grid, 'limit=1&offset=10')).items[0]!;
    const tagged = await grid.request('PATCH', `/api/v1/residents/${r.id}`, { tags: ['key_care', 'disabled'] });
    expect(tagged.statusCode).toBe(200);
    expect(tagged.json().tags).toEqual(['key_care', 'disabled']);
    expect((await list(grid, 'tag=key_care&limit=200')).items.map((x) => x.id)).toContain(r.id);

    const moved = await grid.request('PATCH', `/api/v1/residents/${r.id}`, { movedOut: true });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().movedOut).toBe(true);
    const after = await list(grid, 'limit=200');
    expect(after.total).toBe(before.total - 1);
    expect((await list(grid, 'tag=key_care&limit=200')).items.map((x) => x.id)).not.toContain(r.id);
    expect((await grid.request('GET', `/api/v1/residents/${r.id}`)).json().movedOut).toBe(true);

    const back = await grid.request('PATCH', `/api/v1/residents/${r.id}`, { movedOut: false });
    expect(back.json().movedOut).toBe(false);
    expect((await list(grid, 'limit=1')).total).toBe(before.total);
  });
});
