import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { found } from '../../platform/errors/app-error.ts';
import { ancestorsOf, childrenOf, countsFor, findRegion, scopeRoots, tagCounts } from './region.repository.ts';
import { presentRegion } from './region.presenter.ts';
import { locate } from './region.service.ts';
import { regionAbilities } from './org.policy.ts';

/** A region the actor may read, with its ancestors, counts, tags and the actor's abilities; else REGION_NOT_FOUND. */
export async function regionDetail(db: Db, actor: Actor, id: string) {
  const region = found(await findRegion(db, actor, id), 'REGION_NOT_FOUND');
  const [counts, ancestors, tags] = await Promise.all([countsFor(db, [region]), ancestorsOf(db, region.code), tagCounts(db, region.code)]);
  return {
    ...presentRegion(region, counts), ancestors, boundary: region.boundary ?? null, tagCounts: tags,
    abilities: regionAbilities(actor, region.code),
  };
}

/** The children of a region the actor may read (else REGION_NOT_FOUND), or the roots of their scope, with counts. */
export async function regionList(db: Db, actor: Actor, q: { parentId?: string; includeRetired: boolean }) {
  let rows;
  if (q.parentId) {
    const parent = found(await findRegion(db, actor, q.parentId), 'REGION_NOT_FOUND');
    rows = await childrenOf(db, parent.id, q.includeRetired);
  } else {
    rows = await scopeRoots(db, scopeFor(actor, 'region.read'), q.includeRetired);
  }
  const counts = rows.length ? await countsFor(db, rows) : new Map();
  return rows.map((row) => presentRegion(row, counts));
}

/** The grid (or micro-grid) containing a point, with its ancestors. */
export async function locateWithAncestors(db: Db, lat: number, lng: number) {
  const hit = await locate(db, lat, lng);
  return { region: hit ? { id: hit.id, level: hit.level, code: hit.code, name: hit.name } : null, ancestors: hit ? await ancestorsOf(db, hit.code) : [] };
}
