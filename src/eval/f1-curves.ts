/**
 * F1 against the decision threshold: the curve a per-label threshold is chosen from, with the
 * project's decision rule `p >= threshold`.
 */
import { assertLabelsAndScores, assertList, type Matrix } from '../core/validate';

/**
 * Each label's F1 (`2tp / (2tp + fp + fn)`, 0 when the label is never true and never predicted)
 * at every threshold of `thresholds`, with the decision rule `p >= threshold` of `toDecisions`:
 * the curve a threshold is chosen from, at as many points as a chart needs (a few hundred,
 * not one per distinct probability).
 * Used in lessons: 02.
 * @param yTrue 0/1 multi-hot labels.
 * @param probs probabilities of the same shape.
 * @param thresholds the thresholds to evaluate, each in [0, 1].
 * @returns `f1[j][t]`: label j's F1 at `thresholds[t]`.
 * @throws InputError for bad or mismatched matrices, or thresholds outside [0, 1].
 */
export function f1AgainstThreshold(
  yTrue: Matrix,
  probs: Matrix,
  thresholds: readonly number[],
): number[][] {
  const [n, numLabels] = assertLabelsAndScores(yTrue, probs, 'probabilities');
  assertList('thresholds', thresholds, 'probability');
  const out: number[][] = [];
  for (let j = 0; j < numLabels; j++) {
    const positives: number[] = [];
    const negatives: number[] = [];
    for (let i = 0; i < n; i++) (yTrue[i][j] === 1 ? positives : negatives).push(probs[i][j]);
    out.push(
      thresholds.map((t) => {
        const tp = positives.filter((p) => p >= t).length;
        const fp = negatives.filter((p) => p >= t).length;
        const fn = positives.length - tp;
        const denominator = 2 * tp + fp + fn;
        return denominator === 0 ? 0 : (2 * tp) / denominator;
      }),
    );
  }
  return out;
}
