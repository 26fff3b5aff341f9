import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { householdChanges } from './visits.table.ts';

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
