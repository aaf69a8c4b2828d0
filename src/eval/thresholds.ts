/**
 * Turning probabilities into 0/1 decisions and tuning one threshold per label.
 *
 * Decision rule everywhere in this project: a label is predicted when `p >= threshold`
 * (the same rule as `probs >= 0.5` in the seed document). Deciding and tuning take
 * probabilities in [0, 1]. The precision-recall curves that show what each threshold trades
 * away are in metrics/curves.ts.
 */
import {
  assertInteger,
  assertLabelsAndScores,
  assertOptions,
  assertProbability,
  assertScoreMatrix,
  describe,
  InputError,
  type Matrix,
} from '../core/validate';
import { distinctUnion, splitSorted } from './metrics/curves';

/**
 * One threshold for every label, or one per label (length `numLabels`).
 */
export type Threshold = number | readonly number[];

/** Options for {@link tunePerLabelThresholds}. */
export interface TuneOptions {
  /**
   * Thresholds to try, each in [0, 1]; 0.5 is always added. Default: the label's distinct
   * validation probabilities plus 0.5.
   */
  candidates?: readonly number[];
  /** What to maximise per label; only `'f1'` is supported. */
  metric?: 'f1';
}

/**
 * Expands a threshold into one value per label, checking it on the way (shared with
 * metrics/summary.ts so that every caller reports a bad threshold the same way).
 *
 * @param name the argument name to use in error messages, e.g. `'threshold'`.
 * @param threshold one number in [0, 1], or an array of `numLabels` numbers in [0, 1].
 * @param numLabels the number of label columns.
 * @returns a Float64Array of length `numLabels`.
 * @throws {InputError} if a threshold is not a number in [0, 1] or the array length is not
 *   `numLabels`.
 */
export function resolveThresholds(
  name: string,
  threshold: unknown,
  numLabels: number,
): Float64Array {
  assertInteger('numLabels', numLabels, 1);
  const out = new Float64Array(numLabels);
  if (typeof threshold === 'number') {
    assertProbability(name, threshold);
    out.fill(threshold);
    return out;
  }
  if (!Array.isArray(threshold)) {
    throw new InputError(
      `${name} must be a number in [0, 1] or an array of ${numLabels} such numbers ` +
        `(one per label), got ${describe(threshold)}`,
    );
  }
  if (threshold.length !== numLabels) {
    throw new InputError(
      `${name} must have one entry per label (numLabels = ${numLabels}), ` +
        `got ${describe(threshold)}`,
    );
  }
  for (let j = 0; j < numLabels; j++) {
    const t: unknown = threshold[j];
    assertProbability(`${name}[${j}]`, t);
    out[j] = t;
  }
  return out;
}

/**
 * Turns probabilities into 0/1 decisions: `decision = p >= threshold ? 1 : 0`.
 *
 * Note that Keras' `binaryAccuracy` thresholds with a strict `p > 0.5`; here a probability of
 * exactly the threshold counts as a positive prediction.
 * Used in lessons: 02, 03, 04.
 *
 * @param probs probabilities in [0, 1], one row per sample, one column per label.
 * @param threshold one threshold in [0, 1] for all labels, or an array of `numLabels` thresholds
 *   (one per label). Default 0.5.
 * @returns a new 0/1 matrix (`yPred`) with the shape of `probs`.
 * @throws {InputError} if `probs` is empty, ragged or not in [0, 1] (logits are rejected: pass
 *   sigmoid(logits)), or if `threshold` is out of [0, 1] or has the wrong number of entries.
 */
export function toDecisions(probs: Matrix, threshold: Threshold = 0.5): number[][] {
  const [n, numLabels] = assertScoreMatrix('probs', probs, 'probabilities');
  const t = resolveThresholds('threshold', threshold, numLabels);
  const yPred = new Array<number[]>(n);
  for (let i = 0; i < n; i++) {
    const row = probs[i];
    const out = new Array<number>(numLabels);
    for (let j = 0; j < numLabels; j++) out[j] = row[j] >= t[j] ? 1 : 0;
    yPred[i] = out;
  }
  return yPred;
}

/**
 * Picks, for each label independently, the threshold that maximises that label's F1 score
 * (`2tp / (2tp + fp + fn)`, 0 when the label is never true and never predicted, as scikit-learn's
 * default `zero_division`) with the decision rule `p >= threshold`.
 *
 * Tune on a VALIDATION split and then evaluate the chosen thresholds on the test split. Never
 * tune on the test split: the thresholds would be fitted to the very data that is supposed to
 * estimate performance on unseen data, and the reported score would be optimistic.
 *
 * 0.5 is always among the candidates, so for every label the returned threshold gives a
 * validation F1 at least as high as 0.5 does. Ties (equal F1) go to the candidate closest to
 * 0.5; if two candidates are equally close, to the smaller one. A label that is never true in
 * the validation data therefore keeps 0.5 unless a threshold does strictly better (it cannot).
 * Used in lessons: 02, 03.
 *
 * @param yTrueValidation 0/1 multi-hot labels of the validation split.
 * @param probsValidation the model's probabilities on the same split, same shape.
 * @param options `candidates`: thresholds to try, each in [0, 1] (default: every distinct
 *   probability of that label plus 0.5); `metric`: only `'f1'`.
 * @returns one threshold per label (length `numLabels`).
 * @throws {InputError} on empty, ragged or non-0/1 `yTrueValidation`, probabilities outside
 *   [0, 1] (logits are rejected: tune on sigmoid(logits)) or NaN, mismatched shapes, an empty or
 *   out-of-range `candidates`, or an unknown `metric`.
 */
export function tunePerLabelThresholds(
  yTrueValidation: Matrix,
  probsValidation: Matrix,
  options: TuneOptions = {},
): number[] {
  const shapeTrue = assertLabelsAndScores(
    yTrueValidation,
    probsValidation,
    'probabilities',
    'yTrueValidation',
    'probsValidation',
  );
  const o = assertOptions<TuneOptions>(options, { candidates: true, metric: true });
  const metric: unknown = o.metric ?? 'f1';
  if (metric !== 'f1') throw new InputError(`options.metric must be 'f1', got ${describe(metric)}`);
  let shared: Float64Array | null = null;
  if (o.candidates !== undefined) {
    const c: unknown = o.candidates;
    if (!Array.isArray(c) || c.length === 0) {
      throw new InputError(
        `options.candidates must be a non-empty array of thresholds in [0, 1], got ${describe(c)}`,
      );
    }
    for (let k = 0; k < c.length; k++) assertProbability(`options.candidates[${k}]`, c[k]);
    shared = distinctUnion(new Float64Array(c as number[]), new Float64Array(0), [0.5]);
  }

  const numLabels = shapeTrue[1];
  const best = new Array<number>(numLabels);
  for (let j = 0; j < numLabels; j++) {
    const { pos, neg } = splitSorted(yTrueValidation, probsValidation, j);
    const candidates = shared ?? distinctUnion(pos, neg, [0.5]);
    let ip = 0;
    let ineg = 0;
    let bestF1 = -1;
    let bestT = 0.5;
    // Ascending sweep: the pointers count the scores below the candidate, i.e. predicted negative.
    for (let k = 0; k < candidates.length; k++) {
      const t = candidates[k];
      while (ip < pos.length && pos[ip] < t) ip++;
      while (ineg < neg.length && neg[ineg] < t) ineg++;
      const tp = pos.length - ip;
      const fp = neg.length - ineg;
      const fn = ip;
      const denom = 2 * tp + fp + fn;
      const f1 = denom === 0 ? 0 : (2 * tp) / denom;
      if (f1 > bestF1 || (f1 === bestF1 && closerToHalf(t, bestT))) {
        bestF1 = f1;
        bestT = t;
      }
    }
    best[j] = bestT;
  }
  return best;
}

/** Tie-break for tuning: nearer to 0.5 wins, then the smaller threshold. */
function closerToHalf(t: number, current: number): boolean {
  const dt = Math.abs(t - 0.5);
  const dc = Math.abs(current - 0.5);
  return dt < dc || (dt === dc && t < current);
}
