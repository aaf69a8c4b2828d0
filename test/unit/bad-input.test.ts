/**
 * Bad input fails at the boundary with an InputError whose message names the argument, what was
 * expected and what was given: one row per case, across every module of src/.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { claim } from '../../src/notebook/claims';
import { groupedBars, lineChart, scatterByGroup, showFigure } from '../../src/notebook/charts';
import { lesson01Labels } from '../../src/lessons/01-sigmoid-vs-softmax';
import { loadLabelledCsv, makeClassification, trainTestSplit } from '../../src/core/data';
import { assertPowersetFits, powersetOutputCost } from '../../src/core/sizing';
import {
  decodePowerset,
  decodePowersetRows,
  encodePowerset,
  encodePowersetRows,
} from '../../src/core/powerset';
import {
  encodeSeenCombinations,
  fitSeenCombinations,
  type SeenCombinations,
} from '../../src/core/seen-combinations';
import { formatBytes } from '../../src/core/format';
import { labelCardinality, rowsWithAtLeast, toMultiHot } from '../../src/core/labels';
import {
  binaryAccuracy,
  f1Score,
  fbetaScore,
  hammingLoss,
  labelRankingAveragePrecision,
  labelRankingLoss,
  metricSummary,
  precisionScore,
  rocAucScore,
  summaryRows,
} from '../../src/eval/metrics';
import { denseClassifier, outputActivation } from '../../src/core/models';
import { createRng, permutation } from '../../src/core/random';
import { reportByCombination } from '../../src/eval/combination-report';
import { dataFrameHtml, showTable } from '../../src/notebook/tables';
import { toDecisions, tunePerLabelThresholds } from '../../src/eval/thresholds';
import { averagePrecision, column, precisionRecallCurve } from '../../src/eval/metrics';
import { trainSeeded } from '../../src/core/train';
import { InputError } from '../../src/core/validate';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const bad = (v: unknown) => v as Any;

const Y = [
  [1, 0],
  [0, 1],
];
const P = [
  [0.9, 0.2],
  [0.3, 0.8],
];
const x2 = () =>
  tf.tensor2d([
    [1, 2],
    [3, 4],
  ]);
const y2 = () => tf.tensor2d([[1], [0]]);
const model = () => {
  const m = denseClassifier({
    numFeatures: 2,
    hiddenUnits: [],
    numLabels: 1,
    outputActivation: 'sigmoid',
    seed: 0,
  });
  m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
  return m;
};

/** [what is wrong, the call, what the message must say]. */
const CASES: [string, () => unknown, RegExp][] = [
  // validate-backed matrix checks, through the public functions
  [
    'ragged yTrue',
    () => hammingLoss([[1, 0], [1]], Y),
    /^yTrue is ragged: row 0 has 2 columns but row 1 has 1$/,
  ],
  [
    'label 2 in yTrue',
    () =>
      binaryAccuracy(
        [
          [1, 2],
          [0, 1],
        ],
        Y,
      ),
    /^yTrue\[0\]\[1\] must be 0 or 1 \(a multi-hot label\), got 2$/,
  ],
  [
    'label 0.5 in yPred',
    () =>
      hammingLoss(Y, [
        [1, 0],
        [0.5, 1],
      ]),
    /^yPred\[1\]\[0\] must be 0 or 1 .*got 0\.5$/,
  ],
  [
    'NaN in yTrue',
    () =>
      hammingLoss(
        [
          [NaN, 0],
          [0, 1],
        ],
        Y,
      ),
    /^yTrue\[0\]\[0\] must be a finite number, got NaN$/,
  ],
  [
    'Infinity in scores',
    () =>
      labelRankingAveragePrecision(Y, [
        [Infinity, 0],
        [0, 1],
      ]),
    /^scores\[0\]\[0\] must be a finite number, got Infinity$/,
  ],
  [
    'NaN in scores',
    () =>
      labelRankingLoss(Y, [
        [0.5, 0],
        [NaN, 1],
      ]),
    /^scores\[1\]\[0\] must be a finite number, got NaN$/,
  ],
  [
    'probability above 1',
    () => toDecisions([[1.2, 0]]),
    /^probs\[0\]\[0\] must be a probability in \[0, 1\], got 1\.2: a decision threshold such as 0\.5 is meaningful only for probabilities \(for logits, pass sigmoid\(logits\)\)$/,
  ],
  [
    'negative probability',
    () =>
      metricSummary(Y, [
        [0.9, -0.1],
        [0.3, 0.8],
      ]),
    /^probs\[0\]\[1\] must be a probability in \[0, 1\], got -0\.1: a decision threshold .*\(for logits, pass sigmoid\(logits\)\)$/,
  ],
  [
    'ROC AUC of a label with one class',
    () =>
      rocAucScore(
        [
          [1, 0],
          [1, 1],
        ],
        P,
      ),
    /^yTrue column 0 \(label 0\) must contain both 0s and 1s for its ROC AUC to be defined, got only 1s in 2 rows$/,
  ],
  [
    'empty yTrue',
    () => hammingLoss([], Y),
    /^yTrue must have at least one row, got an empty array$/,
  ],
  [
    'empty row',
    () => hammingLoss([[]], [[]]),
    /^yTrue must have at least one column, but row 0 is empty$/,
  ],
  [
    'not a matrix',
    () => hammingLoss(bad([1, 0]), Y),
    /^yTrue must be an array of rows \(number\[\]\[\]\), but row 0 is 1$/,
  ],
  [
    'a string',
    () => hammingLoss(bad('1,0'), Y),
    /^yTrue must be an array of rows \(number\[\]\[\]\), got the string "1,0"$/,
  ],
  [
    'yTrue and yPred rows differ',
    () => hammingLoss(Y, [[1, 0]]),
    /^yTrue and yPred must have the same shape, got \[2, 2\] and \[1, 2\]$/,
  ],
  [
    'yTrue and yPred columns differ',
    () =>
      f1Score(
        Y,
        [
          [1, 0, 1],
          [0, 1, 0],
        ],
        { average: 'micro' },
      ),
    /^yTrue and yPred must have the same shape, got \[2, 2\] and \[2, 3\]$/,
  ],
  [
    'unknown average',
    () => precisionScore(Y, Y, { average: bad('binary') }),
    /^options\.average must be one of 'micro', 'macro', 'weighted', 'samples' or null, got the string "binary"$/,
  ],
  [
    'negative beta',
    () => fbetaScore(Y, Y, { average: 'micro', beta: -1 }),
    /^options\.beta must be a number >= 0 \(Infinity gives recall\), got -1$/,
  ],
  [
    'bad zeroDivision',
    () => f1Score(Y, Y, { average: 'macro', zeroDivision: bad(2) }),
    /^options\.zeroDivision must be 0, 1 or 'nan', got 2$/,
  ],
  [
    'threshold above 1',
    () => toDecisions(P, 1.5),
    /^threshold must be a number in \[0, 1\], got 1\.5$/,
  ],
  [
    'negative threshold',
    () => metricSummary(Y, P, { threshold: -0.1 }),
    /^options\.threshold must be a number in \[0, 1\], got -0\.1$/,
  ],
  ['NaN threshold', () => toDecisions(P, NaN), /^threshold must be a number in \[0, 1\], got NaN$/],
  [
    'per-label threshold out of range',
    () => toDecisions(P, [0.5, 2]),
    /^threshold\[1\] must be a number in \[0, 1\], got 2$/,
  ],
  [
    'wrong number of thresholds',
    () => toDecisions(P, [0.5]),
    /^threshold must have one entry per label \(numLabels = 2\), got an array of length 1$/,
  ],
  [
    'threshold and thresholds',
    () => metricSummary(Y, P, { threshold: 0.5, thresholds: [0.5, 0.5] }),
    /^options must give either threshold or thresholds, not both$/,
  ],
  [
    'candidates out of range',
    () => tunePerLabelThresholds(Y, P, { candidates: [0.2, 1.1] }),
    /^options\.candidates\[1\] must be a number in \[0, 1\], got 1\.1$/,
  ],
  [
    'tuning on mismatched shapes',
    () => tunePerLabelThresholds(Y, [[0.5, 0.5]]),
    /^yTrueValidation and probsValidation must have the same shape, got \[2, 2\] and \[1, 2\]$/,
  ],
  [
    'curve columns of different length',
    () => precisionRecallCurve([1, 0], [0.5]),
    /^yTrueColumn and scoresColumn must have the same length, got 2 and 1$/,
  ],
  [
    'label 3 in a column',
    () => averagePrecision([1, 3], [0.5, 0.5]),
    /^yTrueColumn\[1\] must be 0 or 1 \(a label\), got 3$/,
  ],
  ['column index out of range', () => column(P, 2), /^j must be an integer in \[0, 1\], got 2$/],
  [
    'summaryRows of nothing',
    () => summaryRows({}),
    /^summaries must name at least one summary, got an empty object$/,
  ],
  // labels.ts
  [
    'label id out of range',
    () => toMultiHot([[0, 5]], 3),
    /^labelLists\[0\]\[1\] must be an integer label id in \[0, 2\] \(numLabels = 3\), got 5$/,
  ],
  ['duplicate label id', () => toMultiHot([[1, 1]], 3), /^labelLists\[0\] lists label 1 twice/],
  ['k negative', () => rowsWithAtLeast(Y, -1), /^k must be an integer >= 0, got -1$/],
  [
    'labelCardinality of a ragged matrix',
    () => labelCardinality([[1], [1, 0]]),
    /^yTrue is ragged/,
  ],
  [
    'powerset row with a 2',
    () => encodePowerset([1, 2]),
    /^row\[1\] must be 0 or 1 \(a label\), got 2$/,
  ],
  [
    'powerset of 31 labels',
    () => encodePowerset(new Array(31).fill(0)),
    /^row has 31 labels, but a label powerset supports at most 30 labels: 31 labels would mean 2\^31 = 2,147,483,648 classes/,
  ],
  [
    'powerset rows of 40 labels',
    () => encodePowersetRows([new Array(40).fill(1)]),
    /^yTrue has 40 label columns, but a label powerset supports at most 30 labels: 40 labels would mean 2\^40 = 1,099,511,627,776 classes/,
  ],
  [
    'class index too large',
    () => decodePowerset(8, 3),
    /^classIndex must be an integer class index in \[0, 7\] \(2\^3 - 1 for 3 labels\), got 8$/,
  ],
  [
    'fractional class index',
    () => decodePowersetRows([1, 2.5], 2),
    /^classIndices\[1\] must be an integer class index in \[0, 3\].*got 2\.5$/,
  ],
  [
    'powerset memory over budget',
    () => assertPowersetFits(24, 64, 2 ** 30),
    /^a 2\^24 = 16,777,216-class softmax output layer on 64 hidden units needs 1,090,519,040 parameters \(4\.06 GiB of float32 weights\), over the budget of 1\.00 GiB/,
  ],
  [
    'powerset cost of 31 labels',
    () => powersetOutputCost(31, 64),
    /^numLabels must be at most 30, got 31/,
  ],
  [
    'seen combinations that were never fitted',
    () => encodeSeenCombinations(Y, {} as SeenCombinations),
    /^seen\.numLabels must be a number, got undefined/,
  ],
  [
    'unseen combination',
    () => encodeSeenCombinations([[1, 1]], fitSeenCombinations([[1, 0]])),
    /^yTrue row 0 has the label combination \{1,1\}, which was not seen in the fit/,
  ],
  ['negative byte count', () => formatBytes(-1), /^bytes must be a number >= 0, got -1$/],
  // random.ts, data.ts
  ['negative seed', () => createRng(-1), /^seed must be an integer in \[0, 4294967295\], got -1$/],
  [
    'fractional seed',
    () => createRng(1.5),
    /^seed must be an integer in \[0, 4294967295\], got 1\.5$/,
  ],
  [
    'permutation without a generator',
    () => permutation(3, bad({})),
    /^rng must be a generator from createRng\(seed\), got an object$/,
  ],
  [
    'flipY above 1',
    () =>
      makeClassification({
        numSamples: 10,
        numFeatures: 2,
        numClasses: 2,
        classSep: 1,
        flipY: 2,
        seed: 0,
      }),
    /^flipY must be a number in \[0, 1\], got 2$/,
  ],
  [
    'more classes than vertices',
    () =>
      makeClassification({
        numSamples: 10,
        numFeatures: 2,
        numClasses: 5,
        classSep: 1,
        flipY: 0,
        seed: 0,
      }),
    /^numClasses must be at most 2\^numFeatures = 4/,
  ],
  [
    'makeClassification without options',
    () => makeClassification(bad(null)),
    /^options must be an object like \{ numSamples, numFeatures, numClasses, classSep, flipY, seed \}, got null$/,
  ],
  [
    'lesson 01 class index 3',
    () => lesson01Labels(3),
    /^classIndex must be an integer in \[0, 2\], got 3$/,
  ],
  [
    'split rows differ',
    () => trainTestSplit(x2(), tf.tensor2d([[1]]), { testFraction: 0.5, seed: 0 }),
    /^x and y must have the same number of rows, got 2 and 1$/,
  ],
  [
    'split with NaN features',
    () =>
      trainTestSplit(
        tf.tensor2d([
          [1, NaN],
          [3, 4],
        ]),
        y2(),
        { testFraction: 0.5, seed: 0 },
      ),
    /^x\[0\]\[1\] must be a finite number, got NaN$/,
  ],
  [
    'split of a 1-D tensor',
    () => trainTestSplit(bad(tf.tensor1d([1, 2])), y2(), { testFraction: 0.5, seed: 0 }),
    /^x must be a 2-D tensor \[rows, columns\], got a tensor of shape \[2\]$/,
  ],
  [
    'split of an array',
    () => trainTestSplit(bad([[1, 2]]), y2(), { testFraction: 0.5, seed: 0 }),
    /^x must be a 2-D tensor \[rows, columns\], got an array of length 1$/,
  ],
  [
    'split fraction leaving an empty part',
    () => trainTestSplit(x2(), y2(), { testFraction: 0.1, seed: 0 }),
    /^testFraction 0\.1 of 2 rows leaves an empty part$/,
  ],
  // models.ts, sigmoid-vs-softmax.ts
  [
    'zero output units',
    () =>
      denseClassifier({
        numFeatures: 2,
        hiddenUnits: [],
        numLabels: 0,
        outputActivation: 'sigmoid',
        seed: 0,
      }),
    /^numLabels must be an integer >= 1, got 0$/,
  ],
  [
    'unknown activation',
    () =>
      denseClassifier({
        numFeatures: 2,
        hiddenUnits: [],
        numLabels: 2,
        outputActivation: bad('relu'),
        seed: 0,
      }),
    /^outputActivation must be 'sigmoid', 'softmax' or 'linear', got "relu"$/,
  ],
  [
    'fractional hidden units',
    () =>
      denseClassifier({
        numFeatures: 2,
        hiddenUnits: [4, 2.5],
        numLabels: 2,
        outputActivation: 'sigmoid',
        seed: 0,
      }),
    /^hiddenUnits\[1\] must be an integer >= 1, got 2\.5$/,
  ],
  [
    'activation of an empty model',
    () => outputActivation(tf.sequential()),
    /^model must be a tf\.LayersModel with at least one layer$/,
  ],
  [
    'report with decisions that are not 0/1',
    () =>
      reportByCombination(Y, P, [
        [0.5, 1],
        [0, 1],
      ]),
    /^yPred/,
  ],
  [
    'report with mismatched shapes',
    () =>
      reportByCombination(Y, [
        [0.5, 0.5, 0.5],
        [0.5, 0.5, 0.5],
      ]),
    /^yTrue and probs must have the same shape, got \[2, 2\] and \[2, 3\]$/,
  ],
  // charts.ts, tables.ts, claims.ts
  [
    'scatter lengths differ',
    () => scatterByGroup({ x: [1, 2], y: [1], groups: ['a', 'b'] }, { title: 't' }),
    /^scatterByGroup needs x, y and groups of one length, got 2, 1 and 2$/,
  ],
  [
    'scatter with NaN',
    () => scatterByGroup({ x: [1, NaN], y: [1, 2], groups: ['a', 'b'] }, { title: 't' }),
    /^points\.x\[1\] must be a finite number, got NaN$/,
  ],
  [
    'bars with Infinity',
    () => groupedBars(['a', 'b'], [{ name: 's', values: [1, Infinity] }], { title: 't' }),
    /^series "s" values\[1\] must be a finite number, got Infinity$/,
  ],
  [
    'bars with a missing value',
    () => groupedBars(['a', 'b'], [{ name: 's', values: [1] }], { title: 't' }),
    /^series "s" has 1 values for 2 categories$/,
  ],
  [
    'line chart without x',
    () => lineChart([], [{ name: 's', values: [] }], { title: 't' }),
    /^x must have at least one value, got an empty array$/,
  ],
  [
    'figure without traces',
    () => showFigure({ data: [] }),
    /^figure\.data must be a non-empty array of traces$/,
  ],
  [
    'empty table',
    () => showTable([]),
    /^table must be a DataFrame or a non-empty array of row objects$/,
  ],
  [
    'table precision 0',
    () => dataFrameHtml([{ a: 1.5 }], { precision: 0 }),
    /^options\.precision must be an integer in \[1, 100\], got 0$/,
  ],
  [
    'claim decided by a number',
    () => claim('accuracy is high', bad(0.93), '0.93'),
    /^holds must be a boolean \(the outcome of a comparison\), got number: 0\.93$/,
  ],
  [
    'claim whose statement is a number',
    () => claim(bad(42), true, 'evidence'),
    /^statement must be a non-empty string, got number: 42$/,
  ],
  [
    'claim with no evidence',
    () => claim('accuracy is high', true, ''),
    /^evidence must be a non-empty string, got string: $/,
  ],
];

test(
  `bad input: ${CASES.length} cases each throw an InputError ` +
    'with a message naming argument, expectation and value',
  () => {
    assert.ok(CASES.length >= 40);
    for (const [what, call, message] of CASES) {
      assert.throws(
        call,
        (e: unknown) => {
          assert.ok(
            e instanceof InputError,
            `${what}: threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}, ` +
              'not an InputError',
          );
          assert.match(e.message, message, what);
          return true;
        },
        what,
      );
    }
  },
);

test('bad input to trainSeeded rejects with an InputError before training', async () => {
  const cases: [string, () => Promise<unknown>, RegExp][] = [
    [
      'NaN in x',
      () =>
        trainSeeded(
          model(),
          tf.tensor2d([
            [1, 2],
            [NaN, 4],
          ]),
          y2(),
          { numEpochs: 1, batchSize: 1, seed: 0 },
        ),
      /^x\[1\]\[0\] must be a finite number, got NaN$/,
    ],
    [
      'Infinity in y',
      () =>
        trainSeeded(model(), x2(), tf.tensor2d([[1], [Infinity]]), {
          numEpochs: 1,
          batchSize: 1,
          seed: 0,
        }),
      /^y\[1\]\[0\] must be a finite number, got Infinity$/,
    ],
    [
      'rows differ',
      () => trainSeeded(model(), x2(), tf.tensor2d([[1]]), { numEpochs: 1, batchSize: 1, seed: 0 }),
      /^x and y must have the same number of rows, got 2 and 1$/,
    ],
    [
      'zero epochs',
      () => trainSeeded(model(), x2(), y2(), { numEpochs: 0, batchSize: 1, seed: 0 }),
      /^numEpochs must be an integer >= 1, got 0$/,
    ],
    [
      'validationSplit of 1',
      () =>
        trainSeeded(model(), x2(), y2(), {
          numEpochs: 1,
          batchSize: 1,
          seed: 0,
          validationSplit: 1,
        }),
      /^validationSplit must be below 1, got 1$/,
    ],
    [
      'not a model',
      () => trainSeeded(bad({}), x2(), y2(), { numEpochs: 1, batchSize: 1, seed: 0 }),
      /^model must be a compiled tf\.LayersModel, got an object$/,
    ],
    [
      'disposed tensor',
      () => {
        const x = x2();
        x.dispose();
        return trainSeeded(model(), x, y2(), { numEpochs: 1, batchSize: 1, seed: 0 });
      },
      /^x must be a live tensor, got one that was already disposed$/,
    ],
  ];
  for (const [what, call, message] of cases) {
    await assert.rejects(
      call,
      (e: unknown) => {
        assert.ok(e instanceof InputError, `${what}: ${String(e)}`);
        assert.match(e.message, message, what);
        return true;
      },
      what,
    );
  }
});

const dir = mkdtempSync(join(tmpdir(), 'bad-csv-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test(
  'loadLabelledCsv checks the file on load: missing file, missing columns, ' +
    'non-numeric values, labels not 0/1',
  async () => {
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const columns = { features: ['x1', 'x2'], labels: ['a', 'b'] };
    const good = file('good.csv', 'x1,x2,a,b\n0.5,1.5,1,0\n-2,3,0,1\n');
    const loaded = await loadLabelledCsv(good, columns);
    assert.deepEqual(loaded.y.arraySync(), [
      [1, 0],
      [0, 1],
    ]);
    assert.deepEqual(loaded.x.shape, [2, 2]);

    const cases: [string, () => Promise<unknown>, RegExp][] = [
      [
        'missing file',
        () => loadLabelledCsv(join(dir, 'nope.csv'), columns),
        /^data file .*nope\.csv does not exist \(npm run data writes the lesson data files\)$/,
      ],
      [
        'missing column',
        () => loadLabelledCsv(file('cols.csv', 'x1,x3,a,b\n1,2,1,0\n'), columns),
        /^data file .*cols\.csv lacks column\(s\) x2; it has x1, x3, a, b$/,
      ],
      [
        'text in a feature',
        () => loadLabelledCsv(file('text.csv', 'x1,x2,a,b\n1,2,1,0\n3,oops,0,1\n'), columns),
        /^data file .*text\.csv, row 2, column x2: expected a number, got "oops"$/,
      ],
      [
        'empty feature value',
        () => loadLabelledCsv(file('blank.csv', 'x1,x2,a,b\n1,2,1,0\n3,,0,1\n'), columns),
        /^data file .*blank\.csv, row 2, column x2: expected a number, got/,
      ],
      [
        'label 2',
        () => loadLabelledCsv(file('label.csv', 'x1,x2,a,b\n1,2,2,0\n'), columns),
        /^data file .*label\.csv, row 1, label a: expected 0 or 1, got 2$/,
      ],
      [
        'no columns named',
        () => loadLabelledCsv(good, { features: [], labels: ['a'] }),
        /^columns\.features must be a non-empty array of column names, got an array of length 0$/,
      ],
      [
        'path not a string',
        () => loadLabelledCsv(bad(42), columns),
        /^path must be a CSV file path, got 42$/,
      ],
    ];
    for (const [what, call, message] of cases) {
      await assert.rejects(
        call,
        (e: unknown) => {
          assert.ok(
            e instanceof InputError,
            `${what}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
          );
          assert.match(e.message, message, what);
          return true;
        },
        what,
      );
    }
  },
);
