import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { likeContains } from '../../platform/db/like.ts';
import { regionCodeOf, regionNameOf } from '../org/region.service.ts';
import {
  assemblies, assemblyBallots, assemblyMatters, assemblyOwners, assemblyUnits, type AssemblyRow, type AssemblyState,
} from './assembly.table.ts';
import { qualified } from '../../platform/db/columns.ts';

/**
 * Assemblies in an `assembly.read` scope: those of their region subtree, and those of the regions above them
 * (an owner bound to a grid sees the assembly of the whole community they live in).
 */
export function assemblyScope(scope: Scope) {
  return inScope(scope, { region: assemblies.regionPath, ancestors: true });
}

/** One assembly in the actor's scope (optionally locked), or undefined: out of scope looks missing. */
export async function findAssembly(db: DbOrTx, scope: Scope, id: string, opts: { lock?: boolean | 'key share' } = {}): Promise<AssemblyRow | undefined> {
  const q = db.select().from(assemblies).where(and(eq(assemblies.id, id), assemblyScope(scope)));
  const [row] = opts.lock ? await q.for(opts.lock === 'key share' ? 'key share' : 'update') : await q;
  return row;
}

/** An assembly by id without a scope: for timers and the public results page. */
export async function findAssemblyById(db: DbOrTx, id: string, opts: { lock?: boolean } = {}): Promise<AssemblyRow | undefined> {
  const q = db.select().from(assemblies).where(eq(assemblies.id, id));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

/** A page of the assemblies in scope, newest voting first, with the compound's name. */
export async function listAssemblies(db: DbOrTx, scope: Scope, q: { state?: AssemblyState; limit: number; offset: number }) {
  const where = and(assemblyScope(scope), q.state ? eq(assemblies.state, q.state) : undefined);
  const matterCount = sql<number>`(SELECT count(*)::int FROM ${assemblyMatters} m WHERE m.assembly_id = ${qualified(assemblies.id)})`;
  const [rows, [total]] = await Promise.all([
    db.select({ a: assemblies, regionName: regionNameOf(assemblies.regionId), regionCode: regionCodeOf(assemblies.regionId), matterCount })
      .from(assemblies)
      .where(where).orderBy(desc(assemblies.opensAt), desc(assemblies.id)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(assemblies).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function mattersOf(db: DbOrTx, assemblyId: string) {
  return db.select().from(assemblyMatters).where(eq(assemblyMatters.assemblyId, assemblyId)).orderBy(asc(assemblyMatters.position));
}

/**
 * The roll entry a resident may vote for (as owner or co-owner), if they are on the roll. A resident
 * on it as several owners (their own flat, one held with a spouse) gets one not yet voted first.
 */
export async function rollEntryForResident(db: DbOrTx, assemblyId: string, residentId: string) {
  const voted = sql`EXISTS (SELECT 1 FROM ${assemblyBallots} b WHERE b.assembly_id = ${assemblyId} AND b.owner_key = ${qualified(assemblyOwners.ownerKey)})`;
  const [row] = await db.select().from(assemblyOwners)
    .where(and(eq(assemblyOwners.assemblyId, assemblyId), sql`${assemblyOwners.parties} @> ARRAY[${`res:${residentId}`}]::text[]`))
    .orderBy(asc(voted), asc(assemblyOwners.ownerKey)).limit(1);
  return row;
}

export async function rollEntry(db: DbOrTx, assemblyId: string, ownerKey: string) {
  const [row] = await db.select().from(assemblyOwners).where(and(eq(assemblyOwners.assemblyId, assemblyId), eq(assemblyOwners.ownerKey, ownerKey)));
  return row;
}

/** The choices an owner has already cast in an assembly, matterId → choice. */
export async function castBy(db: DbOrTx, assemblyId: string, ownerKey: string) {
  const rows = await db.select({ matterId: assemblyBallots.matterId, choice: assemblyBallots.choice }).from(assemblyBallots)
    .where(and(eq(assemblyBallots.assemblyId, assemblyId), eq(assemblyBallots.ownerKey, ownerKey)));
  return Object.fromEntries(rows.map((r) => [r.matterId, r.choice]));
}

/**
 * The ballots that count: every online ballot, and a paper ballot once a second staff member
 * (监票人) has verified it against its scan. An unverified paper ballot is pending.
 */
export const countedBallot = sql`(${assemblyBallots.channel} = 'online' OR ${assemblyBallots.verifiedAt} IS NOT NULL)`;

/** Whether a ballot row counts (the same rule as {@link countedBallot}, for rows already loaded). */
export const counts = (b: { channel: string; verifiedAt: Date | null }): boolean => b.channel === 'online' || b.verifiedAt !== null;

/**
 * The live counts: one aggregate over the assembly's ballots, by matter and choice (owners and
 * area). With one index on (assembly_id, …) this stays a few milliseconds for thousands of ballots.
 */
export async function ballotCounts(db: DbOrTx, assemblyId: string) {
  return db.select({
    matterId: assemblyBallots.matterId, choice: assemblyBallots.choice,
    owners: sql<number>`count(*)::int`, area: sql<string>`coalesce(sum(${assemblyBallots.areaCentiM2}), 0)::text`,
  }).from(assemblyBallots).where(and(eq(assemblyBallots.assemblyId, assemblyId), countedBallot)).groupBy(assemblyBallots.matterId, assemblyBallots.choice);
}

/**
 * One page of the roll, searched by unit or owner name (or only owners whose paper ballot awaits
 * its check), with whether each owner has voted (never how), and the total for paging.
 */
export async function searchRoll(db: DbOrTx, assemblyId: string, f: { q?: string; pending?: boolean; limit: number; offset: number }) {
  const ownerKey = qualified(assemblyOwners.ownerKey);
  const voted = sql<boolean>`EXISTS (SELECT 1 FROM ${assemblyBallots} b WHERE b.assembly_id = ${assemblyId} AND b.owner_key = ${ownerKey})`;
  const paper = sql<{ ballotId: string; enteredByUserId: string; verified: boolean } | null>`(SELECT json_build_object('ballotId', b.id, 'enteredByUserId', b.cast_by_user_id, 'verified', b.verified_at IS NOT NULL)
    FROM ${assemblyBallots} b WHERE b.assembly_id = ${assemblyId} AND b.owner_key = ${ownerKey} AND b.channel = 'paper' ORDER BY b.matter_id LIMIT 1)`;
  const units = sql<string>`(SELECT string_agg(x.label, '，' ORDER BY x.label) FROM ${assemblyUnits} x WHERE x.assembly_id = ${assemblyId} AND x.owner_key = ${ownerKey})`;
  const match = f.q ? sql`(${assemblyOwners.label} LIKE ${likeContains(f.q)} OR EXISTS (SELECT 1 FROM ${assemblyUnits} x WHERE x.assembly_id = ${assemblyId} AND x.owner_key = ${ownerKey} AND x.label LIKE ${likeContains(f.q)}))` : undefined;
  const pending = f.pending ? sql`EXISTS (SELECT 1 FROM ${assemblyBallots} b WHERE b.assembly_id = ${assemblyId} AND b.owner_key = ${ownerKey} AND b.channel = 'paper' AND b.verified_at IS NULL)` : undefined;
  const where = and(eq(assemblyOwners.assemblyId, assemblyId), match, pending);
  const [rows, [total]] = await Promise.all([
    db.select({ ownerKey: assemblyOwners.ownerKey, label: assemblyOwners.label, area: assemblyOwners.areaCentiM2, units, voted, paper })
      .from(assemblyOwners).where(where)
      .orderBy(asc(assemblyOwners.label), asc(assemblyOwners.ownerKey)).limit(f.limit).offset(f.offset),
    db.select({ n: count() }).from(assemblyOwners).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Everything needed to recount: the frozen units and every ballot, for the close and the export. */
export async function recountData(db: DbOrTx, assemblyId: string) {
  const [units, ballots] = await Promise.all([
    db.select().from(assemblyUnits).where(eq(assemblyUnits.assemblyId, assemblyId)).orderBy(asc(assemblyUnits.label)),
    db.select().from(assemblyBallots).where(eq(assemblyBallots.assemblyId, assemblyId)).orderBy(asc(assemblyBallots.castAt), asc(assemblyBallots.id)),
  ]);
  return { units, ballots };
}
