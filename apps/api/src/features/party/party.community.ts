import type { Action } from '@gongzhi/core';
import { CODE_LENGTH } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor, scopePrefixes } from '../../platform/authz/scope.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { activeRegion, regionByCode } from '../org/region.service.ts';
import { DEFAULT_CATALOGUE, DEFAULT_FLAG_ON, DEFAULT_YEARLY_TARGET } from './party.policy.ts';
import { settingsOf } from './party.repository.ts';
import type { PartyPointRuleRow } from './party.table.ts';

/** A community the actor works on: its code (the region path), name and district. */
export interface Community { code: string; name: string; districtCode: string }

/**
 * The community an actor names (or, when they name none, the one community their grant for `action`
 * covers). A region out of their scope is not found; a region that is not a community is refused.
 * Returns undefined when none is named and the scope is wider than one community (lists then cover it all).
 */
export async function communityFor(db: DbOrTx, actor: Actor, action: Action, regionId: string | undefined): Promise<Community | undefined> {
  const prefixes = scopePrefixes(scopeFor(actor, action));
  if (!regionId) {
    const only = prefixes?.length === 1 && prefixes[0]!.length === CODE_LENGTH.community ? prefixes[0]! : undefined;
    if (!only) return undefined;
    const r = await regionByCode(db, only);
    return r ? { code: r.code, name: r.name, districtCode: r.code.slice(0, CODE_LENGTH.district) } : undefined;
  }
  const r = await activeRegion(db, regionId);
  if (!r || (prefixes !== null && !prefixes.some((p) => r.code.startsWith(p)))) throw new AppError('REGION_NOT_FOUND');
  if (r.level !== 'community') throw new AppError('PARTY_NOT_COMMUNITY');
  return { code: r.code, name: r.name, districtCode: r.districtCode };
}

/** Like {@link communityFor}, for writes that need exactly one community. */
export async function oneCommunity(db: DbOrTx, actor: Actor, action: Action, regionId: string | undefined): Promise<Community> {
  const c = await communityFor(db, actor, action, regionId);
  if (!c) throw new AppError('PARTY_NOT_COMMUNITY');
  return c;
}

/** Community names by code, for lists spanning several communities. */
export async function communityNames(db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const code of new Set(codes)) out.set(code, (await regionByCode(db, code))?.name ?? code);
  return out;
}

/** A district's settings, or the defaults (12 services, 30 June, the standard catalogue) when it set none. */
export async function districtSettings(db: DbOrTx, districtCode: string): Promise<{ yearlyTarget: number; flagOn: string; catalogue: PartyPointRuleRow[] }> {
  const s = await settingsOf(db, districtCode);
  return s ? { yearlyTarget: s.yearlyTarget, flagOn: s.flagOn, catalogue: s.catalogue } : { yearlyTarget: DEFAULT_YEARLY_TARGET, flagOn: DEFAULT_FLAG_ON, catalogue: [...DEFAULT_CATALOGUE] };
}
