import type { z } from 'zod';
import { formatArea } from '@gongzhi/core';
import type { AssemblyDetail, AssemblySummary, PublicAssemblyResults } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import type { AssemblyMatterRow, AssemblyRow } from './assembly.table.ts';
import { castBy, findAssembly, findAssemblyById, listAssemblies, mattersOf, regionNames, rollEntryForResident } from './assembly.repository.ts';
import { scopeFor } from '../../platform/authz/scope.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summary(a: AssemblyRow, region: { name: string; code: string }, matterCount: number): z.infer<typeof AssemblySummary> {
  return {
    id: a.id, title: a.title, state: a.state, region: { id: a.regionId, name: region.name, code: region.code },
    noticedAt: a.noticedAt.toISOString(), opensAt: a.opensAt.toISOString(), closesAt: a.closesAt.toISOString(),
    resultsPublishedAt: iso(a.resultsPublishedAt), matterCount,
  };
}

function matter(m: AssemblyMatterRow, showResult: boolean) {
  return { id: m.id, position: m.position, kind: m.kind, majority: m.majority, title: m.title, description: m.description, result: showResult ? m.result ?? null : null };
}

/** The assemblies the actor may see, one page. */
export async function presentList(db: Db, actor: Actor, q: Parameters<typeof listAssemblies>[2]) {
  const { rows, total } = await listAssemblies(db, scopeFor(actor, 'assembly.read'), q);
  return { total, items: rows.map((r) => summary(r.a, { name: r.regionName, code: r.regionCode }, r.matterCount)) };
}

/**
 * One assembly: its matters (results once published), the actor's abilities, and for an owner on the
 * roll their place on it and what they have already cast.
 */
export async function presentDetail(db: Db, actor: Actor, id: string): Promise<z.infer<typeof AssemblyDetail>> {
  const a = found(await findAssembly(db, scopeFor(actor, 'assembly.read'), id), 'ASSEMBLY_NOT_FOUND');
  return detailOf(db, actor, a);
}

export async function detailOf(db: Db, actor: Actor, a: AssemblyRow): Promise<z.infer<typeof AssemblyDetail>> {
  const [matters, names, entry] = await Promise.all([
    mattersOf(db, a.id), regionNames(db, [a.regionId]),
    actor.residentId && a.state !== 'noticed' ? rollEntryForResident(db, a.id, actor.residentId) : Promise.resolve(undefined),
  ]);
  const manage = can(actor, 'assembly.manage', { regionPath: a.regionPath });
  const abilities: ('manage' | 'vote')[] = [];
  if (manage) abilities.push('manage');
  if (entry && can(actor, 'assembly.vote') && a.state === 'voting') abilities.push('vote');
  const published = a.resultsPublishedAt !== null;
  return {
    ...summary(a, names.get(a.regionId) ?? { name: '', code: a.regionPath }, matters.length),
    description: a.description, resultsDueAt: a.resultsDueAt.toISOString(), openedAt: iso(a.openedAt), closedAt: iso(a.closedAt),
    eligible: a.eligibleOwners === null ? null : { owners: a.eligibleOwners, area: formatArea(a.eligibleAreaCentiM2 ?? 0n) },
    matters: matters.map((m) => matter(m, published)),
    abilities,
    mine: entry ? {
      ownerKey: entry.ownerKey, label: entry.label, area: formatArea(entry.areaCentiM2), unitCount: entry.unitCount,
      cast: await castBy(db, a.id, entry.ownerKey),
    } : null,
  };
}

/**
 * The public results of an assembly whose results are published: counts and areas only, no names
 * (the ballots export, for those who may see the assembly, lets anyone recount them).
 */
export async function presentPublicResults(db: Db, id: string): Promise<z.infer<typeof PublicAssemblyResults>> {
  const a = found(await findAssemblyById(db, id), 'ASSEMBLY_NOT_FOUND');
  if (!a.resultsPublishedAt) throw new AppError('ASSEMBLY_RESULTS_NOT_PUBLISHED');
  const [matters, names] = await Promise.all([mattersOf(db, a.id), regionNames(db, [a.regionId])]);
  return {
    id: a.id, title: a.title, regionName: names.get(a.regionId)?.name ?? '',
    opensAt: a.opensAt.toISOString(), closesAt: a.closesAt.toISOString(), resultsPublishedAt: a.resultsPublishedAt.toISOString(),
    matters: matters.filter((m) => m.result).map((m) => ({ ...matter(m, true), result: m.result! })),
  };
}
