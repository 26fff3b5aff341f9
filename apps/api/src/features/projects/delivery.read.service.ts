import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { projectPhotos } from './delivery.table.ts';
import { acceptancesOf, findDeliveryProject, inspectionsOf, milestonesOf, photosOf, ratingsOf, updatesOf } from './delivery.repository.ts';
import { deliveryAbilities } from './delivery.policy.ts';
import { rulesFor } from './projects.service.ts';
import { presentDelivery } from './delivery.presenter.ts';
import type { DeliveryView } from '@gongzhi/contracts';

/** Everything of steps 5–7 for a project's page, as the viewer may see it (else 404). */
export async function deliveryView(db: Db, actor: Actor, id: string, now: Date): Promise<DeliveryView> {
  const p = found(await findDeliveryProject(db, actor, id), 'PROJECT_NOT_FOUND');
  const [milestones, updates, inspections, photos, acceptances, ratings, rules] = await Promise.all([
    milestonesOf(db, id), updatesOf(db, id), inspectionsOf(db, id), photosOf(db, id), acceptancesOf(db, id), ratingsOf(db, id), rulesFor(db, p.districtCode),
  ]);
  const closesAt = acceptances.findLast((a) => a.state === 'passed')?.ratingClosesAt ?? null;
  const ratingOpen = p.status === 'accepted' && closesAt !== null && now < closesAt;
  const mine = ratings.find((r) => r.userId === actor.userId) ?? null;
  const abilities = deliveryAbilities(actor, p, {
    hasMilestones: milestones.length > 0, hasUpdates: updates.length > 0, openConcerns: inspections.filter((i) => i.concern && !i.answeredAt).length,
    openAcceptance: acceptances.some((a) => a.state === 'open'), ratingOpen, rated: mine !== null,
  });
  return presentDelivery({ p, milestones, updates, inspections, photos, acceptances, ratings, mine, passMark: rules.acceptancePassMark, closesAt, ratingOpen, abilities });
}

/** A photo of the project's delivery, for someone who may see the project. */
export async function readProjectPhoto(db: Db, storage: Storage, actor: Actor, id: string, photoId: string): Promise<Buffer> {
  found(await findDeliveryProject(db, actor, id), 'PROJECT_NOT_FOUND');
  const [photo] = await db.select().from(projectPhotos).where(and(eq(projectPhotos.id, photoId), eq(projectPhotos.projectId, id)));
  if (!photo) throw new AppError('NOT_FOUND');
  return storage.get(photo.storageKey);
}
