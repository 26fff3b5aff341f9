/**
 * The triage suggester that intake calls: given what a resident wrote, which of the three matters
 * it is, its likely category and department, and how sure the model is. Staff confirm or correct
 * the suggestion; corrections feed {@link train} for a deployment's own model.
 */
import type { Matter } from './categories.ts';
import { categoryByCode } from './categories.ts';
import { TRIAGE_CORPUS } from './corpus.ts';
import { predict, train } from './model.ts';
import type { TriageModel } from './model.ts';

/** A suggestion for sorting one request. */
export interface TriageSuggestion {
  matter: Matter;
  /** Catalogue category code, always one of `matter`'s categories. */
  category?: string;
  /** Department code of the category (big matters only). */
  department?: string;
  /** Probability of `matter`, in [0, 1]; 0 when there was nothing to judge. */
  confidence: number;
}

let defaultModel: TriageModel | undefined;

/**
 * The model trained on the shipped corpus. Trained on first use (a few hundred milliseconds) and
 * kept, so importing core costs nothing until a suggestion is asked for.
 */
export function defaultTriageModel(): TriageModel {
  defaultModel ??= train(TRIAGE_CORPUS);
  return defaultModel;
}

/**
 * Suggests how to sort a request with a given model (e.g. one retrained from staff corrections).
 *
 * Text with nothing to judge (empty, whitespace, or only punctuation and emoji) is a small matter
 * with confidence 0 and no category: it stays with the community staff who received it, who look
 * at the photos or call the resident back (首问负责), rather than being sent to a department or
 * waved off as private on no evidence. Confidence 0 tells the UI not to pre-select anything.
 *
 * The department comes from the model (learned from its examples) or, failing that, from the
 * default catalogue.
 */
export function suggestTriageWith(model: TriageModel, text: string): TriageSuggestion {
  if (typeof text !== 'string' || text.trim() === '') return { matter: 'small', confidence: 0 };
  const p = predict(model, text);
  if (!p.hasFeatures) return { matter: 'small', confidence: 0 };
  const out: TriageSuggestion = { matter: p.matter, confidence: p.confidence };
  if (p.category) {
    out.category = p.category;
    const department = p.department ?? categoryByCode(p.category)?.department?.code;
    if (department) out.department = department;
  }
  return out;
}

/**
 * Suggests the matter class (大事/小事/私事), category and department of a resident's request, with
 * the probability of the matter as confidence. Works offline on Chinese text, on the server and in
 * the browser alike, with the model trained from the shipped corpus.
 */
export function suggestTriage(text: string): {
  matter: 'big' | 'small' | 'private';
  category?: string;
  department?: string;
  confidence: number;
} {
  return suggestTriageWith(defaultTriageModel(), text);
}
