/**
 * Ways of turning a multi-label model's scores into label sets (decodings), the thresholds they
 * tune, baselines that score without a model, and the summary that takes its decision metrics
 * from one decoding and its ranking metrics from the scores.
 */
import { labelCombinationKey } from '../core/labels';
import { argMaxOf } from '../core/rows';
import {
  assertArray,
  assertBinaryMatrix,
  assertInteger,
  assertMatrix,
  assertList,
  assertObject,
  assertProbability,
  assertProbabilityMatrix,
  assertSameShape,
  assertScoreMatrix,
  describe,
  InputError,
  type Matrix,
} from '../core/validate';
import {
  metricSummary,
  precisionRecallFscoreSupport,
  SCORE_METRICS,
  SUMMARY_METRICS,
  type MetricSummary,
} from './metrics';
import { toDecisions, tunePerLabelThresholds } from './thresholds';

/**
 * Top-k decoding: the k highest-scored labels of each row are predicted, whatever their scores
 * (ties to the earlier label).
 * @throws InputError for a bad score matrix or k outside [1, numLabels].
 */
export function topKDecisions(scores: Matrix, k: number): number[][] {
  const [, numLabels] = assertMatrix('scores', scores);
  assertInteger('k', k, 1, numLabels);
  return scores.map((row) => {
    const order = row.map((v, j) => [v, j]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const out = new Array<number>(numLabels).fill(0);
    for (let t = 0; t < k; t++) out[order[t][1]] = 1;
    return out;
  });
}

/**
 * Threshold decisions that never leave a row empty: `p >= threshold`, and where that predicts
 * nothing, the top-scored label.
 * @throws InputError for probabilities outside [0, 1] or a bad threshold.
 */
export function atLeastOneDecisions(
  probs: Matrix,
  threshold: number | readonly number[] = 0.5,
): number[][] {
  return toDecisions(probs, threshold).map((row, i) => {
    if (row.includes(1)) return row;
    const out = row.slice();
    out[argMaxOf(probs[i])] = 1;
    return out;
  });
}

/**
 * The one threshold, from `candidates` (default 0.05, 0.06, ..., 0.95), that maximizes
 * micro-averaged F1 on the given (validation) rows, ties to the candidate nearest 0.5.
 * @throws InputError for bad matrices or candidates outside [0, 1].
 */
export function tuneGlobalThreshold(
  yTrue: Matrix,
  probs: Matrix,
  candidates?: readonly number[],
): number {
  const shape = assertBinaryMatrix('yTrue', yTrue);
  assertSameShape('yTrue', shape, 'probs', assertProbabilityMatrix('probs', probs));
  const tried =
    candidates !== undefined ? candidates : Array.from({ length: 91 }, (_, i) => (5 + i) / 100);
  assertList('candidates', tried, 'probability');
  tried.forEach((c, i) => assertProbability(`candidates[${i}]`, c));
  let best = 0.5;
  let bestF1 = -1;
  for (const t of tried) {
    const f1 = precisionRecallFscoreSupport(yTrue, toDecisions(probs, t), {
      average: 'micro',
    }).fScore;
    if (f1 > bestF1 || (f1 === bestF1 && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
      bestF1 = f1;
      best = t;
    }
  }
  return best;
}

/**
 * The decodings {@link decodeAll} makes.
 * Used in lessons: 06.
 */
export const DECODINGS = [
  'p ≥ 0.5',
  'one tuned threshold',
  'per-label thresholds',
  'top-k',
  'at least one label',
] as const;
/**
 * One of {@link DECODINGS}.
 * Used in lessons: 06.
 */
export type Decoding = (typeof DECODINGS)[number];

/** What {@link decodeAll} returns: every decoding's decisions and the thresholds it tuned. */
export interface Decoded {
  decisions: Record<Decoding, number[][]>;
  /** The one threshold with the best micro-F1 on the validation rows. */
  globalThreshold: number;
  /** Each label's threshold with the best F1 for that label on the validation rows. */
  perLabelThresholds: number[];
}

/**
 * Every decoding of {@link DECODINGS} of `probs`: p >= 0.5; one threshold tuned for micro-F1
 * and per-label thresholds tuned for each label's F1, both on the validation rows
 * (`yValidation`, `probsValidation`); the `k` best-scored labels of each row; and p >= 0.5 with
 * the top label added to rows it leaves empty.
 * @throws InputError for bad matrices or k outside [1, labels].
 */
export function decodeAll(
  probs: Matrix,
  validation: { yTrue: Matrix; probs: Matrix },
  k: number,
): Decoded {
  assertObject('validation', validation, '{ yTrue, probs }');
  const shape = assertBinaryMatrix('validation.yTrue', validation.yTrue);
  const probsShape = assertProbabilityMatrix('validation.probs', validation.probs);
  assertSameShape('validation.yTrue', shape, 'validation.probs', probsShape);
  const globalThreshold = tuneGlobalThreshold(validation.yTrue, validation.probs);
  const perLabelThresholds = tunePerLabelThresholds(validation.yTrue, validation.probs);
  return {
    globalThreshold,
    perLabelThresholds,
    decisions: {
      'p ≥ 0.5': toDecisions(probs),
      'one tuned threshold': toDecisions(probs, globalThreshold),
      'per-label thresholds': toDecisions(probs, perLabelThresholds),
      'top-k': topKDecisions(probs, k),
      'at least one label': atLeastOneDecisions(probs),
    },
  };
}

/**
 * Every metric of `metricSummary`, with the decision metrics computed from `decisions` (e.g. a
 * powerset's most probable label set, or a tuned threshold's) and the ranking metrics from
 * `scores`.
 * Used in lessons: 06.
 * @throws InputError for matrices of different shapes, non-0/1 decisions, or scores outside [0, 1].
 */
export function summarizeDecisions(
  yTrue: Matrix,
  scores: Matrix,
  decisions: Matrix,
): MetricSummary {
  const shape = assertBinaryMatrix('yTrue', yTrue);
  assertSameShape('yTrue', shape, 'scores', assertScoreMatrix('scores', scores));
  assertSameShape('yTrue', shape, 'decisions', assertBinaryMatrix('decisions', decisions));
  const ranked = metricSummary(yTrue, scores);
  const decided = metricSummary(yTrue, decisions);
  const out = { ...ranked };
  for (const m of SUMMARY_METRICS) if (!SCORE_METRICS.includes(m)) out[m] = decided[m];
  return out;
}

/**
 * The mean of several models' scores, row by row: the models used as one ensemble.
 * Used in lessons: 06.
 * @throws InputError for no matrices or matrices of different shapes.
 */
export function averageScores(scores: readonly Matrix[]): number[][] {
  if (!Array.isArray(scores) || scores.length === 0)
    throw new InputError(`scores must be a non-empty list of matrices, got ${describe(scores)}`);
  const [rows, cols] = assertMatrix('scores[0]', scores[0]);
  scores.forEach((m, r) => assertMatrix(`scores[${r}]`, m, cols));
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => scores.reduce((s, m) => s + m[i][j], 0) / scores.length),
  );
}

/** How decisions fare on the rows whose label set never occurs in training. */
export interface UnseenSetReport {
  /** Indices of the rows with a label set absent from training. */
  rows: number[];
  /** Of those rows, how many the decisions get exactly right. */
  exact: number;
  /** Rows whose decided label set is absent from training (however right or wrong). */
  novelPredictions: number;
  /** Of those, how many are exactly right. */
  novelRight: number;
  /** Mean number of wrong labels on the unseen rows, and on the other rows. */
  wrongUnseen: number;
  wrongSeen: number;
}

/**
 * How decisions fare on the label sets never seen in training: exact matches on those rows, how
 * many decided label sets are themselves new, and the wrong labels per row on both kinds of row.
 * Used in lessons: 06.
 * @throws InputError for label or decision matrices of different shapes.
 */
export function unseenSetReport(yTrain: Matrix, yTest: Matrix, decisions: Matrix): UnseenSetReport {
  assertBinaryMatrix('yTrain', yTrain);
  const [n, numLabels] = assertBinaryMatrix('yTest', yTest);
  const [rows, cols] = assertBinaryMatrix('decisions', decisions);
  if (cols !== numLabels)
    throw new InputError(
      `decisions must have ${numLabels} columns (one per label of yTest), got ${cols}`,
    );
  if (rows !== n)
    throw new InputError(`decisions must have ${n} rows (one per row of yTest), got ${rows}`);
  const seen = new Set(yTrain.map((row) => labelCombinationKey(row)));
  const out: UnseenSetReport = {
    rows: [],
    exact: 0,
    novelPredictions: 0,
    novelRight: 0,
    wrongUnseen: 0,
    wrongSeen: 0,
  };
  for (let i = 0; i < n; i++) {
    let wrong = 0;
    for (let j = 0; j < numLabels; j++) if (yTest[i][j] !== decisions[i][j]) wrong++;
    if (!seen.has(labelCombinationKey(yTest[i]))) {
      out.rows.push(i);
      out.wrongUnseen += wrong;
      if (wrong === 0) out.exact++;
    } else {
      out.wrongSeen += wrong;
    }
    if (!seen.has(labelCombinationKey(decisions[i]))) {
      out.novelPredictions++;
      if (wrong === 0) out.novelRight++;
    }
  }
  const unseen = out.rows.length;
  out.wrongUnseen = unseen > 0 ? out.wrongUnseen / unseen : 0;
  out.wrongSeen = n > unseen ? out.wrongSeen / (n - unseen) : 0;
  return out;
}

/**
 * A label powerset's scores per label: P(label j) = the sum of P(set) over the sets that contain
 * label j, for each row of set probabilities `probs` (column c is the set `combinations[c]`),
 * capped at 1 (sums of float32 probabilities can pass 1 by a rounding step).
 * @throws InputError when `probs` is not as wide as there are combinations.
 */
export function powersetMarginals(probs: Matrix, combinations: Matrix): number[][] {
  const [, numLabels] = assertBinaryMatrix('combinations', combinations);
  assertProbabilityMatrix('probs', probs, combinations.length);
  return probs.map((row) => {
    const out = new Array<number>(numLabels).fill(0);
    row.forEach((q, c) => combinations[c].forEach((v, j) => (out[j] += v * q)));
    return out.map((v) => Math.min(1, v));
  });
}

/** The decodings of S repetitions (models), scored on the test rows. */
export interface RepetitionDecodings {
  /** Test summaries per decoding, one per repetition. */
  summaries: Record<Decoding, MetricSummary[]>;
  /** Each repetition's tuned global threshold. */
  globalThresholds: number[];
  /** F1 of each label at its tuned threshold, on the validation rows it was tuned on... */
  validationF1: number[][];
  /** ...and on the test rows. */
  testF1: number[][];
  /** Test rows left with no label at all, per decoding and repetition. */
  emptyRows: Record<Decoding, number[]>;
}

/**
 * Every decoding of {@link DECODINGS} for each of S repetitions: repetition r's thresholds are
 * tuned on its own validation rows (`validation[r]`, see {@link decodeAll}) and its decisions on
 * the test rows (`testScores[r]`) are scored against `yTest`.
 * Used in lessons: 06.
 * @throws InputError for lists of different lengths, bad matrices, or k outside [1, labels].
 */
export function decodeRepetitions(
  testScores: readonly Matrix[],
  validation: readonly { yTrue: Matrix; probs: Matrix }[],
  yTest: Matrix,
  k: number,
): RepetitionDecodings {
  assertArray('testScores', testScores, 'probability matrices (one per repetition)', 1);
  assertArray('validation', validation, '{ yTrue, probs } (one per repetition)');
  if (validation.length !== testScores.length)
    throw new InputError(
      `validation must hold one set of rows per repetition (${testScores.length}), ` +
        `got ${validation.length}`,
    );
  const shape = assertBinaryMatrix('yTest', yTest);
  testScores.forEach((probs, r) =>
    assertSameShape(
      'yTest',
      shape,
      `testScores[${r}]`,
      assertScoreMatrix(`testScores[${r}]`, probs),
    ),
  );
  const perDecoding = <T>() =>
    Object.fromEntries(DECODINGS.map((d) => [d, [] as T[]])) as Record<Decoding, T[]>;
  const out: RepetitionDecodings = {
    summaries: perDecoding<MetricSummary>(),
    globalThresholds: [],
    validationF1: [],
    testF1: [],
    emptyRows: perDecoding<number>(),
  };
  testScores.forEach((probs, r) => {
    const decoded = decodeAll(probs, validation[r], k);
    for (const d of DECODINGS) {
      const decisions = decoded.decisions[d];
      out.summaries[d].push(summarizeDecisions(yTest, probs, decisions));
      out.emptyRows[d].push(decisions.filter((row) => !row.includes(1)).length);
    }
    out.globalThresholds.push(decoded.globalThreshold);
    const f1 = (y: Matrix, p: Matrix) =>
      precisionRecallFscoreSupport(y, toDecisions(p, decoded.perLabelThresholds)).fScore;
    out.validationF1.push(f1(validation[r].yTrue, validation[r].probs));
    out.testF1.push(f1(yTest, probs));
  });
  return out;
}
