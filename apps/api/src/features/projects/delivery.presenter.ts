import type { DeliveryView } from '@gongzhi/contracts';
import type { ProjectRow } from './projects.repository.ts';
import type { AcceptanceRow, InspectionRow, MilestoneRow, RatingRow, UpdateRow } from './delivery.repository.ts';
import type { projectPhotos } from './delivery.table.ts';

type PhotoRow = typeof projectPhotos.$inferSelect;
const iso = (d: Date | null) => d?.toISOString() ?? null;
const rating = (r: RatingRow) => ({ stars: r.stars, comment: r.comment, at: r.createdAt.toISOString() });

/** The delivery of a project as its page shows it: who did what is a label, never a person; ratings carry no name. */
export function presentDelivery(d: {
  p: ProjectRow; milestones: MilestoneRow[]; updates: UpdateRow[]; inspections: InspectionRow[]; photos: PhotoRow[]; acceptances: AcceptanceRow[];
  ratings: RatingRow[]; mine: RatingRow | null; passMark: number; closesAt: Date | null; ratingOpen: boolean; abilities: string[];
}): DeliveryView {
  const names = new Map(d.milestones.map((m) => [m.id, m.name]));
  const photosOf = (key: 'updateId' | 'inspectionId', id: string) => d.photos.filter((ph) => ph[key] === id).map((ph) => ph.id);
  return {
    projectId: d.p.id, status: d.p.status, progressPercent: d.p.progressPercent, implementer: d.p.implementerLabel,
    milestones: d.milestones.map((m) => ({ id: m.id, name: m.name, weight: m.weight, donePercent: m.donePercent })),
    updates: d.updates.map((u) => ({
      id: u.id, milestoneId: u.milestoneId, milestone: names.get(u.milestoneId) ?? '', donePercent: u.donePercent, note: u.note, by: u.byLabel, at: u.createdAt.toISOString(), photoIds: photosOf('updateId', u.id),
    })),
    inspections: d.inspections.map((i) => ({
      id: i.id, note: i.note, concern: i.concern, answer: i.answer, answeredAt: iso(i.answeredAt), by: i.byLabel, at: i.createdAt.toISOString(), photoIds: photosOf('inspectionId', i.id),
    })),
    acceptances: d.acceptances.map((a) => ({
      id: a.id, panelId: a.panelId, state: a.state, score: a.score, finding: a.finding, openedAt: a.createdAt.toISOString(), decidedAt: iso(a.decidedAt), ratingClosesAt: iso(a.ratingClosesAt),
    })),
    acceptanceScore: d.p.acceptanceScore, passMark: d.passMark, ratingClosesAt: iso(d.closesAt), ratingOpen: d.ratingOpen,
    ratingCount: d.p.ratingCount, ratingSum: d.p.ratingSum, ratings: d.ratings.map(rating), myRating: d.mine ? rating(d.mine) : null, abilities: d.abilities,
  };
}
