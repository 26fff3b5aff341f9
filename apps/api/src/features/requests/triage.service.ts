import { desc, eq } from 'drizzle-orm';
import { predict, suggestTriage, suggestTriageWith, train, TRIAGE_CORPUS, TRIAGE_TEST_SET, type TriageExample, type TriageModel } from '@gongzhi/core';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { serviceCategories, triageCorrections, triageModels } from './requests.table.ts';

/**
 * Each staff correction counts this many times: a handful of local corrections must be able to
 * outweigh the shipped examples that say otherwise, or retraining would change nothing.
 */
export const CORRECTION_WEIGHT = 3;

/**
 * Retrains the suggester on the shipped corpus plus every staff correction so far, stores it as the
 * active model, and reports how it sorts the shipped held-out set.
 */
export async function retrainTriage(db: Db, actor: Actor) {
  // A correction whose category belongs to another class (recorded before sorting refused such pairs) would teach a wrong pair: left out.
  const classes = new Map<string, Set<string>>();
  for (const c of await db.select({ code: serviceCategories.code, matter: serviceCategories.matter }).from(serviceCategories)) {
    classes.set(c.code, (classes.get(c.code) ?? new Set()).add(c.matter));
  }
  const corrections = (await db.select().from(triageCorrections)).filter((c) => !c.category || !classes.has(c.category) || classes.get(c.category)!.has(c.matter));
  const local: TriageExample[] = corrections.map((c) => ({ text: c.text, matter: c.matter, ...(c.category ? { category: c.category } : {}) }));
  const examples = [...TRIAGE_CORPUS, ...local.flatMap((e) => Array.from({ length: CORRECTION_WEIGHT }, () => e))];
  const model = train(examples);
  const right = TRIAGE_TEST_SET.filter((e) => predict(model, e.text).matter === e.matter).length;
  const heldOutMatterBp = Math.round((right * 10_000) / TRIAGE_TEST_SET.length);
  const row = await db.transaction(async (tx) => {
    await tx.update(triageModels).set({ active: false }).where(eq(triageModels.active, true));
    const [m] = await tx.insert(triageModels).values({
      createdBy: actor.via === 'system' ? null : actor.userId, examples: examples.length, corrections: corrections.length, heldOutMatterBp, model,
    }).returning({ id: triageModels.id, createdAt: triageModels.createdAt });
    await audit(tx, actor, { action: 'triage.retrain', subjectType: 'triage_model', subjectId: m!.id, details: { examples: examples.length, corrections: corrections.length, heldOutMatterBp } });
    return m!;
  });
  cache = { id: row.id, model };
  activeModel.set(db, { at: Date.now(), id: row.id });
  return { id: row.id, examples: examples.length, corrections: corrections.length, heldOutMatterAccuracy: heldOutMatterBp / 10_000 };
}

let cache: { id: string; model: TriageModel } | undefined;
// Which model is active is checked at most every half minute per database handle; intake is hot.
const activeModel = new WeakMap<object, { at: number; id: string | null }>();

/**
 * Suggests with the deployment's active model, or the shipped one when it has none. The model is
 * loaded once per process and again only when a newer one becomes active (seen within 30 s).
 */
export async function suggestFor(db: DbOrTx, text: string) {
  let known = activeModel.get(db);
  if (!known || Date.now() - known.at > 30_000) {
    const [active] = await db.select({ id: triageModels.id }).from(triageModels).where(eq(triageModels.active, true)).orderBy(desc(triageModels.createdAt)).limit(1);
    known = { at: Date.now(), id: active?.id ?? null };
    activeModel.set(db, known);
  }
  if (!known.id) return suggestTriage(text);
  if (cache?.id !== known.id) {
    const [m] = await db.select({ id: triageModels.id, model: triageModels.model }).from(triageModels).where(eq(triageModels.id, known.id));
    cache = { id: m!.id, model: m!.model };
  }
  return suggestTriageWith(cache.model, text);
}
