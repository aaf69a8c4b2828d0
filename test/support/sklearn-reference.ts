/**
 * scikit-learn's values for every metric the tests compare with (scores on 0/1 decisions,
 * metricSummary, ranking metrics, ROC AUC, precision-recall curves, F-beta at extreme beta), with
 * the inputs they were computed from. Made by `python test/support/sklearn_reference.py` (see its
 * header); NaN is stored as "NaN".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricSummary } from '../../src/eval/metrics';

/** One case of 0/1 decisions: inputs and every value scikit-learn gave for them. */
export interface DecisionCase {
  yTrue: number[][];
  yPred: number[][];
  /** multilabel_confusion_matrix: one [[tn, fp], [fn, tp]] per label. */
  mcm: number[][][];
  /** hamming_loss. */
  hamming: number;
  /** accuracy_score (subset accuracy). */
  subset: number;
  /** precision_recall_fscore_support(average=None)[3]. */
  support: number[];
  /** fbeta_score(beta=0, average='macro', zero_division=0). */
  f0Macro: number;
  /**
   * `${metric}|${average}|${zd}`: metric p, r, f1, f2, fhalf (precision_score, recall_score,
   * f1_score, fbeta_score at beta 2 and 0.5) or j (jaccard_score, which rejects zero_division=nan,
   * so no `j|...|nan`); average 'None' for null; zd '0', '1' or 'nan'.
   */
  scores: Record<string, number | number[]>;
}

/** metricSummary's inputs and sklearn's value of each of its metrics (zero_division=0). */
export interface SummaryCase {
  yTrue: number[][];
  probs: number[][];
  /** The decisions are probs >= threshold: one threshold, or one per label. */
  threshold: number | number[];
  values: MetricSummary;
}

/** precision_recall_curve and average_precision_score of one column. */
export interface CurveCase {
  yTrue: number[];
  scores: number[];
  precision: number[];
  recall: number[];
  thresholds: number[];
  averagePrecision: number;
}

/** One ranking case: inputs and every value scikit-learn gave for them. */
export interface RankingCase {
  yTrue: number[][];
  scores: number[][];
  labelRankingAveragePrecision: number;
  coverageError: number;
  labelRankingLoss: number;
  /** numpy: mean(y_true[i, argmax(y_score[i])] == 0); sklearn has no one-error. */
  oneError: number;
  /** numpy: mean(argmax(y_true, 1) == argmax(y_score, 1)). */
  categoricalAccuracy: number;
  /** average_precision_score(y_true, y_score, average=None). */
  averagePrecision: number[];
  /** roc_auc_score(y_true, y_score, average=key), key 'None' for average=None; NaN = undefined. */
  rocAuc: { None: number[]; micro: number; macro: number; weighted: number; samples: number };
  /** precision_recall_curve(y_true[:, j], y_score[:, j]) for every label j. */
  precisionRecallCurves: { precision: number[]; recall: number[]; thresholds: number[] }[];
}

/** The whole reference file. */
export interface SklearnReference {
  madeBy: string;
  versions: Record<string, string>;
  /** Fixtures A, Z, Z0, C (small literal matrices) and R (the random fixture at threshold 0.5). */
  decisions: Record<string, DecisionCase>;
  /** R05 (R at 0.5), RT (R at per-label thresholds), Rzeros (all-zero probabilities). */
  summaries: Record<string, SummaryCase>;
  ranking: Record<string, RankingCase>;
  curves: Record<string, CurveCase>;
  /**
   * fbeta_score and recall_score on fixture A's decisions (decisions.A), keyed
   * `${beta}|${average}|${zd}` (beta 'inf', '1e150' or 'recall'; average 'None' for null; zd '0',
   * '1' or 'nan'), plus `overflow`: what sklearn gives where beta**2 overflows.
   */
  fbeta: Record<string, number | number[]> & { overflow: Record<string, string | number[]> };
}

export const SKLEARN: SklearnReference = JSON.parse(
  readFileSync(join(__dirname, 'sklearn-reference.json'), 'utf8'),
  (_key, value: unknown) => (value === 'NaN' ? NaN : value),
);
