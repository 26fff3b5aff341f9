import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber, VISIT_OUTCOMES } from '@gongzhi/core';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { ERASED_NAME } from './privacy.service.ts';
import { sealIdNumber } from '../org/people.service.ts';

// Issue 14 · item 5: erasure must reach every copy of a person's name, phone and ID number, wherever a
// feature stored or derived it. The places are found from the schema, not listed by hand: every text,
// varchar, json(b) and text[] column of every table is searched after the erasure.

let ctx: TestContext;
let worker: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  worker = await signIn(ctx.app, DEMO.worker);
});
afterAll(async () => { await ctx?.close(); });

const q = async <T>(text: string, params: unknown[] = []) => (await ctx.database.pool.query(text, params)).rows as T[];

/** A name nobody else in the demo city has, so any hit is this person's. */
const NAME = '甄测试员';
const ID_NUMBER = makeIdNumber('510108', '1961-03-04', 417);

/**
 * Columns allowed to keep a hit, with the reason. None is needed today: the audit trail keeps its
 * rows (who did what, when), but pseudonymised — the actor's name is replaced by the schema-wide
 * `<x>_name` pass and the erasure's own row names its subject by id only. A feature that must keep
 * a name (none should) adds its column here with the law that requires it.
 */
const EXEMPT: Record<string, string[]> = {};

/** Every row of every table whose searchable columns contain one of `needles`: `table.column`. */
async function hits(needles: string[]): Promise<string[]> {
  const cols = await q<{ table_name: string; column_name: string }>(`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public' AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))
    ORDER BY 1, 2`);
  const out: string[] = [];
  for (const { table_name: t, column_name: c } of cols) {
    if (EXEMPT[t]?.includes(c)) continue;
    for (const n of needles) {
      const [row] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}" WHERE "${c}"::text LIKE '%' || $1 || '%'`, [n]);
      if (row!.n > 0) out.push(`${t}.${c} (${row!.n}× ${n})`);
    }
  }
  return out;
}

describe('erasing a person present in every feature', () => {
  it('leaves their name, phone and ID number in no column of any table', async () => {
    // The demo party member: a resident with an account, a council seat, attendance and votes.
    const pm = await signIn(ctx.app, DEMO.partyMember);
    const me = (await pm.request('GET', '/api/v1/me/data')).json();
    const residentId = me.resident.id as string;
    const userId = me.account.id as string;
    const oldName = me.resident.name as string;
    // Give them a name nobody else has, everywhere the demo copied it (by exact value only).
    const textCols = await q<{ table_name: string; column_name: string }>(`SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type = 'text' AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema = 'public')`);
    // The register and the account: this person's rows only (a namesake keeps their name).
    await q('UPDATE residents SET name = $1 WHERE id = $2', [NAME, residentId]);
    await q('UPDATE users SET name = $1 WHERE id = $2', [NAME, userId]);
    for (const { table_name: t, column_name: c } of textCols.filter((x) => !['residents', 'users', 'requests'].includes(x.table_name))) {
      await q(`UPDATE "${t}" SET "${c}" = $1 WHERE "${c}" = $2`, [NAME, oldName]);
    }
    // Requests name their reporter, and the demo's year of history has reporters who may share the old
    // name (a namesake's request is theirs, not this person's): only this person's requests are renamed.
    await q('UPDATE requests SET reporter_name = $1 WHERE reporter_name = $2 AND (reporter_user_id = $3 OR reporter_resident_id = $4)', [NAME, oldName, userId, residentId]);
    // Their ID number is ID_NUMBER, sealed as the register seals it (so erasure can find its every form).
    const sealed = sealIdNumber(ctx.vault, ID_NUMBER, new Date());
    if (!sealed.ok) throw new Error('test ID number invalid');
    await q('UPDATE residents SET id_hash = $1, id_cipher = $2, id_masked = $3 WHERE id = $4', [sealed.value.idHash, sealed.value.idCipher, sealed.value.idMasked, residentId]);
    expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM council_seats WHERE resident_id = $1 AND holder_name = $2', [residentId, NAME]))[0]!.n).toBeGreaterThan(0);
    expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM council_attendance a JOIN council_seats s ON s.id = a.seat_id WHERE s.resident_id = $1', [residentId]))[0]!.n).toBeGreaterThan(0);

    // Present in the other features too: a request in their words, a fund question, the assembly
    // roll and a ballot, a worker's visit proposing a change to their household.
    const again = await signIn(ctx.app, DEMO.partyMember);
    const made = await again.request('POST', '/api/v1/requests', { description: `我是${NAME}，电话 ${DEMO.partyMember}，身份证 ${ID_NUMBER}`, anonymous: false, address: '锦绣花园 3 栋' });
    expect(made.statusCode, made.body).toBe(201);
    const [tx] = await q<{ id: string; fund_id: string }>('SELECT id, fund_id FROM ledger_transactions LIMIT 1');
    if (tx) await q('INSERT INTO fund_questions (id, transaction_id, fund_id, asked_by, asker_name, question) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)', [tx.id, tx.fund_id, userId, NAME, `${NAME}问：这笔钱怎么花的？`]);
    const [owner] = await q<{ id: string; assembly_id: string; owner_key: string }>('SELECT id, assembly_id, owner_key FROM assembly_owners LIMIT 1');
    if (owner) {
      await q("UPDATE assembly_owners SET label = $1 || '、' || label, parties = array_append(parties, 'res:' || $2) WHERE id = $3", [NAME, residentId, owner.id]);
    }
    const [home] = await q<{ id: string; region_id: string; region_path: string; district_code: string }>(
      'SELECT h.id, h.region_id, h.region_path, h.district_code FROM residents r JOIN households h ON h.id = r.household_id WHERE r.id = $1', [residentId]);
    if (home) {
      // A worker's free-text note about the household, naming them and their phone (probe fix: erasure).
      const [visit] = await q<{ id: string }>(`INSERT INTO visits (id, household_id, region_id, region_path, district_code, worker_user_id, visited_at, outcome, notes)
        VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, now(), $6, $7) RETURNING id`,
      [home.id, home.region_id, home.region_path, home.district_code, userId, VISIT_OUTCOMES[0], `${NAME}在家，电话 ${DEMO.partyMember}，已核对身份证 ${ID_NUMBER.slice(0, 3)}***********${ID_NUMBER.slice(-4)}`]);
      await q(`INSERT INTO household_changes (id, visit_id, household_id, region_path, district_code, proposed_by, changes, base_version, base, status)
        VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, '{}'::jsonb, 'v1', $6::jsonb, 'pending')`,
      [visit!.id, home.id, home.region_path, home.district_code, userId, JSON.stringify({ address: '锦绣花园', tenure: 'owner', members: [{ residentId, name: NAME, tags: [] }, { residentId: userId, name: '邻居甲乙', tags: [] }] })]);
    }
    if (home) {
      // A sign-up that the register could not match yet: its name and sealed ID number wait for a worker.
      await q(`INSERT INTO account_link_requests (id, user_id, community_id, region_path, district_code, name, id_masked, reason)
        VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 'no_match')`, [userId, home.region_id, home.region_path, home.district_code, NAME, ID_NUMBER]);
    }
    // Staff's sort note on someone else's request, giving their phone (probe fix: erasure).
    const [other] = await q<{ id: string }>('SELECT id FROM requests WHERE reporter_user_id IS DISTINCT FROM $1 ORDER BY id LIMIT 1', [userId]);
    const workerId = (await q<{ id: string }>("SELECT user_id AS id FROM role_assignments WHERE role = 'community_worker' LIMIT 1"))[0]!.id;
    await q("INSERT INTO request_events (id, request_id, actor_user_id, actor_name, kind, note, public) VALUES (gen_random_uuid(), $1, $2, '社区工作人员', 'comment', $3, false)",
      [other!.id, workerId, `分拣备注：同楼居民来电 ${DEMO.partyMember} 反映`]);
    // Another account's link request filed with their name and ID number (its keyed hash), under their name.
    const [stranger] = await q<{ id: string }>('SELECT id FROM users WHERE id <> $1 AND resident_id IS NULL AND disabled_at IS NULL ORDER BY id LIMIT 1', [userId]);
    const idHash = (await q<{ id_hash: string }>('SELECT id_hash FROM residents WHERE id = $1', [residentId]))[0]!.id_hash;
    await q('UPDATE users SET name = $1 WHERE id = $2', [NAME, stranger!.id]);
    if (home) {
      await q(`INSERT INTO account_link_requests (id, user_id, community_id, region_path, district_code, name, id_hash, id_masked, reason)
        VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, 'already_linked')`, [stranger!.id, home.region_id, home.region_path, home.district_code, NAME, idHash, ID_NUMBER]);
    }
    const hitsBefore = await hits([NAME, DEMO.partyMember, ID_NUMBER, ID_NUMBER.slice(0, 3) + '***********' + ID_NUMBER.slice(-4)]);
    for (const place of ['residents.name', 'users.name', 'council_seats.holder_name', 'requests.description', 'household_changes.base', 'fund_questions.asker_name', 'assembly_owners.label', 'account_link_requests.name', 'visits.notes', 'request_events.note']) expect(hitsBefore.join('\n')).toContain(place);

    expect((await worker.request('POST', `/api/v1/residents/${residentId}/erasure`, { confirm: true })).statusCode).toBe(204);

    expect(await hits([NAME, DEMO.partyMember, ID_NUMBER, ID_NUMBER.slice(0, 3) + '***********' + ID_NUMBER.slice(-4)])).toEqual([]);
    // Requests others filed with their ID number are closed, not left for a worker to approve.
    expect(await q("SELECT 1 FROM account_link_requests WHERE user_id = $1 AND state = 'pending'", [stranger!.id])).toEqual([]);
    // Other people's copies stay: the other member of the snapshot keeps their name.
    expect((await q('SELECT 1 FROM household_changes WHERE base::text LIKE $1', ['%邻居甲乙%']))).toHaveLength(home ? 1 : 0);
    // Kept, not deleted: the seat, attendance and votes still count; the name is gone.
    expect((await q<{ holder_name: string }>('SELECT holder_name FROM council_seats WHERE resident_id = $1', [residentId])).every((s) => s.holder_name === ERASED_NAME)).toBe(true);
  });

  it('two concurrent erasures of one person: one erasure, one audit row', async () => {
    const residentId = (await q<{ id: string }>("SELECT id FROM residents WHERE name <> $1 AND region_path LIKE '510108001001001%' ORDER BY id LIMIT 1 OFFSET 3", [ERASED_NAME]))[0]!.id;
    const other = await signIn(ctx.app, DEMO.worker);
    const answers = await Promise.all([worker, other].map((c) => c.request('POST', `/api/v1/residents/${residentId}/erasure`, { confirm: true })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([204, 204]);
    const audits = await q("SELECT 1 FROM audit_log WHERE action = 'privacy.erase' AND subject_id = $1", [residentId]);
    expect(audits).toHaveLength(1);
  });
});
