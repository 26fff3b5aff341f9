import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  formatArea, majorityReached, quorumReached, quorumShortfall, type OwnersVoteChoice, type OwnersVoteTotals,
} from '@gongzhi/core';
import type { CastBallotBody } from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { auditRow } from '../../platform/audit/audit.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { newId } from '../../platform/db/columns.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { MIN_SCAN_PX, sniffScan } from '../../platform/uploads/uploads.ts';
import { assemblies, assemblyBallots, assemblyOwners, type AssemblyMatterRow, type AssemblyRow } from './assembly.table.ts';
import { ballotCounts, findAssembly, findAssemblyById, mattersOf, rollEntry, rollEntryForResident } from './assembly.repository.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { erasedAmong } from '../org/people.service.ts';
import { mayManage } from './assembly.policy.ts';

/** An assembly's matters never change after it is convened, so each process keeps them once. */
const matterCache = new Map<string, AssemblyMatterRow[]>();
async function cachedMatters(db: Db, assemblyId: string): Promise<AssemblyMatterRow[]> {
  let m = matterCache.get(assemblyId);
  if (!m) {
    m = await mattersOf(db, assemblyId);
    if (matterCache.size > 1000) matterCache.clear();
    matterCache.set(assemblyId, m);
  }
  return m;
}

/** The matter ids of the assembly must each be chosen exactly once. */
function checkComplete(matters: AssemblyMatterRow[], choices: CastBallotBody['choices']): void {
  const ids = new Set(matters.map((m) => m.id));
  const chosen = new Set(choices.map((c) => c.matterId));
  if (chosen.size !== choices.length || chosen.size !== ids.size || [...chosen].some((id) => !ids.has(id))) {
    throw new AppError('ASSEMBLY_BALLOT_INCOMPLETE');
  }
}

interface Cast {
  /** Whose ballot: an owner picked by staff (paper), or the signed-in resident's place on the roll. */
  who: { ownerKey: string } | { residentId: string };
  choices: { matterId: string; choice: OwnersVoteChoice }[];
  channel: 'online' | 'paper';
  scan?: { key: string; mime: string; sha256: string };
}

/** Row ids prepared per matter: enough for a resident on the roll as several owners. */
const IDS_PER_MATTER = 4;

/** What the one statement found: the vote open, the owners on the roll (one per unit-owner set), how many rows went in. */
interface Written { open: number; owner: number; inserted: number }

/**
 * Writes one owner's ballot on every matter, with its audit row, as ONE statement (atomic on its
 * own, and one round trip: thousands of owners vote within minutes). It finds the owner on the
 * frozen roll, reads the assembly row with a KEY SHARE lock (ballots do not block each other, but
 * the close, FOR UPDATE, waits for those in flight and every later ballot sees the vote closed),
 * and inserts. The unique index (matter, owner) is the final judge of "one ballot per owner": a
 * second ballot inserts nothing. A ballot always covers every matter, inserted in the same order
 * (owner, then matter), so two racing ballots of one owner can neither deadlock nor both
 * half-succeed. A resident may be on the roll more than once (their own flat, and one held with a
 * spouse are two owners): their ballot is cast for each of those owners that has not voted yet.
 */
async function writeBallot(db: Db, actor: Actor, assemblyId: string, cast: Cast, now: Date): Promise<Written> {
  const choices = [...cast.choices].sort((x, y) => (x.matterId < y.matterId ? -1 : 1));
  const at = now.toISOString();
  // One id per row: a row per matter for each owner on the roll the caller casts for (rarely more
  // than a few; beyond those prepared here the database makes a random one).
  const ids = Array.from({ length: choices.length * IDS_PER_MATTER }, () => newId());
  const ownerMatch = 'ownerKey' in cast.who
    ? sql`owner_key = ${cast.who.ownerKey}`
    : sql`parties @> ARRAY[${`res:${cast.who.residentId}`}]::text[]`;
  // The audit keeps who cast for which owner, not the choice: the ballot row is the record of that.
  const log = auditRow(actor, { action: cast.channel === 'paper' ? 'assembly.ballot.paper' : 'assembly.ballot.cast', subjectType: 'assembly', subjectId: assemblyId });
  const details = { matters: choices.length, ...(cast.scan ? { scan: cast.scan.key } : {}) };
  const res = await db.execute<{ open: number; owner: number; inserted: number }>(sql`
    WITH a AS (
      SELECT id, region_path, district_code FROM ${assemblies}
      WHERE id = ${assemblyId} AND state = 'voting' AND closes_at > ${at}::timestamptz FOR KEY SHARE
    ), o AS (
      SELECT owner_key, area_centi_m2 FROM ${assemblyOwners} WHERE assembly_id = ${assemblyId} AND ${ownerMatch}
    ), ins AS (
      INSERT INTO ${assemblyBallots} (id, assembly_id, matter_id, region_path, district_code, owner_key, choice, area_centi_m2, channel, cast_by_user_id, scan_key, scan_mime, scan_sha256, cast_at)
      SELECT coalesce((${`{${ids.join(',')}}`}::uuid[])[x.rn], gen_random_uuid()), a.id, x.matter_id, a.region_path, a.district_code, x.owner_key, x.choice, x.area_centi_m2,
        ${cast.channel}, ${actor.userId}, ${cast.scan?.key ?? null}, ${cast.scan?.mime ?? null}, ${cast.scan?.sha256 ?? null}, ${at}::timestamptz
      FROM a, (
        SELECT o.owner_key, o.area_centi_m2, v.matter_id, v.choice, row_number() OVER (ORDER BY o.owner_key, v.matter_id) AS rn
        FROM o, unnest(${`{${choices.map((c) => c.matterId).join(',')}}`}::uuid[], ${`{${choices.map((c) => c.choice).join(',')}}`}::text[]) AS v(matter_id, choice)
      ) x
      ORDER BY x.rn
      ON CONFLICT DO NOTHING RETURNING owner_key
    ), aud AS (
      INSERT INTO ${auditLog} (id, actor_id, actor_name, action, subject_type, subject_id, region_path, details, ip)
      SELECT ${newId()}, ${log.actorId}, ${log.actorName}, ${log.action}, ${log.subjectType}, ${log.subjectId}, a.region_path,
        ${JSON.stringify(details)}::jsonb || jsonb_build_object('ownerKeys', (SELECT jsonb_agg(DISTINCT owner_key) FROM ins)), ${log.ip}
      FROM a WHERE EXISTS (SELECT 1 FROM ins) RETURNING 1
    )
    SELECT (SELECT count(*) FROM a)::int AS open, (SELECT count(*) FROM o)::int AS owner,
      (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM aud)::int AS audited`);
  const row = res.rows[0]!;
  return { open: row.open, owner: row.owner, inserted: row.inserted };
}

function checkOpen(a: Pick<AssemblyRow, 'state' | 'closesAt'>, now: Date): void {
  if (a.state === 'noticed') throw new AppError('ASSEMBLY_STATE', { state: a.state });
  if (a.state !== 'voting' || now >= a.closesAt) throw new AppError('ASSEMBLY_VOTING_CLOSED');
}

/**
 * Why a ballot wrote nothing, in the order a person needs to hear it. Ownership is the authority
 * for voting, not where the owner lives (a landlord votes in the compound of the flat they let), so
 * someone neither on the roll nor in the assembly's area is told it is missing.
 */
async function refusal(db: Db, actor: Actor, assemblyId: string, w: Written | null, expected: number, now: Date): Promise<never> {
  const a = found(await findAssemblyById(db, assemblyId), 'ASSEMBLY_NOT_FOUND');
  if (!w || w.owner === 0) {
    if (!(await findAssembly(db, scopeFor(actor, 'assembly.read'), assemblyId))) throw new AppError('ASSEMBLY_NOT_FOUND');
    checkOpen(a, now); // before opening there is no roll yet: say so rather than "not an owner"
    throw new AppError(actor.residentId || !w ? 'ASSEMBLY_NOT_OWNER' : 'ASSEMBLY_OWNER_NOT_FOUND');
  }
  checkOpen(a, now);
  if (w.open === 0) throw new AppError('ASSEMBLY_VOTING_CLOSED');
  if (w.inserted === 0) {
    // A unit's co-owners share its one ballot: the first cast counts, the others are told so.
    const others = await db.select({ n: sql<number>`count(*)::int` }).from(assemblyBallots)
      .where(sql`${assemblyBallots.assemblyId} = ${assemblyId} AND ${assemblyBallots.castByUserId} <> ${actor.userId} AND ${assemblyBallots.channel} = 'online'
        AND ${assemblyBallots.ownerKey} IN (SELECT owner_key FROM ${assemblyOwners} WHERE assembly_id = ${assemblyId} AND parties @> ARRAY[${`res:${actor.residentId ?? ''}`}]::text[])`);
    throw new AppError(actor.residentId && (others[0]?.n ?? 0) > 0 ? 'ASSEMBLY_CO_OWNER_VOTED' : 'ASSEMBLY_ALREADY_VOTED');
  }
  if (w.inserted % expected !== 0) throw new AppError('ASSEMBLY_ALREADY_VOTED');
  throw new AppError('INTERNAL');
}

/**
 * An owner casts their ballot on their phone, as the resident their account is linked to; each
 * co-owner of a unit may cast its one ballot (the first cast counts; a later co-owner is told
 * ASSEMBLY_CO_OWNER_VOTED). Two round trips in all: the session, then one
 * statement (the matters of an assembly never change, so each process keeps them).
 */
export async function castOnline(db: Db, actor: Actor, assemblyId: string, body: CastBallotBody, now: Date): Promise<void> {
  const matters = await cachedMatters(db, assemblyId);
  if (matters.length === 0 || !actor.residentId) return refusal(db, actor, assemblyId, null, 0, now);
  try {
    checkComplete(matters, body.choices);
  } catch (err) {
    // Only someone who may see the assembly learns what its ballot must contain.
    const visible = (await rollEntryForResident(db, assemblyId, actor.residentId)) ?? (await findAssembly(db, scopeFor(actor, 'assembly.read'), assemblyId));
    throw visible ? err : new AppError('ASSEMBLY_NOT_FOUND');
  }
  const w = await writeBallot(db, actor, assemblyId, { who: { residentId: actor.residentId }, choices: body.choices, channel: 'online' }, now);
  if (w.open === 1 && w.owner >= 1 && w.inserted > 0 && w.inserted % body.choices.length === 0) return;
  return refusal(db, actor, assemblyId, w, body.choices.length, now);
}

/**
 * Refuses a paper ballot (entering or accepting it) for a roll owner whose every party is an erased
 * register entry (PIPL art. 47): no one is left who could have signed the paper.
 */
export async function refuseErasedOwner(db: DbOrTx, parties: readonly string[]): Promise<void> {
  const res = parties.filter((p) => p.startsWith('res:')).map((p) => p.slice(4));
  if (res.length && res.length === parties.length && (await erasedAmong(db, res)).size === res.length) throw new AppError('RESIDENT_ERASED');
}

/**
 * Staff enter a paper ballot for an owner on the roll, with its scan. Everything is checked before
 * the scan is stored, and the stored scan is removed again if the ballot is refused. The scan must
 * really be one (`sniffScan`: a decodable JPEG/PNG of at least MIN_SCAN_PX px a side, or a PDF with
 * a page). The ballot is pending, counted in no tally or quorum, until a second staff member (监票人)
 * verifies it against the scan (paper.service.ts).
 */
export async function castPaper(db: Db, storage: Storage, actor: Actor, assemblyId: string, input: { ownerKey: string; choices: CastBallotBody['choices']; scan: Buffer | null }, now: Date): Promise<void> {
  const a = found(await findAssembly(db, scopeFor(actor, 'assembly.read'), assemblyId), 'ASSEMBLY_NOT_FOUND');
  if (!mayManage(actor, { regionPath: a.regionPath })) throw new AppError('FORBIDDEN');
  checkOpen(a, now);
  await refuseErasedOwner(db, found(await rollEntry(db, a.id, input.ownerKey), 'ASSEMBLY_OWNER_NOT_FOUND').parties);
  checkComplete(await cachedMatters(db, a.id), input.choices);
  if (!input.scan || input.scan.length === 0) throw new AppError('ASSEMBLY_SCAN_REQUIRED');
  const type = await sniffScan(input.scan);
  if (!type) throw new AppError('ASSEMBLY_SCAN_INVALID', { minPx: MIN_SCAN_PX });
  // One sheet is one owner's ballot: the same scan under a second owner is refused here with a clear
  // code; the unique index (matter, scan) is the final judge should two such entries race.
  const sha256 = createHash('sha256').update(input.scan).digest('hex');
  const [reused] = await db.select({ id: assemblyBallots.id }).from(assemblyBallots)
    .where(sql`${assemblyBallots.assemblyId} = ${a.id} AND ${assemblyBallots.scanSha256} = ${sha256} AND ${assemblyBallots.ownerKey} <> ${input.ownerKey}`).limit(1);
  if (reused) throw new AppError('ASSEMBLY_SCAN_REUSED');
  const key = await storage.put(input.scan, type.type);
  try {
    const w = await writeBallot(db, actor, a.id, { who: { ownerKey: input.ownerKey }, choices: input.choices, channel: 'paper', scan: { key, mime: type.mime, sha256 } }, now);
    if (w.open !== 1 || w.owner !== 1 || w.inserted !== input.choices.length) await refusal(db, actor, a.id, w, input.choices.length, now);
  } catch (err) {
    await storage.remove(key);
    throw err;
  }
}

/** A paper ballot's scan, for staff of the compound. */
export async function readScan(db: Db, storage: Storage, actor: Actor, assemblyId: string, ballotId: string) {
  const a = found(await findAssembly(db, scopeFor(actor, 'assembly.read'), assemblyId), 'ASSEMBLY_NOT_FOUND');
  if (!mayManage(actor, { regionPath: a.regionPath })) throw new AppError('FORBIDDEN');
  const [b] = await db.select({ key: assemblyBallots.scanKey, mime: assemblyBallots.scanMime }).from(assemblyBallots)
    .where(sql`${assemblyBallots.id} = ${ballotId} AND ${assemblyBallots.assemblyId} = ${a.id}`);
  if (!b?.key) throw new AppError('NOT_FOUND');
  return { data: await storage.get(b.key), mime: b.mime ?? 'application/octet-stream' };
}

const zero = () => ({ owners: 0, area: 0n });

/**
 * The live progress: eligible totals frozen at opening, one aggregate over the ballots, and the pure
 * rules for the quorum, the majority and the shortfall (how many more owners and m² are needed).
 * While the vote runs only participation is shown: with a handful of voters a running split would
 * tell how each one voted, and could sway those still to vote.
 */
export async function progressOf(db: Db, a: AssemblyRow, now: Date) {
  const [matters, counts] = await Promise.all([cachedMatters(db, a.id), ballotCounts(db, a.id)]);
  const eligibleOwners = a.eligibleOwners ?? 0;
  const eligibleArea = a.eligibleAreaCentiM2 ?? 0n;
  const fmt = (x: { owners: number; area: bigint }) => ({ owners: x.owners, area: formatArea(x.area) });
  return {
    state: a.state,
    eligible: { owners: eligibleOwners, area: formatArea(eligibleArea) },
    at: now.toISOString(),
    matters: matters.map((m) => {
      const by = { for: zero(), against: zero(), abstain: zero() };
      for (const c of counts) {
        if (c.matterId !== m.id) continue;
        by[c.choice] = { owners: c.owners, area: BigInt(c.area) };
      }
      const part = { owners: by.for.owners + by.against.owners + by.abstain.owners, area: by.for.area + by.against.area + by.abstain.area };
      const t: OwnersVoteTotals = {
        eligibleOwners, eligibleArea, participatingOwners: part.owners, participatingArea: part.area, forOwners: by.for.owners, forArea: by.for.area,
      };
      const short = quorumShortfall(t);
      const closed = a.state === 'closed';
      return {
        matterId: m.id, participating: fmt(part),
        for: closed ? fmt(by.for) : null, against: closed ? fmt(by.against) : null, abstain: closed ? fmt(by.abstain) : null,
        quorumMet: quorumReached(t), passingNow: closed ? majorityReached(t, m.majority) : null, shortfall: fmt(short),
      };
    }),
  };
}
