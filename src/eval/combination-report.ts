/**
 * What a multi-label model makes of each label combination: rows grouped by their true
 * combination ("{1,0}"), with the mean predicted probability of each label and how the rows
 * were decided.
 */
import { labelCombinationKey } from '../core/labels';
import {
  assertArray,
  assertBinaryMatrix,
  assertProbabilityMatrix,
  assertSameShape,
} from '../core/validate';

/** What a model predicts for the rows of one label combination. */
export interface CombinationReport {
  combination: string;
  rows: number;
  /** Mean predicted probability of each label. */
  meanProbs: number[];
  /** Share of rows whose decisions equal the true combination. */
  exactMatch: number;
  /** Share of label entries decided correctly. */
  binaryAccuracy: number;
  /** Rows per decided combination. */
  predicted: Map<string, number>;
}

/**
 * Groups rows by their true label combination ("{1,0}") and reports, per combination, the mean
 * predicted probabilities and what the decisions `yPred` (by default `probs >= 0.5`) make of
 * those rows.
 * Used in lessons: 01.
 * @throws InputError for labels or decisions that are not 0/1, probabilities outside [0, 1], or
 *   shapes that differ.
 */
export function reportByCombination(
  yTrue: number[][],
  probs: number[][],
  yPred?: number[][],
): CombinationReport[] {
  const shape = assertBinaryMatrix('yTrue', yTrue);
  assertSameShape('yTrue', shape, 'probs', assertProbabilityMatrix('probs', probs));
  const decided =
    yPred !== undefined ? yPred : probs.map((row) => row.map((p) => (p >= 0.5 ? 1 : 0)));
  assertSameShape('yTrue', shape, 'yPred', assertBinaryMatrix('yPred', decided));
  const groups = new Map<string, number[]>();
  yTrue.forEach((row, i) => {
    const key = labelCombinationKey(row);
    if (groups.has(key)) groups.get(key)!.push(i);
    else groups.set(key, [i]);
  });
  return [...groups.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([combination, rows]) => {
      const predicted = new Map<string, number>();
      for (const i of rows) {
        const said = labelCombinationKey(decided[i]);
        predicted.set(said, (predicted.get(said) ?? 0) + 1);
      }
      const right = rows.flatMap((i) => yTrue[i].map((y, j) => decided[i][j] === y));
      const mean = (j: number) => rows.reduce((sum, i) => sum + probs[i][j], 0) / rows.length;
      return {
        combination,
        rows: rows.length,
        meanProbs: yTrue[0].map((_, j) => mean(j)),
        exactMatch: (predicted.get(combination) ?? 0) / rows.length,
        binaryAccuracy: right.filter(Boolean).length / right.length,
        predicted,
      };
    });
}

/**
 * A combination report as table rows: per true combination, its rows, the mean probability of
 * each label and how the rows were decided ("{0,1} 612 · {1,0} 40").
 * Used in lessons: 01.
 */
export function combinationRows(
  report: readonly CombinationReport[],
  labelNames: readonly string[],
): Record<string, string | number>[] {
  assertArray('report', report, 'rows from reportByCombination');
  assertArray('labelNames', labelNames, 'label names', 1);
  return report.map((r) => ({
    [`true {${labelNames.join(',')}}`]: r.combination,
    rows: r.rows,
    ...Object.fromEntries(labelNames.map((name, j) => [`mean P(${name})`, r.meanProbs[j]])),
    'predicted as': [...r.predicted]
      .sort(([, m], [, n]) => n - m)
      .map(([c, n]) => `${c} ${n}`)
      .join(' · '),
  }));
}
