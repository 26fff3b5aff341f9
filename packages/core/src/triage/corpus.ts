/**
 * The labelled corpus the default triage model is trained on, and the held-out set it is judged on.
 * Texts live in the per-matter data files; this module attaches the matter and department from the
 * catalogue, so a label can never disagree with the catalogue.
 */
import { categoryByCode } from './categories.ts';
import { BIG_TEXTS } from './corpus.big.ts';
import { PRIVATE_TEXTS } from './corpus.private.ts';
import { SMALL_TEXTS } from './corpus.small.ts';
import { SHORT_TEXTS } from './corpus.short.ts';
import { STORY_TEXTS } from './corpus.stories.ts';
import { TEST_ROWS } from './corpus.test-set.ts';
import { VOICE_TEXTS } from './corpus.voices.ts';
import type { TriageExample } from './model.ts';

function label(text: string, category: string): TriageExample {
  const c = categoryByCode(category);
  // The data files are static and checked by the tests; an unknown code is a typo to fix, not input.
  if (!c) throw new Error(`corpus: unknown category ${category}`);
  return { text, matter: c.matter, category: c.code, ...(c.department ? { department: c.department.code } : {}) };
}

function fromGroups(groups: Record<string, string[]>[]): TriageExample[] {
  return groups.flatMap((g) => Object.entries(g).flatMap(([category, texts]) => texts.map((t) => label(t, category))));
}

/** The training corpus shipped with the platform: realistic requests labelled by category and matter. */
export const TRIAGE_CORPUS: readonly TriageExample[] = /* @__PURE__ */ fromGroups([BIG_TEXTS, SMALL_TEXTS, PRIVATE_TEXTS, VOICE_TEXTS, STORY_TEXTS, SHORT_TEXTS]);

/**
 * Requests held out from training and written in other voices and places, to measure accuracy on
 * unseen text. Never train the shipped model on these.
 */
export const TRIAGE_TEST_SET: readonly TriageExample[] = /* @__PURE__ */ TEST_ROWS.map(([text, category]) => label(text, category));

/**
 * Splits examples for a second, in-corpus estimate: every `every`-th example (by position) is held
 * out for testing and the rest are for training.
 */
export function holdOutEvery<T>(examples: readonly T[], every = 5): { train: T[]; test: T[] } {
  const train: T[] = [];
  const test: T[] = [];
  examples.forEach((e, i) => ((i + 1) % every === 0 ? test : train).push(e));
  return { train, test };
}
