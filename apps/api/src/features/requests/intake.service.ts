import { randomUUID } from 'node:crypto';
import { deadlineFor, isValidLatLng } from '@gongzhi/core';
import type { CreateRequestBody } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import { newId } from '../../platform/db/columns.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { authorize, can } from '../../platform/authz/authorize.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { sealPhone } from '../../platform/crypto/pii.ts';
import { findResident, requireNotErased, residentDistrict } from '../org/people.service.ts';
import { activeRegion } from '../org/region.service.ts';
import { requestCaches, type CatalogueEntry } from './caches.ts';
import { writeNewRequest } from './intake.write.ts';
import { suggestFor } from './triage.service.ts';
import type { RequestRow } from './requests.repository.ts';

/** Online requests are to be accepted within two hours (Beijing 12345), whatever their category. */
export const DEFAULT_RESPOND_HOURS = 2;

/** Where a new request sits: a grid or micro-grid, or unplaced in a district. */
export interface Place { regionId: string | null; regionPath: string; regionName: string | null; districtCode: string; lat: number | null; lng: number | null; address: string | null }

async function placeOf(db: Db, body: CreateRequestBody, fallbackDistrict: () => Promise<string | null>): Promise<Place> {
  const address = body.address ?? null;
  if (body.lat !== undefined && body.lng !== undefined) {
    if (!isValidLatLng(body.lat, body.lng)) throw new AppError('LOCATION_INVALID');
    const hit = await requestCaches(db).locator.locate(body.lat, body.lng);
    if (!hit) throw new AppError('LOCATION_OUTSIDE');
    return { regionId: hit.id, regionPath: hit.code, regionName: hit.name, districtCode: hit.districtCode, lat: body.lat, lng: body.lng, address };
  }
  if (body.regionId) {
    // Residents may name any grid; it only has to exist and be a grid or micro-grid.
    const region = await activeRegion(db, body.regionId);
    if (!region || (region.level !== 'grid' && region.level !== 'microgrid')) throw new AppError('REGION_NOT_FOUND');
    return { regionId: region.id, regionPath: region.code, regionName: region.name, districtCode: region.districtCode, lat: null, lng: null, address };
  }
  const district = address ? await fallbackDistrict() : null;
  if (!address || !district) throw new AppError('LOCATION_REQUIRED');
  return { regionId: null, regionPath: district, regionName: null, districtCode: district, lat: null, lng: null, address };
}

/** The district an actor belongs to, for requests that come with only an address. */
async function homeDistrict(db: Db, actor: Actor): Promise<string | null> {
  if (actor.residentId) {
    const d = await residentDistrict(db, actor.residentId);
    if (d) return d;
  }
  const path = actor.grants.find((g) => g.regionPath)?.regionPath;
  return path ? path.slice(0, 6) : null;
}

/** Extra facts a channel supplies: Open311 clients bring their district and a reporter of their own. */
export interface IntakeContext { channel?: 'open311'; districtCode?: string; reporterName?: string; reporterPhone?: string; now: Date }

/** What intake produced: the stored row and what its answer shows without reading it back. */
export interface Taken { row: RequestRow; place: Place; category: CatalogueEntry | undefined }

/**
 * Takes in a request from any channel: place it (point → grid, chosen grid, or an address left for
 * staff to place), suggest its class, category and department, and open the SLA clock. The reads
 * come from per-process caches; the request, its first timeline entry, its timers, its counts, its
 * audit row and the acknowledgement are then written by one statement, so they commit together and
 * a request costs one round trip to the database.
 */
export async function intake(db: Db, vault: Vault, actor: Actor, body: CreateRequestBody, ctx: IntakeContext): Promise<Taken> {
  authorize(actor, 'request.create');
  const now = ctx.now;
  const staffChannel = body.channel === 'grid_worker' || body.channel === 'phone';
  if (staffChannel && !can(actor, 'request.handle')) throw new AppError('FORBIDDEN');
  const channel = ctx.channel ?? body.channel ?? 'web';
  const phone = body.reporter?.phone ?? ctx.reporterPhone;
  const sealed = phone ? sealPhone(vault, phone) : undefined;
  if (sealed && !sealed.ok) throw new AppError('PHONE_INVALID');
  const caches = requestCaches(db);

  const place = await placeOf(db, body, async () => ctx.districtCode ?? (await homeDistrict(db, actor)));
  const category = body.categoryCode ? (await caches.catalogue.get(place.districtCode)).get(body.categoryCode) : undefined;
  if (body.categoryCode && !category) throw new AppError('CATEGORY_UNKNOWN', { code: body.categoryCode });
  if (category?.requiredFields.includes('location') && !place.regionId) throw new AppError('CATEGORY_FIELD_REQUIRED', { field: '位置 / location' });
  if (category?.requiredFields.includes('address') && !place.address) throw new AppError('CATEGORY_FIELD_REQUIRED', { field: '地址 / address' });
  let reporterResidentId = staffChannel ? body.reporter?.residentId ?? null : actor.residentId;
  if (staffChannel && reporterResidentId) {
    found(await findResident(db, actor, reporterResidentId), 'RESIDENT_NOT_FOUND');
    // An erased entry is no one to report for: the request would carry a husk, shown as no reporter at all.
    await requireNotErased(db, reporterResidentId);
  }
  if (channel === 'open311') reporterResidentId = null;

  const calendar = await caches.calendar.get();
  const row: RequestRow = {
    id: newId(), number: await caches.nextNumber(), publicId: randomUUID(), districtCode: place.districtCode, regionId: place.regionId, regionPath: place.regionPath,
    lat: place.lat, lng: place.lng, address: place.address, description: body.description,
    categoryId: category?.id ?? null, matter: category?.matter ?? null, departmentId: category?.departmentId ?? null,
    channel, reporterUserId: channel === 'open311' || staffChannel ? null : actor.userId, reporterResidentId,
    reporterName: body.reporter?.name ?? ctx.reporterName ?? (staffChannel || channel === 'open311' ? null : actor.name),
    reporterPhoneHash: sealed?.ok ? sealed.value.phoneHash : null, reporterPhoneCipher: sealed?.ok ? sealed.value.phoneCipher : null,
    reporterPhoneMasked: sealed?.ok ? sealed.value.phoneMasked : null, anonymous: body.anonymous,
    state: 'received', ownerUserId: staffChannel ? actor.userId : null, suggestion: await suggestFor(db, body.description),
    respondDueAt: deadlineFor(now, category?.respondHours ?? DEFAULT_RESPOND_HOURS, category?.workingTime ?? false, calendar),
    resolveDueAt: category ? deadlineFor(now, category.resolveHours, category.workingTime, calendar) : null,
    respondedAt: null, repliedAt: null, reply: null, closedAt: null, rating: null, ratingComment: null, ratedAt: null, reopenedCount: 0,
    mergedIntoId: null, escalationLevel: 0, escalatedToPath: null, slaState: 'ok', createdAt: now, updatedAt: now,
  };
  await writeNewRequest(db, actor, row);
  return { row, place, category };
}
