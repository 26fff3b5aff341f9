import { eq, sql } from 'drizzle-orm';
import { deadlineFor, isValidLatLng } from '@gongzhi/core';
import type { CreateRequestBody } from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { authorize, can } from '../../platform/authz/authorize.ts';
import { audit } from '../../platform/audit/audit.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { locate } from '../org/org.routes.ts';
import { findResident } from '../org/people.repository.ts';
import { sealPhone } from '../org/resident.pii.ts';
import { residents } from '../org/org.table.ts';
import { requestEvents, requests } from './requests.table.ts';
import { catalogueOf } from './categories.service.ts';
import { loadCalendar } from './calendar.ts';
import { scheduleSla } from './sla.ts';
import { applyStats } from './stats.ts';
import { suggestFor } from './triage.service.ts';

/** Online requests are to be accepted within two hours (Beijing 12345), whatever their category. */
export const DEFAULT_RESPOND_HOURS = 2;

/** Where a new request sits: a grid or micro-grid, or unplaced in a district. */
interface Place { regionId: string | null; regionPath: string; districtCode: string; lat: number | null; lng: number | null; address: string | null }

async function placeOf(db: DbOrTx, actor: Actor, body: CreateRequestBody, fallbackDistrict: () => Promise<string | null>): Promise<Place> {
  const address = body.address ?? null;
  if (body.lat !== undefined && body.lng !== undefined) {
    if (!isValidLatLng(body.lat, body.lng)) throw new AppError('LOCATION_INVALID');
    const hit = await locate({ db: db as Db }, body.lat, body.lng);
    if (!hit) throw new AppError('LOCATION_OUTSIDE');
    return { regionId: hit.id, regionPath: hit.code, districtCode: hit.districtCode, lat: body.lat, lng: body.lng, address };
  }
  if (body.regionId) {
    // Residents may name any grid; staff only grids they can see.
    const [region] = await db.execute<{ id: string; code: string; level: string; district_code: string }>(sql`SELECT id, code, level, district_code FROM regions WHERE id = ${body.regionId} AND retired_at IS NULL`).then((r) => r.rows);
    if (!region || (region.level !== 'grid' && region.level !== 'microgrid')) throw new AppError('REGION_NOT_FOUND');
    return { regionId: region.id, regionPath: region.code, districtCode: region.district_code, lat: null, lng: null, address };
  }
  const district = address ? await fallbackDistrict() : null;
  if (!address || !district) throw new AppError('LOCATION_REQUIRED');
  return { regionId: null, regionPath: district, districtCode: district, lat: null, lng: null, address };
}

/** The district an actor belongs to, for requests that come with only an address. */
async function homeDistrict(db: DbOrTx, actor: Actor): Promise<string | null> {
  if (actor.residentId) {
    const [r] = await db.select({ d: residents.districtCode }).from(residents).where(eq(residents.id, actor.residentId));
    if (r) return r.d;
  }
  const path = actor.grants.find((g) => g.regionPath)?.regionPath;
  return path ? path.slice(0, 6) : null;
}

/** Extra facts a channel supplies: Open311 clients bring their district and a reporter of their own. */
export interface IntakeContext { channel?: 'open311'; districtCode?: string; reporterName?: string; reporterPhone?: string; now?: Date }

/**
 * Takes in a request from any channel in one transaction: place it (point → grid, chosen grid, or an
 * address left for staff to place), suggest its class, category and department, open the SLA
 * clock, and write the request, its first timeline entry, its timers, its audit row, its counts and
 * the acknowledgement to the reporter together.
 */
export async function intake(db: Db, vault: Vault, actor: Actor, body: CreateRequestBody, ctx: IntakeContext = {}) {
  authorize(actor, 'request.create');
  const now = ctx.now ?? new Date();
  const staffChannel = body.channel === 'grid_worker' || body.channel === 'phone';
  if (staffChannel && !can(actor, 'request.handle')) throw new AppError('FORBIDDEN');
  const channel = ctx.channel ?? body.channel ?? 'web';
  const phone = body.reporter?.phone ?? ctx.reporterPhone;
  const sealed = phone ? sealPhone(vault, phone) : undefined;
  if (sealed && !sealed.ok) throw new AppError('PHONE_INVALID');

  return db.transaction(async (tx) => {
    const place = await placeOf(tx, actor, body, async () => ctx.districtCode ?? (await homeDistrict(tx, actor)));
    const catalogue = await catalogueOf(tx, place.districtCode);
    const category = body.categoryCode ? catalogue.get(body.categoryCode) : undefined;
    if (body.categoryCode && !category) throw new AppError('CATEGORY_UNKNOWN', { code: body.categoryCode });
    if (category?.requiredFields.includes('location') && !place.regionId) throw new AppError('CATEGORY_FIELD_REQUIRED', { field: '位置 / location' });
    if (category?.requiredFields.includes('address') && !place.address) throw new AppError('CATEGORY_FIELD_REQUIRED', { field: '地址 / address' });

    let reporterResidentId = staffChannel ? body.reporter?.residentId ?? null : actor.residentId;
    if (staffChannel && reporterResidentId) found(await findResident(tx, actor, reporterResidentId), 'RESIDENT_NOT_FOUND');
    if (channel === 'open311') reporterResidentId = null;
    const reporterName = body.reporter?.name ?? ctx.reporterName ?? (staffChannel || channel === 'open311' ? null : actor.name);

    const suggestion = await suggestFor(tx, body.description);
    const calendar = await loadCalendar(tx);
    const respondDueAt = deadlineFor(now, category?.respondHours ?? DEFAULT_RESPOND_HOURS, category?.workingTime ?? false, calendar);
    const resolveDueAt = category ? deadlineFor(now, category.resolveHours, category.workingTime, calendar) : null;
    const [{ n }] = (await tx.execute<{ n: string }>(sql`SELECT nextval('request_number_seq')::text AS n`)).rows as [{ n: string }];
    const [row] = await tx.insert(requests).values({
      number: `GZ${n.padStart(8, '0')}`, districtCode: place.districtCode, regionId: place.regionId, regionPath: place.regionPath,
      lat: place.lat, lng: place.lng, address: place.address, description: body.description,
      categoryId: category?.id ?? null, matter: category?.matter ?? null, departmentId: category?.departmentId ?? null,
      channel, reporterUserId: channel === 'open311' || staffChannel ? null : actor.userId, reporterResidentId, reporterName,
      reporterPhoneHash: sealed?.ok ? sealed.value.phoneHash : null, reporterPhoneCipher: sealed?.ok ? sealed.value.phoneCipher : null,
      reporterPhoneMasked: sealed?.ok ? sealed.value.phoneMasked : null, anonymous: body.anonymous,
      state: 'received', ownerUserId: staffChannel ? actor.userId : null, suggestion,
      respondDueAt, resolveDueAt, createdAt: now, updatedAt: now,
    }).returning();
    const r = row!;
    await tx.insert(requestEvents).values({
      requestId: r.id, at: now, actorUserId: channel === 'open311' ? null : actor.userId, actorName: channel === 'web' ? '居民' : actor.name,
      kind: 'received', toState: 'received', note: place.regionId ? null : '待定位 / waiting to be placed', data: { channel },
    });
    await scheduleSla(tx, r, now);
    await applyStats(tx, null, r);
    await audit(tx, actor, { action: 'request.create', subjectType: 'request', subjectId: r.id, regionPath: r.regionPath, after: { ...r, reporterPhoneCipher: undefined } });
    if (r.reporterUserId) await enqueue(tx, { channel: 'inbox', template: 'request.received', recipientUserId: r.reporterUserId, payload: { number: r.number, requestId: r.id } });
    else if (r.reporterPhoneHash) await enqueue(tx, { channel: 'sms', template: 'request.received', payload: { number: r.number, requestId: r.id } });
    return r;
  });
}

