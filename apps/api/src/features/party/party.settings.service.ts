import type { z } from 'zod';
import type { PartySettings, PartySettingsBody } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor, scopePrefixes } from '../../platform/authz/scope.ts';
import type { Action } from '@gongzhi/core';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { activeRegion } from '../org/region.service.ts';
import { saveSettings } from './party.repository.ts';
import { districtSettings } from './party.community.ts';
import { scheduleFlag } from './party.flag.service.ts';
import { pointsYear } from './party.points.service.ts';

/** The district a region id names, if the actor's scope for `action` covers all of it. */
async function districtFor(db: Db, actor: Actor, action: Action, regionId: string, whole: boolean): Promise<string> {
  const r = await activeRegion(db, regionId);
  const prefixes = scopePrefixes(scopeFor(actor, action));
  // Reading: a region in scope names its district; setting: the whole district must be in scope.
  const ok = r && (prefixes === null || prefixes.some((p) => (whole ? r.districtCode.startsWith(p) : r.code.startsWith(p))));
  if (!r || !ok) throw new AppError('REGION_NOT_FOUND');
  return r.districtCode;
}

/** The settings of the district of a region (the defaults when the district set none). */
export async function settingsFor(db: Db, actor: Actor, regionId: string): Promise<z.infer<typeof PartySettings>> {
  const districtCode = await districtFor(db, actor, 'party.read', regionId, false);
  return { districtCode, ...(await districtSettings(db, districtCode)) };
}

/**
 * A district sets its yearly number of services, its flag date and its points catalogue; this year's
 * flag moves to the new date if it is still ahead.
 */
export async function configureDistrict(db: Db, actor: Actor, body: z.infer<typeof PartySettingsBody>, now: Date): Promise<z.infer<typeof PartySettings>> {
  const districtCode = await districtFor(db, actor, 'party.points', body.regionId, true);
  return db.transaction(async (tx) => {
    const s = await saveSettings(tx, { districtCode, yearlyTarget: body.yearlyTarget, flagOn: body.flagOn, catalogue: body.catalogue });
    await scheduleFlag(tx, districtCode, pointsYear(now));
    await audit(tx, actor, { action: 'party.settings', subjectType: 'party_settings', subjectId: null, regionPath: districtCode, after: s });
    return { districtCode, yearlyTarget: s.yearlyTarget, flagOn: s.flagOn, catalogue: s.catalogue };
  });
}
