import type { z } from 'zod';
import type { AssemblyDetail, PublicAssemblyResults } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import type { AssemblyRow } from './assembly.table.ts';
import {
  castBy, findAssembly, findAssemblyById, listAssemblies, mattersOf, rollEntryForResident, searchRoll,
} from './assembly.repository.ts';
import { regionNames } from '../org/region.service.ts';
import { abilitiesOn, mayExportBallots, mayManage } from './assembly.policy.ts';
import { presentDetail, presentList, presentPublicResults } from './assembly.presenter.ts';
import { ballotsWorkbook } from './assembly.export.ts';

// What the assembly pages read: loaded in the actor's scope, judged by the policy, shaped by the presenter.

/** An assembly the actor may see, or ASSEMBLY_NOT_FOUND. */
export async function visibleAssembly(db: Db, actor: Actor, id: string): Promise<AssemblyRow> {
  return found(await findAssembly(db, scopeFor(actor, 'assembly.read'), id), 'ASSEMBLY_NOT_FOUND');
}

/** The assemblies the actor may see, one page. */
export async function assemblyList(db: Db, actor: Actor, q: Parameters<typeof listAssemblies>[2]) {
  const { rows, total } = await listAssemblies(db, scopeFor(actor, 'assembly.read'), q);
  return presentList(rows, total);
}

/**
 * One assembly: its matters (results once published), the actor's abilities, and for an owner on the
 * roll (once it is frozen) their place on it and what they have already cast.
 */
export async function assemblyDetail(db: Db, actor: Actor, id: string): Promise<z.infer<typeof AssemblyDetail>> {
  const a = await visibleAssembly(db, actor, id);
  const [matters, names, entry] = await Promise.all([
    mattersOf(db, a.id), regionNames(db, [a.regionId]),
    actor.residentId && a.state !== 'noticed' ? rollEntryForResident(db, a.id, actor.residentId) : Promise.resolve(undefined),
  ]);
  const mine = entry
    ? { ownerKey: entry.ownerKey, label: entry.label, areaCentiM2: entry.areaCentiM2, unitCount: entry.unitCount, cast: await castBy(db, a.id, entry.ownerKey) }
    : null;
  return presentDetail(a, names.get(a.regionId), matters, abilitiesOn(actor, a, Boolean(entry)), mine);
}

/** The published results of an assembly, for anyone; not yet published: ASSEMBLY_RESULTS_NOT_PUBLISHED. */
export async function publicResults(db: Db, id: string): Promise<z.infer<typeof PublicAssemblyResults>> {
  const a = found(await findAssemblyById(db, id), 'ASSEMBLY_NOT_FOUND');
  const publishedAt = a.resultsPublishedAt;
  if (!publishedAt) throw new AppError('ASSEMBLY_RESULTS_NOT_PUBLISHED');
  const [matters, names] = await Promise.all([mattersOf(db, a.id), regionNames(db, [a.regionId])]);
  return presentPublicResults({ ...a, resultsPublishedAt: publishedAt }, names.get(a.regionId)?.name ?? '', matters);
}

/** One page of the roll of an assembly the actor manages, searched by unit or name, with its total. */
export async function rollOf(db: Db, actor: Actor, id: string, f: Parameters<typeof searchRoll>[2]) {
  const a = await visibleAssembly(db, actor, id);
  if (!mayManage(actor, a)) throw new AppError('FORBIDDEN');
  return searchRoll(db, a.id, f);
}

/** Every ballot and unit after the close, as a workbook to recount; before it, ASSEMBLY_RESULTS_NOT_PUBLISHED. */
export async function ballotsExport(db: Db, actor: Actor, id: string): Promise<{ id: string; data: Awaited<ReturnType<typeof ballotsWorkbook>> }> {
  const a = await visibleAssembly(db, actor, id);
  if (!mayExportBallots(a)) throw new AppError('ASSEMBLY_RESULTS_NOT_PUBLISHED');
  return { id: a.id, data: await ballotsWorkbook(db, a) };
}
