/**
 * A small text classifier for three-way sorting: multinomial naive Bayes over character n-grams.
 *
 * The features are 1–3-grams of characters (see features.ts). Each counts once per request
 * (binarised counts), which suits short texts, where saying 漏水 twice says little more than saying
 * it once. Naive Bayes trains in one pass, needs no
 * downloaded model, and its counts are plain JSON, so a deployment can retrain from staff
 * corrections and store the result.
 *
 * Naive Bayes treats the overlapping 1-, 2- and 3-grams as independent and so is far too sure of
 * itself; each classifier therefore carries a temperature, fitted at training time by
 * cross-validation, that tempers its posteriors into probabilities one can read as confidence.
 */
import type { Matter } from './categories.ts';
import { MATTERS } from './categories.ts';
import { triageFeatures } from './features.ts';

/** One labelled request: what the resident wrote and how staff sorted it. */
export interface TriageExample {
  text: string;
  matter: Matter;
  /** Catalogue category code, when known. */
  category?: string;
  /** Department code, when known (big matters). */
  department?: string;
}

/** One naive Bayes classifier, as plain JSON. */
export interface NaiveBayes {
  /** Class labels, sorted, so training is deterministic whatever the order of examples. */
  classes: string[];
  /** Training examples per class. */
  docCounts: number[];
  /** Sum of feature counts per class. */
  featureTotals: number[];
  /** Distinct features seen in training. */
  vocabularySize: number;
  /** Feature → flat pairs [classIndex, count, classIndex, count, …] for the classes it occurs in. */
  features: Record<string, number[]>;
  /** Divides the log-posteriors before normalising; > 1 tempers overconfidence. */
  temperature: number;
}

/** A trained triage model, JSON-serialisable: `JSON.parse(JSON.stringify(model))` predicts the same. */
export interface TriageModel {
  format: 'gongzhi-triage-nb';
  version: 1;
  /** Laplace (additive) smoothing. */
  alpha: number;
  /** Predicts the matter class. */
  matter: NaiveBayes;
  /** Predicts the category; null when no example had one. */
  category: NaiveBayes | null;
  /** What each category means, learned from the examples (majority vote). */
  categories: Record<string, { matter: Matter; department?: string }>;
}

/** Options for {@link train}. */
export interface TrainOptions {
  /** Laplace smoothing; default 0.3 (tuned on the shipped corpus; 1 over-smooths 3-grams). */
  alpha?: number;
  /** Folds for fitting the temperature; default 5. Fewer than 2, or too few examples: temperature 1. */
  folds?: number;
}

/** What the model says about a text. */
export interface TriagePrediction {
  matter: Matter;
  /** Probability of `matter`. */
  confidence: number;
  /** Probability of each matter class (sums to 1). */
  matterProbabilities: Record<Matter, number>;
  /** The most likely category among those of `matter`, if the model knows categories. */
  category?: string;
  /** Probability of `category` among the categories of `matter`. */
  categoryConfidence?: number;
  department?: string;
  /** False when the text had no usable characters (empty, only punctuation or emoji). */
  hasFeatures: boolean;
}

/**
 * Counts while training: feature → flat [classIndex, count, …] pairs, in a Map (fast to build and
 * look up, and safe for any key). Turned into a sorted plain object only for the final model.
 */
interface Counts {
  classes: string[];
  docCounts: number[];
  featureTotals: number[];
  features: Map<string, number[]>;
}

function fitCounts(docs: string[][], labels: string[], classes: string[]): Counts {
  const index = new Map(classes.map((c, i) => [c, i]));
  const docCounts = classes.map(() => 0);
  const featureTotals = classes.map(() => 0);
  const features = new Map<string, number[]>();
  docs.forEach((doc, d) => {
    const c = index.get(labels[d]!)!;
    docCounts[c]!++;
    featureTotals[c]! += doc.length;
    for (const f of doc) {
      const pairs = features.get(f);
      if (!pairs) {
        features.set(f, [c, 1]);
        continue;
      }
      let i = 0;
      while (i < pairs.length && pairs[i] !== c) i += 2;
      if (i < pairs.length) pairs[i + 1]!++;
      else pairs.push(c, 1);
    }
  });
  return { classes, docCounts, featureTotals, features };
}

function toNaiveBayes(counts: Counts, temperature: number): NaiveBayes {
  // Sorted keys and class order make the JSON identical for the same examples in any order.
  const features: Record<string, number[]> = Object.create(null);
  for (const f of [...counts.features.keys()].sort()) {
    const pairs = counts.features.get(f)!;
    if (pairs.length === 2) {
      features[f] = pairs;
      continue;
    }
    const byClass: [number, number][] = [];
    for (let i = 0; i < pairs.length; i += 2) byClass.push([pairs[i]!, pairs[i + 1]!]);
    features[f] = byClass.sort((a, b) => a[0] - b[0]).flat();
  }
  const { classes, docCounts, featureTotals } = counts;
  return { classes, docCounts, featureTotals, vocabularySize: counts.features.size, features, temperature };
}

/** Looks a feature up in either form. */
type Lookup = (feature: string) => number[] | undefined;

function lookupOf(nb: NaiveBayes | Counts): Lookup {
  if (nb.features instanceof Map) return (f) => (nb.features as Map<string, number[]>).get(f);
  const obj = nb.features;
  return (f) => (Object.hasOwn(obj, f) ? obj[f] : undefined);
}

/** Log joint probability of each class for a feature list (before tempering). */
function logScores(nb: NaiveBayes | Counts, features: string[], alpha: number, lookup = lookupOf(nb)): number[] {
  const k = nb.classes.length;
  const vocabularySize = nb.features instanceof Map ? nb.features.size : (nb as NaiveBayes).vocabularySize;
  const totalDocs = nb.docCounts.reduce((a, b) => a + b, 0);
  const scores = nb.docCounts.map((n) => Math.log((n + 1) / (totalDocs + k)));
  const logAlpha = Math.log(alpha);
  let known = 0;
  for (const f of features) {
    const pairs = lookup(f);
    if (!pairs) continue; // unknown to every class: no evidence either way
    known++;
    // Every class gets the smoothed count of an unseen feature; the classes that saw it, more.
    for (let i = 0; i < pairs.length; i += 2) scores[pairs[i]!]! += Math.log(pairs[i + 1]! + alpha) - logAlpha;
  }
  for (let c = 0; c < k; c++) scores[c]! += known * (logAlpha - Math.log(nb.featureTotals[c]! + alpha * vocabularySize));
  return scores;
}

function softmax(scores: number[], temperature: number): number[] {
  const scaled = scores.map((s) => s / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

const TEMPERATURES = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30, 40, 50];

/** FNV-1a hash of a string, to put an example in a fold by its text rather than its position. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The temperature that minimises the log loss of held-out predictions in k-fold cross-validation.
 * Folds go by a hash of each example's text, so the same examples in any order give the same
 * temperature, and the same model.
 */
function fitTemperature(docs: string[][], labels: string[], fold: number[], classes: string[], alpha: number, folds: number): number {
  if (folds < 2 || docs.length < 2 * folds || classes.length < 2) return 1;
  const held: { scores: number[]; label: number }[] = [];
  for (let f = 0; f < folds; f++) {
    const trainIdx = docs.map((_, i) => i).filter((i) => fold[i] !== f);
    const counts = fitCounts(trainIdx.map((i) => docs[i]!), trainIdx.map((i) => labels[i]!), classes);
    const lookup = lookupOf(counts);
    docs.forEach((doc, i) => {
      if (fold[i] === f) held.push({ scores: logScores(counts, doc, alpha, lookup), label: classes.indexOf(labels[i]!) });
    });
  }
  let best = 1;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (const t of TEMPERATURES) {
    const loss = held.reduce((sum, h) => sum - Math.log(Math.max(softmax(h.scores, t)[h.label]!, 1e-12)), 0);
    // A margin, so float noise from summing in another order never flips the choice.
    if (loss < bestLoss - 1e-6) {
      bestLoss = loss;
      best = t;
    }
  }
  return best;
}

function trainNb(docs: string[][], labels: string[], fold: number[], alpha: number, folds: number): NaiveBayes {
  const classes = [...new Set(labels)].sort();
  return toNaiveBayes(fitCounts(docs, labels, classes), fitTemperature(docs, labels, fold, classes, alpha, folds));
}

function majority<T extends string>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  // Ties go to the alphabetically first, so the result does not depend on example order.
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

/**
 * Trains a model from labelled examples (the shipped corpus, plus a deployment's staff corrections).
 * Examples with blank text are skipped. Every matter class should have examples; one without any is
 * never predicted.
 * @throws RangeError when no example has text, or a matter is not big/small/private.
 */
export function train(examples: readonly TriageExample[], options: TrainOptions = {}): TriageModel {
  const alpha = options.alpha ?? 0.3;
  const folds = Number.isFinite(options.folds) ? Math.trunc(options.folds!) : 5;
  if (!(alpha > 0)) throw new RangeError(`alpha must be > 0: ${alpha}`);
  const usable = examples.filter((e) => typeof e.text === 'string' && e.text.trim() !== '');
  if (usable.length === 0) throw new RangeError('no examples with text to train on');
  for (const e of usable) {
    if (!(MATTERS as readonly string[]).includes(e.matter)) throw new RangeError(`unknown matter: ${e.matter}`);
  }
  const docs = usable.map((e) => triageFeatures(e.text));
  const fold = usable.map((e) => (folds > 0 ? hash(e.text) % folds : 0));
  const matter = trainNb(docs, usable.map((e) => e.matter), fold, alpha, folds);

  const withCategory = usable.map((e, i) => i).filter((i) => usable[i]!.category);
  const category = withCategory.length
    ? trainNb(withCategory.map((i) => docs[i]!), withCategory.map((i) => usable[i]!.category!), withCategory.map((i) => fold[i]!), alpha, folds)
    : null;

  // fromEntries defines own properties, so even a category coded "__proto__" stays a plain key.
  const categories: TriageModel['categories'] = Object.fromEntries(
    (category?.classes ?? []).map((code) => {
      const of = withCategory.map((i) => usable[i]!).filter((e) => e.category === code);
      const department = majority(of.flatMap((e) => (e.department ? [e.department] : [])));
      return [code, { matter: majority(of.map((e) => e.matter))!, ...(department ? { department } : {}) }];
    }),
  );
  return { format: 'gongzhi-triage-nb', version: 1, alpha, matter, category, categories };
}

function infoOf(model: TriageModel, code: string): TriageModel['categories'][string] | undefined {
  return Object.hasOwn(model.categories, code) ? model.categories[code] : undefined;
}

/**
 * Predicts the matter, and the category within that matter, of a text.
 *
 * The matter is the most probable class under the average of two posteriors: the matter
 * classifier's, and the category classifier's summed over the categories of each matter. The two
 * see the same n-grams at different granularity (a category model knows that 楼道灯 and 路灯 are
 * different kinds of lamp even though both are "lamps"), and together they were right more often
 * on held-out requests than either alone. Without a category model the matter classifier decides.
 *
 * The category is then the most likely one *among the categories of that matter*, so the two never
 * disagree (a small matter never gets a department's category); its confidence is renormalised
 * within the matter. A text with no usable characters gets the priors and `hasFeatures: false`.
 */
export function predict(model: TriageModel, text: string): TriagePrediction {
  const features = triageFeatures(typeof text === 'string' ? text : '');
  const own = softmax(logScores(model.matter, features, model.alpha), model.matter.temperature);
  const matterProbabilities: Record<Matter, number> = { big: 0, small: 0, private: 0 };
  model.matter.classes.forEach((c, i) => (matterProbabilities[c as Matter] = own[i]!));

  const nb = model.category;
  const catProbs = nb ? softmax(logScores(nb, features, model.alpha), nb.temperature) : [];
  if (nb) {
    const summed: Record<Matter, number> = { big: 0, small: 0, private: 0 };
    nb.classes.forEach((code, i) => {
      const m = infoOf(model, code)?.matter;
      if (m) summed[m] += catProbs[i]!;
    });
    for (const m of MATTERS) matterProbabilities[m] = (matterProbabilities[m] + summed[m]) / 2;
  }
  // Ties (only possible with no evidence and equal priors) go to the first of big, small, private.
  const matter = MATTERS.reduce((a, b) => (matterProbabilities[b] > matterProbabilities[a] ? b : a));
  const out: TriagePrediction = { matter, confidence: matterProbabilities[matter], matterProbabilities, hasFeatures: features.length > 0 };

  if (nb) {
    let best = -1;
    let within = 0;
    nb.classes.forEach((code, i) => {
      if (infoOf(model, code)?.matter !== matter) return;
      within += catProbs[i]!;
      if (best < 0 || catProbs[i]! > catProbs[best]!) best = i;
    });
    if (best >= 0 && within > 0) {
      const code = nb.classes[best]!;
      out.category = code;
      out.categoryConfidence = catProbs[best]! / within;
      const department = infoOf(model, code)?.department;
      if (department) out.department = department;
    }
  }
  return out;
}
