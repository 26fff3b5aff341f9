import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { assemblyOwners } from './assembly.table.ts';

// What the owners' assembly forgets when a person is erased (PIPL art. 47), called by privacy in its
// transaction. The roll's rows, areas and ballots stay (a published result must still recount); the
// roll's display label, built from the owners' names when voting opened, loses this person's name.

/**
 * Replaces each of `names` with `erasedName` in the label of every roll entry the residents are a
 * party to (`res:<id>` in `parties`), so co-owners keep their own names.
 */
export async function forgetRollNames(tx: DbOrTx, who: { residentIds: string[]; names: string[] }, erasedName: string): Promise<void> {
  if (!who.residentIds.length) return;
  const parties = who.residentIds.map((id) => `res:${id}`);
  const rows = await tx.select({ id: assemblyOwners.id, label: assemblyOwners.label }).from(assemblyOwners)
    .where(sql`${assemblyOwners.parties} && ${`{${parties.join(',')}}`}::text[]`);
  const names = who.names.filter((n) => Array.from(n.trim()).length >= 2);
  for (const r of rows) {
    const label = names.reduce((l, n) => l.split(n.trim()).join(erasedName), r.label);
    if (label !== r.label) await tx.update(assemblyOwners).set({ label }).where(eq(assemblyOwners.id, r.id));
  }
}
