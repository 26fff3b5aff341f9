import { and, eq, inArray, isNull } from 'drizzle-orm';
import { eraseFromText } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { councilAgendaItems, councilSeats } from './councils.table.ts';
import { forgetNoticePerson } from '../notices/notices.service.ts';

// What councils forget when a person is erased (PIPL art. 47), called by privacy in its transaction.
// Seats, attendance and votes stay (a resolution's tally must still add up); attendance and votes
// name the seat only, so the seat's holder name is the one place the name lives. A seat the person
// still holds is vacated (reason 'erased'): nobody can sit, sign in or vote for an erased entry, and
// an empty chair must not count toward quorum.

/**
 * Replaces the holder's name on every seat a resident held and vacates the seats still held, and
 * removes their name and numbers from the free text they wrote (their agenda proposals, their objections).
 */
export async function forgetCouncilPerson(tx: DbOrTx, who: { residentIds: string[]; userIds: string[]; names: string[]; numbers?: string[] }, erasedName: string, now: Date = new Date()): Promise<void> {
  if (who.residentIds.length) {
    await tx.update(councilSeats).set({ vacatedAt: now, vacatedReason: 'erased' })
      .where(and(inArray(councilSeats.residentId, who.residentIds), isNull(councilSeats.vacatedAt)));
    await tx.update(councilSeats).set({ holderName: erasedName }).where(inArray(councilSeats.residentId, who.residentIds));
  }
  if (!who.userIds.length) return;
  const items = await tx.select({ id: councilAgendaItems.id, title: councilAgendaItems.title, description: councilAgendaItems.description })
    .from(councilAgendaItems).where(inArray(councilAgendaItems.proposerUserId, who.userIds));
  for (const i of items) {
    await tx.update(councilAgendaItems).set({ title: eraseFromText(i.title, who.names, erasedName, who.numbers), description: eraseFromText(i.description, who.names, erasedName, who.numbers) })
      .where(eq(councilAgendaItems.id, i.id));
  }
  // Objections to resolutions are kept by the notices feature.
  await forgetNoticePerson(tx, who, erasedName);
}
