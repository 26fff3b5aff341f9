import type { z } from 'zod';
import { formatArea } from '@gongzhi/core';
import type { AssemblyDetail, AssemblySummary, PublicAssemblyResults } from '@gongzhi/contracts';
import type { AssemblyMatterRow, AssemblyRow } from './assembly.table.ts';

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

/** One page of assemblies, as loaded with their compound's name and matter count. */
export function presentList(rows: { a: AssemblyRow; regionName: string; regionCode: string; matterCount: number }[], total: number) {
  return { total, items: rows.map((r) => summary(r.a, { name: r.regionName, code: r.regionCode }, r.matterCount)) };
}

/** What the detail view shows of an owner on the roll: their entry and what they have already cast. */
export interface MyEntry { ownerKey: string; label: string; areaCentiM2: bigint; unitCount: number; cast: NonNullable<z.infer<typeof AssemblyDetail>['mine']>['cast'] }

/**
 * One assembly: its matters (results once published), the actor's abilities (from the policy), and
 * for an owner on the roll their place on it and what they have already cast.
 */
export function presentDetail(
  a: AssemblyRow, region: { name: string; code: string } | undefined, matters: AssemblyMatterRow[], abilities: ('manage' | 'vote')[], mine: MyEntry | null,
): z.infer<typeof AssemblyDetail> {
  const published = a.resultsPublishedAt !== null;
  return {
    ...summary(a, region ?? { name: '', code: a.regionPath }, matters.length),
    description: a.description, resultsDueAt: a.resultsDueAt.toISOString(), openedAt: iso(a.openedAt), closedAt: iso(a.closedAt),
    eligible: a.eligibleOwners === null ? null : { owners: a.eligibleOwners, area: formatArea(a.eligibleAreaCentiM2 ?? 0n) },
    matters: matters.map((m) => matter(m, published)),
    abilities,
    mine: mine ? { ownerKey: mine.ownerKey, label: mine.label, area: formatArea(mine.areaCentiM2), unitCount: mine.unitCount, cast: mine.cast } : null,
  };
}

/**
 * The public results of an assembly whose results are published: counts and areas only, no names
 * (the ballots export, for those who may see the assembly, lets anyone recount them).
 */
export function presentPublicResults(a: AssemblyRow & { resultsPublishedAt: Date }, regionName: string, matters: AssemblyMatterRow[]): z.infer<typeof PublicAssemblyResults> {
  return {
    id: a.id, title: a.title, regionName,
    opensAt: a.opensAt.toISOString(), closesAt: a.closesAt.toISOString(), resultsPublishedAt: a.resultsPublishedAt.toISOString(),
    matters: matters.filter((m) => m.result).map((m) => ({ ...matter(m, true), result: m.result! })),
  };
}
