import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  Average,
  MetricSummary,
  PAPER_METRICS,
  SUMMARY_METRICS,
  SummaryMetric,
  ZeroDivision,
  binaryAccuracy,
  categoricalAccuracy,
  coverageError,
  f1Score,
  fbetaScore,
  hammingLoss,
  jaccardScore,
  labelRankingAveragePrecision,
  labelRankingLoss,
  metricSummary,
  multilabelConfusionMatrix,
  oneError,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  rocAucScore,
  subsetAccuracy,
  summaryRows,
  SCORE_METRICS,
} from '../../src/eval/metrics';
import { toDecisions } from '../../src/eval/thresholds';
import { assertArrayClose, assertClose, assertInputError } from '../support/close';
import { randomFixture } from '../support/sklearn-fixture';
import { SKLEARN } from '../support/sklearn-reference';

// ---------------------------------------------------------------------------------------------
// Fixtures

// A: 4 samples x 6 labels, built so that every edge case appears once:
//   label 3 is never true and never predicted, label 4 is predicted but never true,
//   label 5 is true but never predicted, row 3 has no true and no predicted labels.
const A_TRUE = [
  [1, 0, 1, 0, 0, 0],
  [0, 1, 0, 0, 0, 0],
  [1, 1, 0, 0, 0, 1],
  [0, 0, 0, 0, 0, 0],
];
const A_PRED = [
  [1, 0, 0, 0, 1, 0],
  [0, 1, 1, 0, 0, 0],
  [1, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0],
];
// Ties on purpose: row 1 ties a true and a false label at 0.8, row 2 ties two true labels at 0.45.
const A_PROBS = [
  [0.9, 0.2, 0.4, 0.1, 0.6, 0.3],
  [0.3, 0.8, 0.8, 0.1, 0.2, 0.05],
  [0.7, 0.45, 0.3, 0.2, 0.1, 0.45],
  [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
];
// Z: nothing is ever true (all supports 0); Z0: nothing predicted either; C: all correct.
const Z_TRUE = [
  [0, 0, 0],
  [0, 0, 0],
  [0, 0, 0],
];
const Z_PRED = [
  [0, 1, 0],
  [0, 0, 0],
  [1, 0, 0],
];
const Z0_PRED = [
  [0, 0, 0],
  [0, 0, 0],
  [0, 0, 0],
];

// R: 40 x 7, R_true, R_probs = rand_fixture(40, 7, seed=42); R_pred = (R_probs >= 0.5).astype(int)
const R = randomFixture(40, 7, 42);
const R_PRED = R.probs.map((row) => row.map((p) => (p >= 0.5 ? 1 : 0)));

const FIXTURES: Record<string, { yTrue: number[][]; yPred: number[][] }> = {
  A: { yTrue: A_TRUE, yPred: A_PRED },
  Z: { yTrue: Z_TRUE, yPred: Z_PRED },
  Z0: { yTrue: Z_TRUE, yPred: Z0_PRED },
  C: { yTrue: A_TRUE, yPred: A_TRUE },
  R: { yTrue: R.yTrue, yPred: R_PRED },
};

// ---------------------------------------------------------------------------------------------
// Reference values from scikit-learn 1.9.1 (numpy arrays of the fixtures above; NaN = np.nan):
//
//   for name, yt, yp in [('A', A_true, A_pred), ('Z', Z_true, Z_pred),
//                        ('Z0', Z_true, zeros((3, 3))), ('C', A_true, A_true),
//                        ('R', R_true, R_pred)]:
//     SK[name]['mcm']     = multilabel_confusion_matrix(yt, yp)
//     SK[name]['hamming'] = hamming_loss(yt, yp)
//     SK[name]['subset']  = accuracy_score(yt, yp)
//     SK[name]['support'] = precision_recall_fscore_support(yt, yp, average=None)[3]
//     SK[name]['f0|macro|0'] = fbeta_score(yt, yp, beta=0, average='macro', zero_division=0)
//     for zd in (0, 1, np.nan):
//       for avg in (None, 'micro', 'macro', 'weighted', 'samples'):
//         SK[name][f'p|{avg}|{zd}']     = precision_score(yt, yp, average=avg, zero_division=zd)
//         SK[name][f'r|{avg}|{zd}']     = recall_score(yt, yp, average=avg, zero_division=zd)
//         SK[name][f'f1|{avg}|{zd}']    = f1_score(yt, yp, average=avg, zero_division=zd)
//         SK[name][f'f2|{avg}|{zd}']    = fbeta_score(yt, yp, beta=2, average=avg,
//                                                     zero_division=zd)
//         SK[name][f'fhalf|{avg}|{zd}'] = fbeta_score(yt, yp, beta=0.5, average=avg,
//                                                     zero_division=zd)
//         if zd is not np.nan:  # jaccard_score rejects zero_division=nan
//           SK[name][f'j|{avg}|{zd}']   = jaccard_score(yt, yp, average=avg, zero_division=zd)
type Ref = number | number[] | number[][][];
const SK: Record<string, Record<string, Ref>> = {
  A: {
    mcm: [
      [
        [2, 0],
        [0, 2],
      ],
      [
        [2, 0],
        [1, 1],
      ],
      [
        [2, 1],
        [1, 0],
      ],
      [
        [4, 0],
        [0, 0],
      ],
      [
        [3, 1],
        [0, 0],
      ],
      [
        [3, 0],
        [1, 0],
      ],
    ],
    hamming: 0.20833333333333334,
    subset: 0.25,
    'p|null|0': [1, 1, 0, 0, 0, 0],
    'p|null|1': [1, 1, 0, 1, 0, 1],
    'p|null|nan': [1, 1, 0, NaN, 0, NaN],
    'r|null|0': [1, 0.5, 0, 0, 0, 0],
    'r|null|1': [1, 0.5, 0, 1, 1, 0],
    'r|null|nan': [1, 0.5, 0, NaN, NaN, 0],
    'f1|null|0': [1, 0.6666666666666666, 0, 0, 0, 0],
    'f1|null|1': [1, 0.6666666666666666, 0, 1, 0, 0],
    'f1|null|nan': [1, 0.6666666666666666, 0, NaN, 0, 0],
    'f2|null|0': [1, 0.5555555555555556, 0, 0, 0, 0],
    'f2|null|1': [1, 0.5555555555555556, 0, 1, 0, 0],
    'f2|null|nan': [1, 0.5555555555555556, 0, NaN, 0, 0],
    'fhalf|null|0': [1, 0.8333333333333334, 0, 0, 0, 0],
    'fhalf|null|1': [1, 0.8333333333333334, 0, 1, 0, 0],
    'fhalf|null|nan': [1, 0.8333333333333334, 0, NaN, 0, 0],
    'j|null|0': [1, 0.5, 0, 0, 0, 0],
    'j|null|1': [1, 0.5, 0, 1, 0, 0],
    'p|micro|0': 0.6,
    'p|micro|1': 0.6,
    'p|micro|nan': 0.6,
    'r|micro|0': 0.5,
    'r|micro|1': 0.5,
    'r|micro|nan': 0.5,
    'f1|micro|0': 0.5454545454545454,
    'f1|micro|1': 0.5454545454545454,
    'f1|micro|nan': 0.5454545454545454,
    'f2|micro|0': 0.5172413793103449,
    'f2|micro|1': 0.5172413793103449,
    'f2|micro|nan': 0.5172413793103449,
    'fhalf|micro|0': 0.5769230769230769,
    'fhalf|micro|1': 0.5769230769230769,
    'fhalf|micro|nan': 0.5769230769230769,
    'j|micro|0': 0.375,
    'j|micro|1': 0.375,
    'p|macro|0': 0.3333333333333333,
    'p|macro|1': 0.6666666666666666,
    'p|macro|nan': 0.5,
    'r|macro|0': 0.25,
    'r|macro|1': 0.5833333333333334,
    'r|macro|nan': 0.375,
    'f1|macro|0': 0.27777777777777773,
    'f1|macro|1': 0.4444444444444444,
    'f1|macro|nan': 0.3333333333333333,
    'f2|macro|0': 0.25925925925925924,
    'f2|macro|1': 0.4259259259259259,
    'f2|macro|nan': 0.3111111111111111,
    'fhalf|macro|0': 0.3055555555555556,
    'fhalf|macro|1': 0.47222222222222227,
    'fhalf|macro|nan': 0.3666666666666667,
    'j|macro|0': 0.25,
    'j|macro|1': 0.4166666666666667,
    'p|weighted|0': 0.6666666666666666,
    'p|weighted|1': 0.8333333333333334,
    'p|weighted|nan': 0.8,
    'r|weighted|0': 0.5,
    'r|weighted|1': 0.5,
    'r|weighted|nan': 0.5,
    'f1|weighted|0': 0.5555555555555555,
    'f1|weighted|1': 0.5555555555555555,
    'f1|weighted|nan': 0.5555555555555555,
    'f2|weighted|0': 0.5185185185185185,
    'f2|weighted|1': 0.5185185185185185,
    'f2|weighted|nan': 0.5185185185185185,
    'fhalf|weighted|0': 0.6111111111111112,
    'fhalf|weighted|1': 0.6111111111111112,
    'fhalf|weighted|nan': 0.6111111111111112,
    'j|weighted|0': 0.5,
    'j|weighted|1': 0.5,
    'p|samples|0': 0.5,
    'p|samples|1': 0.75,
    'p|samples|nan': 0.6666666666666666,
    'r|samples|0': 0.4583333333333333,
    'r|samples|1': 0.7083333333333333,
    'r|samples|nan': 0.611111111111111,
    'f1|samples|0': 0.41666666666666663,
    'f1|samples|1': 0.6666666666666666,
    'f1|samples|nan': 0.5555555555555555,
    'f2|samples|0': 0.4294871794871795,
    'f2|samples|1': 0.6794871794871795,
    'f2|samples|nan': 0.5726495726495727,
    'fhalf|samples|0': 0.44246031746031744,
    'fhalf|samples|1': 0.6924603174603174,
    'fhalf|samples|nan': 0.5899470899470899,
    'j|samples|0': 0.29166666666666663,
    'j|samples|1': 0.5416666666666666,
    support: [2, 2, 1, 0, 0, 1],
    'f0|macro|0': 0.3333333333333333,
  },
  Z: {
    mcm: [
      [
        [2, 1],
        [0, 0],
      ],
      [
        [2, 1],
        [0, 0],
      ],
      [
        [3, 0],
        [0, 0],
      ],
    ],
    hamming: 0.2222222222222222,
    subset: 0.3333333333333333,
    'p|null|0': [0, 0, 0],
    'p|null|1': [0, 0, 1],
    'p|null|nan': [0, 0, NaN],
    'r|null|0': [0, 0, 0],
    'r|null|1': [1, 1, 1],
    'r|null|nan': [NaN, NaN, NaN],
    'f1|null|0': [0, 0, 0],
    'f1|null|1': [0, 0, 1],
    'f1|null|nan': [0, 0, NaN],
    'f2|null|0': [0, 0, 0],
    'f2|null|1': [0, 0, 1],
    'f2|null|nan': [0, 0, NaN],
    'fhalf|null|0': [0, 0, 0],
    'fhalf|null|1': [0, 0, 1],
    'fhalf|null|nan': [0, 0, NaN],
    'j|null|0': [0, 0, 0],
    'j|null|1': [0, 0, 1],
    'p|micro|0': 0,
    'p|micro|1': 0,
    'p|micro|nan': 0,
    'r|micro|0': 0,
    'r|micro|1': 1,
    'r|micro|nan': NaN,
    'f1|micro|0': 0,
    'f1|micro|1': 0,
    'f1|micro|nan': 0,
    'f2|micro|0': 0,
    'f2|micro|1': 0,
    'f2|micro|nan': 0,
    'fhalf|micro|0': 0,
    'fhalf|micro|1': 0,
    'fhalf|micro|nan': 0,
    'j|micro|0': 0,
    'j|micro|1': 0,
    'p|macro|0': 0,
    'p|macro|1': 0.3333333333333333,
    'p|macro|nan': 0,
    'r|macro|0': 0,
    'r|macro|1': 1,
    'r|macro|nan': NaN,
    'f1|macro|0': 0,
    'f1|macro|1': 0.3333333333333333,
    'f1|macro|nan': 0,
    'f2|macro|0': 0,
    'f2|macro|1': 0.3333333333333333,
    'f2|macro|nan': 0,
    'fhalf|macro|0': 0,
    'fhalf|macro|1': 0.3333333333333333,
    'fhalf|macro|nan': 0,
    'j|macro|0': 0,
    'j|macro|1': 0.3333333333333333,
    'p|weighted|0': 0,
    'p|weighted|1': 0.3333333333333333,
    'p|weighted|nan': 0,
    'r|weighted|0': 0,
    'r|weighted|1': 1,
    'r|weighted|nan': NaN,
    'f1|weighted|0': 0,
    'f1|weighted|1': 0.3333333333333333,
    'f1|weighted|nan': 0,
    'f2|weighted|0': 0,
    'f2|weighted|1': 0.3333333333333333,
    'f2|weighted|nan': 0,
    'fhalf|weighted|0': 0,
    'fhalf|weighted|1': 0.3333333333333333,
    'fhalf|weighted|nan': 0,
    'j|weighted|0': 0,
    'j|weighted|1': 0.3333333333333333,
    'p|samples|0': 0,
    'p|samples|1': 0.3333333333333333,
    'p|samples|nan': 0,
    'r|samples|0': 0,
    'r|samples|1': 1,
    'r|samples|nan': NaN,
    'f1|samples|0': 0,
    'f1|samples|1': 0.3333333333333333,
    'f1|samples|nan': 0,
    'f2|samples|0': 0,
    'f2|samples|1': 0.3333333333333333,
    'f2|samples|nan': 0,
    'fhalf|samples|0': 0,
    'fhalf|samples|1': 0.3333333333333333,
    'fhalf|samples|nan': 0,
    'j|samples|0': 0,
    'j|samples|1': 0.3333333333333333,
    support: [0, 0, 0],
    'f0|macro|0': 0,
  },
  Z0: {
    mcm: [
      [
        [3, 0],
        [0, 0],
      ],
      [
        [3, 0],
        [0, 0],
      ],
      [
        [3, 0],
        [0, 0],
      ],
    ],
    hamming: 0,
    subset: 1,
    'p|null|0': [0, 0, 0],
    'p|null|1': [1, 1, 1],
    'p|null|nan': [NaN, NaN, NaN],
    'r|null|0': [0, 0, 0],
    'r|null|1': [1, 1, 1],
    'r|null|nan': [NaN, NaN, NaN],
    'f1|null|0': [0, 0, 0],
    'f1|null|1': [1, 1, 1],
    'f1|null|nan': [NaN, NaN, NaN],
    'f2|null|0': [0, 0, 0],
    'f2|null|1': [1, 1, 1],
    'f2|null|nan': [NaN, NaN, NaN],
    'fhalf|null|0': [0, 0, 0],
    'fhalf|null|1': [1, 1, 1],
    'fhalf|null|nan': [NaN, NaN, NaN],
    'j|null|0': [0, 0, 0],
    'j|null|1': [1, 1, 1],
    'p|micro|0': 0,
    'p|micro|1': 1,
    'p|micro|nan': NaN,
    'r|micro|0': 0,
    'r|micro|1': 1,
    'r|micro|nan': NaN,
    'f1|micro|0': 0,
    'f1|micro|1': 1,
    'f1|micro|nan': NaN,
    'f2|micro|0': 0,
    'f2|micro|1': 1,
    'f2|micro|nan': NaN,
    'fhalf|micro|0': 0,
    'fhalf|micro|1': 1,
    'fhalf|micro|nan': NaN,
    'j|micro|0': 0,
    'j|micro|1': 1,
    'p|macro|0': 0,
    'p|macro|1': 1,
    'p|macro|nan': NaN,
    'r|macro|0': 0,
    'r|macro|1': 1,
    'r|macro|nan': NaN,
    'f1|macro|0': 0,
    'f1|macro|1': 1,
    'f1|macro|nan': NaN,
    'f2|macro|0': 0,
    'f2|macro|1': 1,
    'f2|macro|nan': NaN,
    'fhalf|macro|0': 0,
    'fhalf|macro|1': 1,
    'fhalf|macro|nan': NaN,
    'j|macro|0': 0,
    'j|macro|1': 1,
    'p|weighted|0': 0,
    'p|weighted|1': 1,
    'p|weighted|nan': NaN,
    'r|weighted|0': 0,
    'r|weighted|1': 1,
    'r|weighted|nan': NaN,
    'f1|weighted|0': 0,
    'f1|weighted|1': 1,
    'f1|weighted|nan': NaN,
    'f2|weighted|0': 0,
    'f2|weighted|1': 1,
    'f2|weighted|nan': NaN,
    'fhalf|weighted|0': 0,
    'fhalf|weighted|1': 1,
    'fhalf|weighted|nan': NaN,
    'j|weighted|0': 0,
    'j|weighted|1': 1,
    'p|samples|0': 0,
    'p|samples|1': 1,
    'p|samples|nan': NaN,
    'r|samples|0': 0,
    'r|samples|1': 1,
    'r|samples|nan': NaN,
    'f1|samples|0': 0,
    'f1|samples|1': 1,
    'f1|samples|nan': NaN,
    'f2|samples|0': 0,
    'f2|samples|1': 1,
    'f2|samples|nan': NaN,
    'fhalf|samples|0': 0,
    'fhalf|samples|1': 1,
    'fhalf|samples|nan': NaN,
    'j|samples|0': 0,
    'j|samples|1': 1,
    support: [0, 0, 0],
    'f0|macro|0': 0,
  },
  C: {
    mcm: [
      [
        [2, 0],
        [0, 2],
      ],
      [
        [2, 0],
        [0, 2],
      ],
      [
        [3, 0],
        [0, 1],
      ],
      [
        [4, 0],
        [0, 0],
      ],
      [
        [4, 0],
        [0, 0],
      ],
      [
        [3, 0],
        [0, 1],
      ],
    ],
    hamming: 0,
    subset: 1,
    'p|null|0': [1, 1, 1, 0, 0, 1],
    'p|null|1': [1, 1, 1, 1, 1, 1],
    'p|null|nan': [1, 1, 1, NaN, NaN, 1],
    'r|null|0': [1, 1, 1, 0, 0, 1],
    'r|null|1': [1, 1, 1, 1, 1, 1],
    'r|null|nan': [1, 1, 1, NaN, NaN, 1],
    'f1|null|0': [1, 1, 1, 0, 0, 1],
    'f1|null|1': [1, 1, 1, 1, 1, 1],
    'f1|null|nan': [1, 1, 1, NaN, NaN, 1],
    'f2|null|0': [1, 1, 1, 0, 0, 1],
    'f2|null|1': [1, 1, 1, 1, 1, 1],
    'f2|null|nan': [1, 1, 1, NaN, NaN, 1],
    'fhalf|null|0': [1, 1, 1, 0, 0, 1],
    'fhalf|null|1': [1, 1, 1, 1, 1, 1],
    'fhalf|null|nan': [1, 1, 1, NaN, NaN, 1],
    'j|null|0': [1, 1, 1, 0, 0, 1],
    'j|null|1': [1, 1, 1, 1, 1, 1],
    'p|micro|0': 1,
    'p|micro|1': 1,
    'p|micro|nan': 1,
    'r|micro|0': 1,
    'r|micro|1': 1,
    'r|micro|nan': 1,
    'f1|micro|0': 1,
    'f1|micro|1': 1,
    'f1|micro|nan': 1,
    'f2|micro|0': 1,
    'f2|micro|1': 1,
    'f2|micro|nan': 1,
    'fhalf|micro|0': 1,
    'fhalf|micro|1': 1,
    'fhalf|micro|nan': 1,
    'j|micro|0': 1,
    'j|micro|1': 1,
    'p|macro|0': 0.6666666666666666,
    'p|macro|1': 1,
    'p|macro|nan': 1,
    'r|macro|0': 0.6666666666666666,
    'r|macro|1': 1,
    'r|macro|nan': 1,
    'f1|macro|0': 0.6666666666666666,
    'f1|macro|1': 1,
    'f1|macro|nan': 1,
    'f2|macro|0': 0.6666666666666666,
    'f2|macro|1': 1,
    'f2|macro|nan': 1,
    'fhalf|macro|0': 0.6666666666666666,
    'fhalf|macro|1': 1,
    'fhalf|macro|nan': 1,
    'j|macro|0': 0.6666666666666666,
    'j|macro|1': 1,
    'p|weighted|0': 1,
    'p|weighted|1': 1,
    'p|weighted|nan': 1,
    'r|weighted|0': 1,
    'r|weighted|1': 1,
    'r|weighted|nan': 1,
    'f1|weighted|0': 1,
    'f1|weighted|1': 1,
    'f1|weighted|nan': 1,
    'f2|weighted|0': 1,
    'f2|weighted|1': 1,
    'f2|weighted|nan': 1,
    'fhalf|weighted|0': 1,
    'fhalf|weighted|1': 1,
    'fhalf|weighted|nan': 1,
    'j|weighted|0': 1,
    'j|weighted|1': 1,
    'p|samples|0': 0.75,
    'p|samples|1': 1,
    'p|samples|nan': 1,
    'r|samples|0': 0.75,
    'r|samples|1': 1,
    'r|samples|nan': 1,
    'f1|samples|0': 0.75,
    'f1|samples|1': 1,
    'f1|samples|nan': 1,
    'f2|samples|0': 0.75,
    'f2|samples|1': 1,
    'f2|samples|nan': 1,
    'fhalf|samples|0': 0.75,
    'fhalf|samples|1': 1,
    'fhalf|samples|nan': 1,
    'j|samples|0': 0.75,
    'j|samples|1': 1,
    support: [2, 2, 1, 0, 0, 1],
    'f0|macro|0': 0.6666666666666666,
  },
  R: {
    mcm: [
      [
        [12, 17],
        [1, 10],
      ],
      [
        [13, 13],
        [2, 12],
      ],
      [
        [16, 17],
        [1, 6],
      ],
      [
        [11, 19],
        [1, 9],
      ],
      [
        [14, 12],
        [4, 10],
      ],
      [
        [17, 17],
        [0, 6],
      ],
      [
        [19, 13],
        [1, 7],
      ],
    ],
    hamming: 0.42142857142857143,
    subset: 0.05,
    'p|null|0': [
      0.37037037037037035, 0.48, 0.2608695652173913, 0.32142857142857145, 0.45454545454545453,
      0.2608695652173913, 0.35,
    ],
    'p|null|1': [
      0.37037037037037035, 0.48, 0.2608695652173913, 0.32142857142857145, 0.45454545454545453,
      0.2608695652173913, 0.35,
    ],
    'p|null|nan': [
      0.37037037037037035, 0.48, 0.2608695652173913, 0.32142857142857145, 0.45454545454545453,
      0.2608695652173913, 0.35,
    ],
    'r|null|0': [
      0.9090909090909091, 0.8571428571428571, 0.8571428571428571, 0.9, 0.7142857142857143, 1, 0.875,
    ],
    'r|null|1': [
      0.9090909090909091, 0.8571428571428571, 0.8571428571428571, 0.9, 0.7142857142857143, 1, 0.875,
    ],
    'r|null|nan': [
      0.9090909090909091, 0.8571428571428571, 0.8571428571428571, 0.9, 0.7142857142857143, 1, 0.875,
    ],
    'f1|null|0': [
      0.5263157894736842, 0.6153846153846154, 0.4, 0.47368421052631576, 0.5555555555555556,
      0.41379310344827586, 0.5,
    ],
    'f1|null|1': [
      0.5263157894736842, 0.6153846153846154, 0.4, 0.47368421052631576, 0.5555555555555556,
      0.41379310344827586, 0.5,
    ],
    'f1|null|nan': [
      0.5263157894736842, 0.6153846153846154, 0.4, 0.47368421052631576, 0.5555555555555556,
      0.41379310344827586, 0.5,
    ],
    'f2|null|0': [
      0.704225352112676, 0.7407407407407407, 0.5882352941176471, 0.6617647058823529,
      0.6410256410256411, 0.6382978723404256, 0.6730769230769231,
    ],
    'f2|null|1': [
      0.704225352112676, 0.7407407407407407, 0.5882352941176471, 0.6617647058823529,
      0.6410256410256411, 0.6382978723404256, 0.6730769230769231,
    ],
    'f2|null|nan': [
      0.704225352112676, 0.7407407407407407, 0.5882352941176471, 0.6617647058823529,
      0.6410256410256411, 0.6382978723404256, 0.6730769230769231,
    ],
    'fhalf|null|0': [
      0.42016806722689076, 0.5263157894736842, 0.30303030303030304, 0.36885245901639346,
      0.49019607843137253, 0.30612244897959184, 0.3977272727272727,
    ],
    'fhalf|null|1': [
      0.42016806722689076, 0.5263157894736842, 0.30303030303030304, 0.36885245901639346,
      0.49019607843137253, 0.30612244897959184, 0.3977272727272727,
    ],
    'fhalf|null|nan': [
      0.42016806722689076, 0.5263157894736842, 0.30303030303030304, 0.36885245901639346,
      0.49019607843137253, 0.30612244897959184, 0.3977272727272727,
    ],
    'j|null|0': [
      0.35714285714285715, 0.4444444444444444, 0.25, 0.3103448275862069, 0.38461538461538464,
      0.2608695652173913, 0.3333333333333333,
    ],
    'j|null|1': [
      0.35714285714285715, 0.4444444444444444, 0.25, 0.3103448275862069, 0.38461538461538464,
      0.2608695652173913, 0.3333333333333333,
    ],
    'p|micro|0': 0.35714285714285715,
    'p|micro|1': 0.35714285714285715,
    'p|micro|nan': 0.35714285714285715,
    'r|micro|0': 0.8571428571428571,
    'r|micro|1': 0.8571428571428571,
    'r|micro|nan': 0.8571428571428571,
    'f1|micro|0': 0.5042016806722689,
    'f1|micro|1': 0.5042016806722689,
    'f1|micro|nan': 0.5042016806722689,
    'f2|micro|0': 0.6696428571428571,
    'f2|micro|1': 0.6696428571428571,
    'f2|micro|nan': 0.6696428571428571,
    'fhalf|micro|0': 0.40431266846361186,
    'fhalf|micro|1': 0.40431266846361186,
    'fhalf|micro|nan': 0.40431266846361186,
    'j|micro|0': 0.33707865168539325,
    'j|micro|1': 0.33707865168539325,
    'p|macro|0': 0.3568690752541684,
    'p|macro|1': 0.3568690752541684,
    'p|macro|nan': 0.3568690752541684,
    'r|macro|0': 0.8732374768089054,
    'r|macro|1': 0.8732374768089054,
    'r|macro|nan': 0.8732374768089054,
    'f1|macro|0': 0.4978190391983495,
    'f1|macro|1': 0.4978190391983495,
    'f1|macro|nan': 0.4978190391983495,
    'f2|macro|0': 0.6639095041852009,
    'f2|macro|1': 0.6639095041852009,
    'f2|macro|nan': 0.6639095041852009,
    'fhalf|macro|0': 0.4017732026979298,
    'fhalf|macro|1': 0.4017732026979298,
    'fhalf|macro|nan': 0.4017732026979298,
    'j|macro|0': 0.33439291604851684,
    'j|macro|1': 0.33439291604851684,
    'p|weighted|0': 0.379475721426032,
    'p|weighted|1': 0.379475721426032,
    'p|weighted|nan': 0.379475721426032,
    'r|weighted|0': 0.8571428571428571,
    'r|weighted|1': 0.8571428571428571,
    'r|weighted|nan': 0.8571428571428571,
    'f1|weighted|0': 0.5171748114760819,
    'f1|weighted|1': 0.5171748114760819,
    'f1|weighted|nan': 0.5171748114760819,
    'f2|weighted|0': 0.6720129279181969,
    'f2|weighted|1': 0.6720129279181969,
    'f2|weighted|nan': 0.6720129279181969,
    'fhalf|weighted|0': 0.42401863538911977,
    'fhalf|weighted|1': 0.42401863538911977,
    'fhalf|weighted|nan': 0.42401863538911977,
    'j|weighted|0': 0.3517248767034588,
    'j|weighted|1': 0.3517248767034588,
    'p|samples|0': 0.3597023809523809,
    'p|samples|1': 0.3597023809523809,
    'p|samples|nan': 0.3597023809523809,
    'r|samples|0': 0.7095833333333333,
    'r|samples|1': 0.8595833333333331,
    'r|samples|nan': 0.8348039215686275,
    'f1|samples|0': 0.45527236652236647,
    'f1|samples|1': 0.45527236652236647,
    'f1|samples|nan': 0.45527236652236647,
    'f2|samples|0': 0.5651372253953776,
    'f2|samples|1': 0.5651372253953776,
    'f2|samples|nan': 0.5651372253953776,
    'fhalf|samples|0': 0.3906424739014549,
    'fhalf|samples|1': 0.3906424739014549,
    'fhalf|samples|nan': 0.3906424739014549,
    'j|samples|0': 0.347797619047619,
    'j|samples|1': 0.347797619047619,
    support: [11, 14, 7, 10, 14, 6, 8],
    'f0|macro|0': 0.3568690752541684,
  },
};

const METRICS = ['p', 'r', 'f1', 'f2', 'fhalf', 'j'] as const;
const AVERAGES: (Average | null)[] = [null, 'micro', 'macro', 'weighted', 'samples'];
const ZERO_DIVISIONS: [string, ZeroDivision][] = [
  ['0', 0],
  ['1', 1],
  ['nan', 'nan'],
];

function ours(
  metric: (typeof METRICS)[number],
  yTrue: number[][],
  yPred: number[][],
  average: Average | null,
  zeroDivision: ZeroDivision,
): number | number[] {
  switch (metric) {
    case 'p':
      return precisionScore(yTrue, yPred, { average, zeroDivision });
    case 'r':
      return recallScore(yTrue, yPred, { average, zeroDivision });
    case 'f1':
      return f1Score(yTrue, yPred, { average, zeroDivision });
    case 'f2':
      return fbetaScore(yTrue, yPred, { beta: 2, average, zeroDivision });
    case 'fhalf':
      return fbetaScore(yTrue, yPred, { beta: 0.5, average, zeroDivision });
    case 'j':
      return jaccardScore(yTrue, yPred, { average, zeroDivision });
  }
}

// ---------------------------------------------------------------------------------------------
// Reference comparisons

test('the TS random fixture reproduces the rows scikit-learn saw', () => {
  // R_true[:2], R_probs[:2] printed by numpy
  assert.deepEqual(R.yTrue.slice(0, 2), [
    [0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 1, 0, 0],
  ]);
  assert.deepEqual(R.probs.slice(0, 2), [
    [0.54, 0.72, 0.05, 0.52, 0.75, 0.83, 0.39],
    [0.9, 0.16, 0.62, 0.8, 0.54, 0.39, 0.63],
  ]);
  // R_true.sum(0)
  assert.deepEqual(
    R.yTrue.reduce((acc, row) => acc.map((v, j) => v + row[j])),
    [11, 14, 7, 10, 14, 6, 8],
  );
});

for (const [name, { yTrue, yPred }] of Object.entries(FIXTURES)) {
  test(`fixture ${name}: confusion matrix, Hamming loss, subset, binary accuracy = sklearn`, () => {
    const mcm = multilabelConfusionMatrix(yTrue, yPred).map((c) => [
      [c.tn, c.fp],
      [c.fn, c.tp],
    ]);
    assert.deepEqual(mcm, SK[name].mcm);
    assertClose(hammingLoss(yTrue, yPred), SK[name].hamming as number);
    assertClose(subsetAccuracy(yTrue, yPred), SK[name].subset as number);
    assertClose(binaryAccuracy(yTrue, yPred), 1 - (SK[name].hamming as number));
  });

  for (const metric of METRICS) {
    test(`fixture ${name}: ${metric} matches sklearn for every average and zero_division`, () => {
      let compared = 0;
      for (const average of AVERAGES) {
        for (const [zdKey, zeroDivision] of ZERO_DIVISIONS) {
          const expected = SK[name][`${metric}|${average}|${zdKey}`];
          if (expected === undefined) continue;
          const label = `${metric} average=${average} zeroDivision=${zdKey}`;
          assertArrayClose(
            ours(metric, yTrue, yPred, average, zeroDivision),
            expected as number | number[],
            1e-12,
            label,
          );
          compared++;
        }
      }
      assert.equal(compared, metric === 'j' ? 10 : 15);
    });
  }

  test(`fixture ${name}: precisionRecallFscoreSupport is consistent with the single scores`, () => {
    const perLabel = precisionRecallFscoreSupport(yTrue, yPred);
    assertArrayClose(perLabel.support, SK[name].support as number[], 0);
    assertArrayClose(perLabel.precision, SK[name]['p|null|0'] as number[], 1e-12);
    assertArrayClose(perLabel.fScore, SK[name]['f1|null|0'] as number[], 1e-12);
    const macro = precisionRecallFscoreSupport(yTrue, yPred, {
      average: 'macro',
      beta: 2,
      zeroDivision: 1,
    });
    assert.equal(macro.support, null);
    assertClose(macro.fScore, SK[name]['f2|macro|1'] as number, 1e-12);
    assertClose(macro.recall, SK[name]['r|macro|1'] as number, 1e-12);
    // beta = 0 is precision
    assertClose(
      fbetaScore(yTrue, yPred, { beta: 0, average: 'macro' }),
      SK[name]['f0|macro|0'] as number,
      1e-12,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Hand-computed values and edge cases

test('hand-computed counts on fixture A', () => {
  // 5 of the 24 entries differ: (0,4), (0,2), (1,2), (2,1), (2,5)
  assertClose(hammingLoss(A_TRUE, A_PRED), 5 / 24);
  assertClose(binaryAccuracy(A_TRUE, A_PRED), 19 / 24);
  // only row 3 (empty vs empty) matches exactly
  assertClose(subsetAccuracy(A_TRUE, A_PRED), 1 / 4);
  assert.deepEqual(multilabelConfusionMatrix(A_TRUE, A_PRED)[1], { tn: 2, fp: 0, fn: 1, tp: 1 });
  // micro: tp = 2 + 1 = 3, fp = 1 + 1 = 2, fn = 1 + 1 + 1 = 3
  assertClose(precisionScore(A_TRUE, A_PRED, { average: 'micro' }), 3 / 5);
  assertClose(recallScore(A_TRUE, A_PRED, { average: 'micro' }), 3 / 6);
  assertClose(f1Score(A_TRUE, A_PRED, { average: 'micro' }), 6 / 11);
  assertClose(jaccardScore(A_TRUE, A_PRED, { average: 'micro' }), 3 / 8);
  // label 1: tp 1, fn 1 -> F1 = 2/3; F2 = 5*1 / (5*1 + 4*1 + 0) = 5/9
  assertClose(f1Score(A_TRUE, A_PRED, { average: null })[1], 2 / 3);
  assertClose(fbetaScore(A_TRUE, A_PRED, { beta: 2, average: null })[1], 5 / 9);
});

test('a label never true and never predicted: zeroDivision for precision, recall, F1', () => {
  // label 3 of fixture A
  for (const [zd, value] of [
    [0, 0],
    [1, 1],
    ['nan', NaN],
  ] as [ZeroDivision, number][]) {
    const r = precisionRecallFscoreSupport(A_TRUE, A_PRED, { zeroDivision: zd });
    assertClose(r.precision[3], value, 0, `precision zd=${zd}`);
    assertClose(r.recall[3], value, 0, `recall zd=${zd}`);
    assertClose(r.fScore[3], value, 0, `F1 zd=${zd}`);
    assertClose(
      jaccardScore(A_TRUE, A_PRED, { average: null, zeroDivision: zd })[3],
      value,
      0,
      `jaccard zd=${zd}`,
    );
  }
});

test('F1 is 0 when only precision or only recall is ill-defined (sklearn >= 1.3)', () => {
  const r = precisionRecallFscoreSupport(A_TRUE, A_PRED, { zeroDivision: 1 });
  // label 4: predicted once, never true -> precision 0, recall ill-defined, F1 = 0/(0+1+0) = 0
  assert.deepEqual([r.precision[4], r.recall[4], r.fScore[4]], [0, 1, 0]);
  // label 5: true once, never predicted -> precision ill-defined, recall 0, F1 = 0
  assert.deepEqual([r.precision[5], r.recall[5], r.fScore[5]], [1, 0, 0]);
});

test("'samples' average: a row with no true and no predicted labels scores zeroDivision", () => {
  // per-row precision: row0 1/2, row1 1/2, row2 1/1, row3 0/0
  assertClose(
    precisionScore(A_TRUE, A_PRED, { average: 'samples', zeroDivision: 0 }),
    (0.5 + 0.5 + 1 + 0) / 4,
  );
  assertClose(
    precisionScore(A_TRUE, A_PRED, { average: 'samples', zeroDivision: 1 }),
    (0.5 + 0.5 + 1 + 1) / 4,
  );
  // 'nan' leaves the row out of the mean
  assertClose(
    precisionScore(A_TRUE, A_PRED, { average: 'samples', zeroDivision: 'nan' }),
    (0.5 + 0.5 + 1) / 3,
  );
  // per-row recall: 1/2, 1/1, 1/3, 0/0
  assertClose(
    recallScore(A_TRUE, A_PRED, { average: 'samples', zeroDivision: 1 }),
    (0.5 + 1 + 1 / 3 + 1) / 4,
  );
});

test("'weighted' average with all-zero support falls back to the unweighted mean", () => {
  // Z: no label is ever true; per-label precision with zd=1 is [0, 0, 1] (label 2 never predicted)
  assertClose(precisionScore(Z_TRUE, Z_PRED, { average: 'weighted', zeroDivision: 1 }), 1 / 3);
  assertClose(f1Score(Z_TRUE, Z_PRED, { average: 'weighted', zeroDivision: 1 }), 1 / 3);
  assertClose(jaccardScore(Z_TRUE, Z_PRED, { average: 'weighted', zeroDivision: 1 }), 1 / 3);
  assertClose(recallScore(Z_TRUE, Z_PRED, { average: 'weighted', zeroDivision: 0 }), 0);
  // everything ill-defined and 'nan': NaN
  assert.ok(Number.isNaN(f1Score(Z_TRUE, Z0_PRED, { average: 'weighted', zeroDivision: 'nan' })));
});

test('all-zero yTrue and predictions: perfect subset accuracy, scores are zeroDivision', () => {
  assertClose(subsetAccuracy(Z_TRUE, Z0_PRED), 1);
  assertClose(hammingLoss(Z_TRUE, Z0_PRED), 0);
  for (const average of ['micro', 'macro', 'weighted', 'samples'] as Average[]) {
    assertClose(f1Score(Z_TRUE, Z0_PRED, { average }), 0, 0, average);
    assertClose(f1Score(Z_TRUE, Z0_PRED, { average, zeroDivision: 1 }), 1, 0, average);
  }
});

test('all-correct predictions score 1 except where a label or row is empty', () => {
  assertClose(f1Score(A_TRUE, A_TRUE, { average: 'micro' }), 1);
  assertClose(f1Score(A_TRUE, A_TRUE, { average: 'weighted' }), 1);
  // labels 3 and 4 are empty (zd 0) -> macro 4/6; row 3 is empty -> samples 3/4
  assertClose(f1Score(A_TRUE, A_TRUE, { average: 'macro' }), 4 / 6);
  assertClose(f1Score(A_TRUE, A_TRUE, { average: 'samples' }), 3 / 4);
  assertClose(f1Score(A_TRUE, A_TRUE, { average: 'macro', zeroDivision: 1 }), 1);
  assertClose(subsetAccuracy(A_TRUE, A_TRUE), 1);
});

test("jaccardScore accepts zeroDivision 'nan' (an extension; averages skip NaN entries)", () => {
  assertArrayClose(jaccardScore(A_TRUE, A_PRED, { average: null, zeroDivision: 'nan' }), [
    1,
    0.5,
    0,
    NaN,
    0,
    0,
  ]);
  assertClose(jaccardScore(A_TRUE, A_PRED, { average: 'macro', zeroDivision: 'nan' }), 1.5 / 5);
});

// ---------------------------------------------------------------------------------------------
// Ranking metrics and categorical accuracy

test('LRAP, coverage, categorical accuracy with tied scores (hand-computed = sklearn)', () => {
  // LRAP per row ("max" ranks for ties):
  //   row0 true {0,2}: label0 rank 1 -> 1/1; label2 (0.4) has 0.9, 0.6, 0.4 above -> 2/3; mean 5/6
  //   row1 true {1}: 0.8 ties with false label 2 -> rank 2 -> 1/2
  //   row2 true {0,1,5}: 0.45 tie between two true labels -> 3/3; all 1
  //   row3 no true labels -> 1 (sklearn's rule)
  // label_ranking_average_precision_score(A_true, A_probs) == 0.8333333333333333
  assertClose(labelRankingAveragePrecision(A_TRUE, A_PROBS), (5 / 6 + 1 / 2 + 1 + 1) / 4, 1e-12);
  assertClose(labelRankingAveragePrecision(A_TRUE, A_PROBS), 0.8333333333333333, 1e-12);
  // coverage per row: 3, 2 (tie counts), 3, 0 (no true labels)
  // -> coverage_error(A_true, A_probs) == 2.0
  assertClose(coverageError(A_TRUE, A_PROBS), 2);
  // argmax rows: true 0/1/0/0, probs 0/1 (tie 1 vs 2, first wins)/0/5 -> 3/4
  // np.mean(np.argmax(A_true, 1) == np.argmax(A_probs, 1)) == 0.75
  assertClose(categoricalAccuracy(A_TRUE, A_PROBS), 0.75);
});

test('ranking metrics match sklearn on the random fixture', () => {
  // label_ranking_average_precision_score(R_true, R_probs), coverage_error(R_true, R_probs),
  // np.mean(np.argmax(R_true, 1) == np.argmax(R_probs, 1))
  assertClose(labelRankingAveragePrecision(R.yTrue, R.probs), 0.734094246031746, 1e-12);
  assertClose(coverageError(R.yTrue, R.probs), 3.125, 1e-12);
  assertClose(categoricalAccuracy(R.yTrue, R.probs), 0.325, 1e-12);
});

test('all labels true or all scores tied', () => {
  const yTrue = [
    [1, 1, 1],
    [0, 1, 0],
  ];
  const tied = [
    [0.2, 0.2, 0.2],
    [0.3, 0.3, 0.3],
  ];
  // row 0: every label relevant -> 1; row 1: one relevant label tied with 2 others -> 1/3
  assertClose(labelRankingAveragePrecision(yTrue, tied), (1 + 1 / 3) / 2);
  // ties make every label count: 3 and 3
  assertClose(coverageError(yTrue, tied), 3);
  // tied probs -> argmax 0; true argmax 0 and 1 -> 1/2
  assertClose(categoricalAccuracy(yTrue, tied), 0.5);
  // a tie for the top score goes to the first index even when the second one is the true label
  assertClose(categoricalAccuracy([[0, 1]], [[0.4, 0.4]]), 0);
  // an all-zero yTrue row has argmax 0, as in Keras
  assertClose(categoricalAccuracy([[0, 0, 0]], [[0.9, 0.1, 0.1]]), 1);
});

test('categoricalAccuracy and binaryAccuracy agree with tf.metrics (Keras semantics)', () => {
  const yTrueT = tf.tensor2d(R.yTrue);
  const probsT = tf.tensor2d(R.probs);
  const keras = tf.metrics.categoricalAccuracy(yTrueT, probsT).mean().dataSync()[0];
  assertClose(categoricalAccuracy(R.yTrue, R.probs), keras, 1e-6);
  // tf.metrics.binaryAccuracy thresholds with p > 0.5: pass 0/1 decisions to compare like with like
  const decisions = toDecisions(R.probs, 0.5);
  const kerasBinary = tf.metrics
    .binaryAccuracy(yTrueT, tf.tensor2d(decisions))
    .mean()
    .dataSync()[0];
  assertClose(binaryAccuracy(R.yTrue, decisions), kerasBinary, 1e-6);
  tf.dispose([yTrueT, probsT]);
});

const sigmoid = (m: number[][]) => m.map((row) => row.map((v) => 1 / (1 + Math.exp(-v))));

test('the reference file holds the random fixture the TS generator makes', () => {
  assert.equal(SKLEARN.versions['scikit-learn'], '1.9.1');
  assert.deepEqual(SKLEARN.ranking.R.yTrue, R.yTrue);
  assert.deepEqual(SKLEARN.ranking.R.scores, R.probs);
});

test("scores may be logits: [[1,0,1]] scored [[3.98,-3.9,3.92]] has LRAP 1 (sklearn's)", () => {
  const { yTrue, scores } = SKLEARN.ranking.example;
  assert.deepEqual(scores, [[3.98, -3.9, 3.92]]);
  assert.equal(SKLEARN.ranking.example.labelRankingAveragePrecision, 1);
  assert.equal(labelRankingAveragePrecision(yTrue, scores), 1);
  assert.equal(coverageError(yTrue, scores), 2);
  assert.equal(labelRankingLoss(yTrue, scores), 0);
  assert.equal(oneError(yTrue, scores), 0);
});

for (const [name, c] of Object.entries(SKLEARN.ranking)) {
  test(`ranking case ${name}: LRAP, coverage, ranking loss, one-error, argmax = sklearn`, () => {
    assertClose(
      labelRankingAveragePrecision(c.yTrue, c.scores),
      c.labelRankingAveragePrecision,
      1e-12,
    );
    assertClose(coverageError(c.yTrue, c.scores), c.coverageError, 1e-12);
    assertClose(labelRankingLoss(c.yTrue, c.scores), c.labelRankingLoss, 1e-12);
    assertClose(oneError(c.yTrue, c.scores), c.oneError, 1e-12);
    assertClose(categoricalAccuracy(c.yTrue, c.scores), c.categoricalAccuracy, 1e-12);
  });
}

test('ranking loss and one-error by hand, ties included', () => {
  // sklearn's docstring example: label_ranking_loss([[1, 0, 0], [0, 0, 1]], ...) == 0.75
  assertClose(
    labelRankingLoss(
      [
        [1, 0, 0],
        [0, 0, 1],
      ],
      [
        [0.75, 0.5, 1],
        [1, 0.2, 0.1],
      ],
    ),
    0.75,
  );
  // one true label tied with one false label: the pair counts as misordered
  assert.equal(labelRankingLoss([[1, 0]], [[-2, -2]]), 1);
  // rows with every label true, or none, count 0
  assert.equal(
    labelRankingLoss(
      [
        [1, 1],
        [0, 0],
      ],
      [
        [0, 5],
        [5, 0],
      ],
    ),
    0,
  );
  // one-error: a tie for the top score goes to the first label (argmax), whatever is true
  assert.equal(oneError([[0, 1]], [[3, 3]]), 1);
  assert.equal(oneError([[1, 0]], [[3, 3]]), 0);
  // a row with no true label is always an error
  assert.equal(oneError([[0, 0, 0]], [[0.9, 0.1, -4]]), 1);
});

test('ranking metrics of logits equal those of sigmoid(logits) (only the order matters)', () => {
  const { yTrue, scores } = SKLEARN.ranking.RL;
  assert.ok(scores.flat().some((v) => v < 0) && scores.flat().some((v) => v > 1));
  const probs = sigmoid(scores);
  for (const fn of [
    labelRankingAveragePrecision,
    coverageError,
    labelRankingLoss,
    oneError,
    categoricalAccuracy,
  ]) {
    assertClose(fn(yTrue, scores), fn(yTrue, probs), 1e-12, fn.name);
  }
  assertArrayClose(
    rocAucScore(yTrue, scores, { average: null }),
    rocAucScore(yTrue, probs, { average: null }),
    1e-12,
  );
});

// ---------------------------------------------------------------------------------------------
// ROC AUC

const AUC_AVERAGES: ['None' | Average, Average | null][] = [
  ['None', null],
  ['micro', 'micro'],
  ['macro', 'macro'],
  ['weighted', 'weighted'],
  ['samples', 'samples'],
];

for (const [name, c] of Object.entries(SKLEARN.ranking)) {
  test(`ranking case ${name}: rocAucScore = sklearn, or InputError where sklearn gives NaN`, () => {
    for (const [key, average] of AUC_AVERAGES) {
      const expected = c.rocAuc[key];
      const undefinedBySklearn = Array.isArray(expected)
        ? expected.some(Number.isNaN)
        : Number.isNaN(expected);
      if (undefinedBySklearn) {
        assertInputError(
          () => rocAucScore(c.yTrue, c.scores, { average }),
          /must contain both 0s and 1s/,
        );
      } else {
        assertArrayClose(rocAucScore(c.yTrue, c.scores, { average }), expected, 1e-12, key);
      }
    }
  });
}

test('rocAucScore: default macro, every average defined on the "auc" case, ties count 1/2', () => {
  const { yTrue, scores, rocAuc } = SKLEARN.ranking.auc;
  assertClose(rocAucScore(yTrue, scores), rocAuc.macro, 1e-12);
  assertClose(rocAucScore(yTrue, scores, {}), rocAuc.macro, 1e-12);
  // one positive and one negative with the same score: AUC 1/2
  assert.equal(rocAucScore([[1], [0]], [[0.3], [0.3]], { average: null })[0], 0.5);
  // perfectly separated logits: 1; reversed: 0
  assert.equal(rocAucScore([[1], [0], [1]], [[4], [-4], [2]]), 1);
  assert.equal(rocAucScore([[1], [0], [1]], [[-4], [4], [-2]]), 0);
});

test('rocAucScore names the label or row with one class', () => {
  const yTrue = [
    [1, 0, 1],
    [0, 0, 1],
    [1, 0, 1],
  ];
  const scores = [
    [0.2, 0.1, 3],
    [-1, 0.4, 2],
    [0.5, 0.3, 1],
  ];
  // label 1 is never true, label 2 always true
  assertInputError(
    () => rocAucScore(yTrue, scores, { average: null }),
    /^yTrue column 1 \(label 1\) must contain both 0s and 1s for its ROC AUC to be defined, got only 0s in 3 rows \(average 'weighted' leaves such labels out\)$/,
  );
  assertInputError(
    () => rocAucScore(yTrue, scores, { average: 'weighted' }),
    /^yTrue column 2 \(label 2\) must contain both 0s and 1s .*got only 1s in 3 rows$/,
  );
  assertInputError(
    () =>
      rocAucScore(
        [
          [1, 0],
          [0, 0],
        ],
        [
          [0.2, 0.1],
          [0.3, 0.4],
        ],
        { average: 'samples' },
      ),
    /^yTrue row 1 must contain both 0s and 1s for average 'samples' .*got only 0s$/,
  );
  assertInputError(
    () => rocAucScore([[1, 1]], [[0.2, 0.3]], { average: 'micro' }),
    /^yTrue must contain both 0s and 1s for a micro-averaged ROC AUC, got only 1s$/,
  );
  // sklearn returns 0 for 'weighted' when nothing is true; here it is an error
  assertInputError(
    () => rocAucScore([[0, 0]], [[0.2, 0.3]], { average: 'weighted' }),
    /^yTrue must contain at least one 1 for average 'weighted'/,
  );
  assertInputError(
    () => rocAucScore(yTrue, scores, { average: 'binary' as Average }),
    /^options\.average must be one of/,
  );
  assertInputError(
    () => rocAucScore(yTrue, scores, 'macro' as unknown as { average: Average }),
    /^options must be an object like \{ average \}, got the string "macro"$/,
  );
  assertInputError(
    () => rocAucScore(yTrue, [[0.2, 0.1, Infinity], ...scores.slice(1)]),
    /^scores\[0\]\[2\] must be a finite number, got Infinity$/,
  );
});

// ---------------------------------------------------------------------------------------------
// F-beta at extreme beta

const ZD_KEYS: [string, ZeroDivision][] = [
  ['0', 0],
  ['1', 1],
  ['nan', 'nan'],
];

test('fbetaScore with beta = Infinity is recall, as sklearn (np.isposinf(beta) -> recall)', () => {
  for (const [zdKey, zeroDivision] of ZD_KEYS) {
    for (const [avgKey, average] of AUC_AVERAGES) {
      const key = `${avgKey}|${zdKey}`;
      const ours = fbetaScore(A_TRUE, A_PRED, { beta: Infinity, average, zeroDivision });
      assertArrayClose(ours, SKLEARN.fbeta[`inf|${key}`], 1e-12, `inf|${key}`);
      assertArrayClose(ours, recallScore(A_TRUE, A_PRED, { average, zeroDivision }), 0, key);
    }
  }
  const prfs = precisionRecallFscoreSupport(A_TRUE, A_PRED, { beta: Infinity });
  assert.deepEqual(prfs.fScore, prfs.recall);
});

test('fbetaScore at a huge finite beta takes the limit instead of overflowing to NaN', () => {
  // sklearn 1.9.1 still computes beta = 1e150; from ~1.34e154 on, beta**2 overflows and sklearn
  // returns NaN (numpy float) or raises OverflowError (Python float), see SKLEARN.fbeta.overflow.
  assert.match(String(SKLEARN.fbeta.overflow['1e+300|float']), /^OverflowError/);
  assert.ok((SKLEARN.fbeta.overflow['1e+300|float64'] as number[]).every(Number.isNaN));
  for (const beta of [1e150, 1.3e154, 1.35e154, 1e200, 1e300, Number.MAX_VALUE]) {
    for (const [zdKey, zeroDivision] of ZD_KEYS) {
      for (const [avgKey, average] of AUC_AVERAGES) {
        const key = `1e150|${avgKey}|${zdKey}`;
        const ours = fbetaScore(A_TRUE, A_PRED, { beta, average, zeroDivision });
        assertArrayClose(ours, SKLEARN.fbeta[key], 1e-12, `beta ${beta}: ${key}`);
      }
    }
  }
  // label 4 is predicted but never true: 0 at every finite beta; recall (beta = Infinity) gives
  // zeroDivision there. Every other label's limit is its recall.
  const huge = fbetaScore(A_TRUE, A_PRED, { beta: 1e300, average: null, zeroDivision: 1 });
  const recall = recallScore(A_TRUE, A_PRED, { average: null, zeroDivision: 1 });
  assert.deepEqual(huge, [...recall.slice(0, 4), 0, recall[5]]);
  // a finite beta just below the overflow keeps its exact value
  assertClose(fbetaScore([[1, 1, 0]], [[1, 0, 1]], { beta: 1e150, average: 'micro' }), 0.5, 1e-15);
});

// ---------------------------------------------------------------------------------------------
// Summaries

// Built with sklearn from yp = (probs >= thr).astype(int), zero_division=0, for each key:
//   binaryAccuracy np.mean(yt == yp), hammingLoss hamming_loss, subsetAccuracy accuracy_score,
//   precision|recall|f1 + Micro|Macro|Weighted|Samples: precision_score / recall_score /
//   f1_score(average=...), jaccardMicro|Macro: jaccard_score(average=...),
//   labelRankingAveragePrecision(yt, probs), coverageError coverage_error(yt, probs),
//   categoricalAccuracy np.mean(argmax(yt, 1) == argmax(probs, 1)); labelRankingLoss and oneError
//   come from sklearn-reference.json (cases R and Rzeros: ranking does not depend on thresholds).
const SK_SUMMARIES: Record<string, MetricSummary> = {
  // R05: (R_true, R_probs, thr=0.5)
  R05: {
    binaryAccuracy: 0.5785714285714286,
    hammingLoss: 0.42142857142857143,
    subsetAccuracy: 0.05,
    precisionMicro: 0.35714285714285715,
    precisionMacro: 0.3568690752541684,
    precisionWeighted: 0.379475721426032,
    precisionSamples: 0.3597023809523809,
    recallMicro: 0.8571428571428571,
    recallMacro: 0.8732374768089054,
    recallWeighted: 0.8571428571428571,
    recallSamples: 0.7095833333333333,
    f1Micro: 0.5042016806722689,
    f1Macro: 0.4978190391983495,
    f1Weighted: 0.5171748114760819,
    f1Samples: 0.45527236652236647,
    jaccardMicro: 0.33707865168539325,
    jaccardMacro: 0.33439291604851684,
    labelRankingAveragePrecision: 0.734094246031746,
    coverageError: 3.125,
    labelRankingLoss: SKLEARN.ranking.R.labelRankingLoss,
    oneError: SKLEARN.ranking.R.oneError,
    categoricalAccuracy: 0.325,
  },
  // RT: (R_true, R_probs, thr=[0.3, 0.4, 0.5, 0.6, 0.7, 0.5, 0.5])
  RT: {
    binaryAccuracy: 0.5714285714285714,
    hammingLoss: 0.42857142857142855,
    subsetAccuracy: 0.025,
    precisionMicro: 0.3493975903614458,
    precisionMacro: 0.3525487256371814,
    precisionWeighted: 0.3735061040908117,
    precisionSamples: 0.36,
    recallMicro: 0.8285714285714286,
    recallMacro: 0.8515306122448979,
    recallWeighted: 0.8285714285714286,
    recallSamples: 0.7004166666666667,
    f1Micro: 0.4915254237288136,
    f1Macro: 0.48372162453958767,
    f1Weighted: 0.49792829196999205,
    f1Samples: 0.4439556277056277,
    jaccardMicro: 0.3258426966292135,
    jaccardMacro: 0.32129305477131564,
    labelRankingAveragePrecision: 0.734094246031746,
    coverageError: 3.125,
    labelRankingLoss: SKLEARN.ranking.R.labelRankingLoss,
    oneError: SKLEARN.ranking.R.oneError,
    categoricalAccuracy: 0.325,
  },
  // Rzeros: (R_true, np.zeros_like(R_probs), thr=0.5)
  Rzeros: {
    binaryAccuracy: 0.75,
    hammingLoss: 0.25,
    subsetAccuracy: 0.15,
    precisionMicro: 0,
    precisionMacro: 0,
    precisionWeighted: 0,
    precisionSamples: 0,
    recallMicro: 0,
    recallMacro: 0,
    recallWeighted: 0,
    recallSamples: 0,
    f1Micro: 0,
    f1Macro: 0,
    f1Weighted: 0,
    f1Samples: 0,
    jaccardMicro: 0,
    jaccardMacro: 0,
    labelRankingAveragePrecision: 0.4000000000000001,
    coverageError: 5.95,
    labelRankingLoss: SKLEARN.ranking.Rzeros.labelRankingLoss,
    oneError: SKLEARN.ranking.Rzeros.oneError,
    categoricalAccuracy: 0.425,
  },
};
const PER_LABEL_T = [0.3, 0.4, 0.5, 0.6, 0.7, 0.5, 0.5];

test('metricSummary = sklearn at 0.5, at per-label thresholds, and for all zeros', () => {
  const zeros = R.probs.map((row) => row.map(() => 0));
  const cases: [string, MetricSummary][] = [
    ['R05', metricSummary(R.yTrue, R.probs)],
    ['RT', metricSummary(R.yTrue, R.probs, { thresholds: PER_LABEL_T })],
    ['Rzeros', metricSummary(R.yTrue, zeros, { threshold: 0.5 })],
  ];
  for (const [key, summary] of cases) {
    assert.deepEqual(Object.keys(summary).sort(), [...SUMMARY_METRICS].sort());
    for (const m of SUMMARY_METRICS)
      assertClose(summary[m], SK_SUMMARIES[key][m], 1e-12, `${key}.${m}`);
  }
});

test('summaryRows turns named summaries into one row per metric', () => {
  const zeros = R.probs.map((row) => row.map(() => 0));
  const rows = summaryRows({
    'all zeros': metricSummary(R.yTrue, zeros),
    'model @0.5': metricSummary(R.yTrue, R.probs),
  });
  assert.equal(rows.length, SUMMARY_METRICS.length);
  assert.deepEqual(rows[0], {
    metric: 'binaryAccuracy',
    'all zeros': 0.75,
    'model @0.5': SK_SUMMARIES.R05.binaryAccuracy,
  });
  assert.deepEqual(
    rows.map((r) => r.metric),
    [...SUMMARY_METRICS],
  );
});

test("summaryRows(summaries, PAPER_METRICS) gives a multi-label paper's table", () => {
  const rows = summaryRows({ model: metricSummary(R.yTrue, R.probs) }, PAPER_METRICS);
  assert.deepEqual(
    rows.map((r) => r.metric),
    [
      'hammingLoss',
      'subsetAccuracy',
      'f1Micro',
      'f1Macro',
      'f1Samples',
      'oneError',
      'coverageError',
      'labelRankingLoss',
      'labelRankingAveragePrecision',
    ],
  );
  const ref = SKLEARN.ranking.R;
  assertClose(rows[5].model as number, ref.oneError, 1e-12);
  assertClose(rows[6].model as number, ref.coverageError, 1e-12);
  assertClose(rows[7].model as number, ref.labelRankingLoss, 1e-12);
  assertClose(rows[8].model as number, ref.labelRankingAveragePrecision, 1e-12);
  // only the requested metrics need to be present in a summary
  assert.deepEqual(summaryRows({ old: { hammingLoss: 0.25 } as MetricSummary }, ['hammingLoss']), [
    { metric: 'hammingLoss', old: 0.25 },
  ]);
});

// ---------------------------------------------------------------------------------------------
// Errors

test('bad matrices throw InputError naming the argument', () => {
  assertInputError(
    () =>
      hammingLoss(
        [[1, 0], [1]],
        [
          [1, 0],
          [1, 0],
        ],
      ),
    /yTrue is ragged: row 0 has 2 columns but row 1 has 1/,
  );
  assertInputError(
    () => f1Score([[1, 0]], [[1, 2]], { average: 'micro' }),
    /yPred\[0\]\[1\] must be 0 or 1.*got 2/,
  );
  assertInputError(
    () => subsetAccuracy([[1, 0.5]], [[1, 0]]),
    /yTrue\[0\]\[1\] must be 0 or 1.*got 0\.5/,
  );
  assertInputError(
    () => precisionScore([[1, NaN]], [[1, 0]], { average: 'macro' }),
    /yTrue\[0\]\[1\] must be a finite number, got NaN/,
  );
  assertInputError(
    () => recallScore([[1, 0]], [[1, Infinity]], { average: 'macro' }),
    /yPred\[0\]\[1\] must be a finite number, got Infinity/,
  );
  assertInputError(
    () => binaryAccuracy([], []),
    /yTrue must have at least one row, got an empty array/,
  );
  assertInputError(
    () => multilabelConfusionMatrix([[]], [[]]),
    /yTrue must have at least one column/,
  );
  assertInputError(
    () => hammingLoss([[1, 0]], [[1, 0, 0]]),
    /yTrue and yPred must have the same shape, got \[1, 2\] and \[1, 3\]/,
  );
  assertInputError(
    () =>
      jaccardScore(
        [[1, 0]],
        [
          [1, 0],
          [0, 1],
        ],
        { average: 'micro' },
      ),
    /yTrue and yPred must have the same shape, got \[1, 2\] and \[2, 2\]/,
  );
  assertInputError(
    () => labelRankingAveragePrecision([[1, 0]], [[0.5, NaN]]),
    /^scores\[0\]\[1\] must be a finite number, got NaN$/,
  );
  assertInputError(
    () => coverageError([[1, 0]], [[0.5]]),
    /^yTrue and scores must have the same shape, got \[1, 2\] and \[1, 1\]$/,
  );
  assertInputError(
    () => categoricalAccuracy('nope' as unknown as number[][], [[0.5]]),
    /yTrue must be an array of rows \(number\[\]\[\]\), got the string "nope"/,
  );
});

test('bad options throw InputError', () => {
  const bad = (o: unknown) => () => f1Score(A_TRUE, A_PRED, o as { average: Average });
  assertInputError(
    bad({ average: 'binary' }),
    /options\.average must be one of 'micro', 'macro', 'weighted', 'samples' or null, got the string "binary"/,
  );
  assertInputError(bad({}), /options\.average must be one of .* got undefined/);
  assertInputError(
    bad(undefined),
    /options must be an object like \{ average, zeroDivision \}, got undefined/,
  );
  assertInputError(
    bad({ averge: 'micro' }),
    /options\.averge is not an option: did you mean average\?/,
  );
  assertInputError(
    bad({ average: 'macro', zero_division: 1 }),
    /^options\.zero_division is not an option: did you mean zeroDivision\? \(the options are average, zeroDivision\)$/,
  );
  assertInputError(
    bad({ average: 'macro', zeroDivision: 'warn' }),
    /options\.zeroDivision must be 0, 1 or 'nan', got the string "warn"/,
  );
  assertInputError(
    bad({ average: 'macro', zeroDivision: NaN }),
    /options\.zeroDivision must be 0, 1 or 'nan', got NaN/,
  );
  assertInputError(
    () => fbetaScore(A_TRUE, A_PRED, { beta: -1, average: 'macro' }),
    /^options\.beta must be a number >= 0 \(Infinity gives recall\), got -1$/,
  );
  assertInputError(
    () => fbetaScore(A_TRUE, A_PRED, { beta: NaN, average: 'macro' }),
    /^options\.beta must be a number >= 0 \(Infinity gives recall\), got NaN$/,
  );
  assertInputError(
    () => fbetaScore(A_TRUE, A_PRED, { beta: -Infinity, average: 'macro' }),
    /^options\.beta must be a number >= 0 .*got -Infinity$/,
  );
  assertInputError(
    () => precisionRecallFscoreSupport(A_TRUE, A_PRED, { beta: '2' as unknown as number }),
    /^options\.beta must be a number >= 0 .*got the string "2"$/,
  );
  assertInputError(
    () => precisionRecallFscoreSupport(A_TRUE, A_PRED, { average: 'Macro' as Average }),
    /options\.average must be one of/,
  );
  assertInputError(
    () => jaccardScore(A_TRUE, A_PRED, { average: 'all' as Average }),
    /options\.average must be one of/,
  );
});

test('metricSummary and summaryRows reject bad thresholds and names', () => {
  assertInputError(
    () => metricSummary(A_TRUE, A_PROBS, { threshold: 1.5 }),
    /options\.threshold must be a number in \[0, 1\], got 1\.5/,
  );
  assertInputError(
    () => metricSummary(A_TRUE, A_PROBS, { threshold: -0.1 }),
    /options\.threshold must be a number in \[0, 1\], got -0\.1/,
  );
  assertInputError(
    () => metricSummary(A_TRUE, A_PROBS, { thresholds: [0.5, 0.5] }),
    /options\.thresholds must have one entry per label \(numLabels = 6\), got an array of length 2/,
  );
  assertInputError(
    () => metricSummary(A_TRUE, A_PROBS, { thresholds: [0.5, 0.5, 0.5, 0.5, 0.5, 2] }),
    /options\.thresholds\[5\] must be a number in \[0, 1\], got 2/,
  );
  assertInputError(
    () => metricSummary(A_TRUE, A_PROBS, { threshold: 0.5, thresholds: PER_LABEL_T }),
    /either threshold or thresholds, not both/,
  );
  assertInputError(
    () => metricSummary(A_TRUE, A_PROBS, { zeroDivision: 2 as ZeroDivision }),
    /options\.zeroDivision must be 0, 1 or 'nan', got 2/,
  );
  assertInputError(
    () => metricSummary(A_TRUE, A_PRED.slice(1)),
    /yTrue and probs must have the same shape, got \[4, 6\] and \[3, 6\]/,
  );
  const s = metricSummary(A_TRUE, A_PROBS);
  assertInputError(() => summaryRows({}), /summaries must name at least one summary/);
  assertInputError(() => summaryRows({ metric: s }), /must not use the name "metric"/);
  assertInputError(
    () => summaryRows({ x: { ...s, f1Macro: undefined } as unknown as MetricSummary }),
    /summaries\["x"\]\.f1Macro must be a number, got undefined/,
  );
  assertInputError(
    () => summaryRows({ x: s }, []),
    /^metrics must be a non-empty array of SUMMARY_METRICS names, got an array of length 0$/,
  );
  assertInputError(
    () => summaryRows({ x: s }, ['f1Micro', 'accuracy' as SummaryMetric]),
    /^metrics\[1\] must be one of SUMMARY_METRICS, got the string "accuracy"$/,
  );
});

test('metricSummary rejects logits and says why (its thresholds need probabilities)', () => {
  const logits = A_PROBS.map((row) => row.map((p) => Math.log(p / (1 - p))));
  assertInputError(
    () => metricSummary(A_TRUE, logits),
    /^probs\[0\]\[0\] must be a probability in \[0, 1\], got 2\.197\d*: a decision threshold such as 0\.5 is meaningful only for probabilities \(for logits, pass sigmoid\(logits\)\)$/,
  );
  const s = metricSummary(A_TRUE, sigmoid(logits));
  assertClose(s.labelRankingAveragePrecision, labelRankingAveragePrecision(A_TRUE, logits), 1e-12);
  assertClose(s.f1Micro, metricSummary(A_TRUE, A_PROBS).f1Micro, 1e-12);
});

test('no threshold changes SCORE_METRICS; the other metrics follow the decisions', () => {
  const { yTrue, probs } = randomFixture(300, 7, 11);
  const low = metricSummary(yTrue, probs, { threshold: 0.3 });
  const high = metricSummary(yTrue, probs, { threshold: 0.7 });
  for (const m of SUMMARY_METRICS) {
    if (SCORE_METRICS.includes(m)) {
      assert.equal(low[m], high[m], m);
    } else {
      // Decisions as 0/1 "probabilities" give the same value as thresholding inside.
      const decided = metricSummary(yTrue, toDecisions(probs, 0.3));
      assertClose(decided[m], low[m], 1e-12);
    }
  }
  assert.ok(
    SUMMARY_METRICS.some((m) => !SCORE_METRICS.includes(m) && low[m] !== high[m]),
    'some decision metric moves with the threshold',
  );
});

test('one signature per score: the result type follows `average`', () => {
  const yTrue = [
    [1, 0],
    [0, 1],
  ];
  const yPred = [
    [1, 1],
    [0, 1],
  ];
  // Each line fails to type-check if `average` stops deciding the result type.
  const perLabel: number[] = f1Score(yTrue, yPred, { average: null });
  const one: number = precisionScore(yTrue, yPred, { average: 'micro' });
  const auc: number = rocAucScore(yTrue, [
    [0.9, 0.2],
    [0.1, 0.8],
  ]);
  const prfsPerLabel: number[] = precisionRecallFscoreSupport(yTrue, yPred).precision;
  const prfsOne: number = precisionRecallFscoreSupport(yTrue, yPred, { average: 'macro' }).recall;
  const either = (average: Average | null) => jaccardScore(yTrue, yPred, { average });
  assert.deepEqual(perLabel, [1, 2 / 3]);
  assert.equal(one, 2 / 3);
  assert.equal(auc, 1);
  assert.deepEqual(prfsPerLabel, [1, 0.5]);
  assert.equal(prfsOne, 1);
  assert.deepEqual(either(null), [1, 0.5]);
  assert.equal(either('samples'), 0.75);
});
