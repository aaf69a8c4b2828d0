/**
 * scikit-learn's values for the ranking metrics, ROC AUC, precision-recall curves and F-beta at
 * extreme beta, with the inputs they were computed from. Made by
 * `python test/support/sklearn_reference.py` (see its header); NaN is stored as "NaN".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
  ranking: Record<string, RankingCase>;
  /**
   * fbeta_score and recall_score on fixture A's decisions, keyed `${beta}|${average}|${zd}`
   * (beta 'inf', '1e150' or 'recall'; average 'None' for null; zd '0', '1' or 'nan'), plus
   * `overflow`: what sklearn gives where beta**2 overflows.
   */
  fbeta: Record<string, number | number[]> & { overflow: Record<string, string | number[]> };
}

export const SKLEARN: SklearnReference = JSON.parse(
  readFileSync(join(__dirname, 'sklearn-reference.json'), 'utf8'),
  (_key, value: unknown) => (value === 'NaN' ? NaN : value),
);
