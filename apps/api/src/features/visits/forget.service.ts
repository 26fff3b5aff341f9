import { eq, inArray, or, sql } from 'drizzle-orm';
import { eraseFromText, mentionsPerson } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { householdChanges, visits } from './visits.table.ts';

// What visits forget when a person is erased (PIPL art. 47), called by privacy in its transaction.

/**
 * Renames the residents in the household snapshots that visits' proposed changes were judged
 * against (`base.members[].name`); the snapshot's shape and the other members stay.
 */
export async function forgetVisitedPerson(tx: DbOrTx, residentIds: string[], erasedName: string): Promise<void> {
  if (!residentIds.length) return;
  const ids = `{${residentIds.join(',')}}`;
  await tx.execute(sql`
    UPDATE ${householdChanges} SET base = jsonb_set(base, '{members}', (
      SELECT jsonb_agg(CASE WHEN m->>'residentId' = ANY(${ids}::text[]) THEN m || jsonb_build_object('name', ${erasedName}::text) ELSE m END ORDER BY i)
      FROM jsonb_array_elements(base->'members') WITH ORDINALITY AS x(m, i)))
    WHERE jsonb_typeof(base->'members') = 'array'
      AND EXISTS (SELECT 1 FROM jsonb_array_elements(base->'members') m WHERE m->>'residentId' = ANY(${ids}::text[]))`);
}

/**
 * Scrubs the person's names, phones and ID number from workers' free-text visit notes and change
 * reviews: every note about their household, and any other note that names one of their numbers
 * (found by the numbers' last four digits, then checked in every written and masked form).
 */
export async function forgetVisitNotes(tx: DbOrTx, who: { householdIds: string[]; names: string[]; numbers: string[] }, erasedName: string): Promise<void> {
  const tails = who.numbers.map((n) => n.replace(/\D/g, '').slice(-4)).filter((t) => t.length === 4);
  const byNumber = (col: typeof visits.notes | typeof householdChanges.reviewNote) => tails.map((t) => sql`${col} LIKE ${`%${t}%`}`);
  const mentions = (text: string | null, home: boolean) => text !== null && (home ? mentionsPerson(text, who.names, who.numbers) : mentionsPerson(text, [], who.numbers));
  const notes = await tx.select({ id: visits.id, householdId: visits.householdId, notes: visits.notes }).from(visits)
    .where(or(sql`false`, who.householdIds.length ? inArray(visits.householdId, who.householdIds) : sql`false`, ...byNumber(visits.notes)));
  for (const v of notes.filter((x) => mentions(x.notes, who.householdIds.includes(x.householdId)))) {
    await tx.update(visits).set({ notes: eraseFromText(v.notes, who.names, erasedName, who.numbers) }).where(eq(visits.id, v.id));
  }
  const reviews = await tx.select({ id: householdChanges.id, householdId: householdChanges.householdId, note: householdChanges.reviewNote }).from(householdChanges)
    .where(or(sql`false`, who.householdIds.length ? inArray(householdChanges.householdId, who.householdIds) : sql`false`, ...byNumber(householdChanges.reviewNote)));
  for (const c of reviews.filter((x) => mentions(x.note, who.householdIds.includes(x.householdId)))) {
    await tx.update(householdChanges).set({ reviewNote: eraseFromText(c.note!, who.names, erasedName, who.numbers) }).where(eq(householdChanges.id, c.id));
  }
}
