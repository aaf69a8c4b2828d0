/**
 * Lesson 01's data and the bookkeeping around its models: the source notebook's clusters and
 * labels, the stacked data draws of its repetitions, the three-class targets, and what the
 * networks predict per label combination. The models themselves are written in the notebook.
 */
import * as tf from '@tensorflow/tfjs';
import { dataFile, readSavedRun, type SavedRun } from '../core/saved-runs';
import { makeClassification, type MakeClassificationOptions } from '../core/data';

import type { ModelBuilder } from '../core/model-ensemble';
import { createRng, permutation } from '../core/random';
import { argMaxOf } from '../core/rows';
import { trainSizeSweep } from '../core/size-sweep';
import { MAX_DERIVED_SEED } from '../core/seeds';
import {
  assertBinaryMatrix,
  assertInteger,
  assertTensor2D,
  describe,
  InputError,
} from '../core/validate';
import { reportByCombination } from '../eval/combination-report';
import {
  meanInterval,
  pairedComparison,
  type Interval,
  type PairedComparison,
} from '../eval/uncertainty';
import { intervalCell } from '../notebook/evidence';
import type { PlaygroundSpec, WeightValues } from '../notebook/playground';
import type { Row } from '../notebook/tables';

/** The two labels of lesson 01, derived from the class as in the source notebook. */
export const LESSON01_LABELS = ['a', 'b'] as const;

/**
 * Lesson 01's labels from a class index: `a` is "class 0", `b` is "class 0 or 1". So class 0
 * rows are {1,1}, class 1 rows {0,1}, class 2 rows {0,0}, and {1,0} never occurs.
 */
export function lesson01Labels(classIndex: number): [number, number] {
  assertInteger('classIndex', classIndex, 0, 2);
  return [classIndex === 0 ? 1 : 0, classIndex === 0 || classIndex === 1 ? 1 : 0];
}

/** The generator settings of lesson 01's data set (see data/README.md). */
export const LESSON01_OPTIONS: MakeClassificationOptions = {
  numSamples: 10000,
  numFeatures: 5,
  numClasses: 3,
  classSep: 2,
  flipY: 0.01,
  seed: 0,
};

/**
 * Lesson 01's data set as CSV text: columns x1..x5, class, a, b; features rounded to 6 decimals.
 */
export function lesson01Csv(options: MakeClassificationOptions = LESSON01_OPTIONS): string {
  const data = makeClassification(options);
  const featureNames = Array.from({ length: data.numFeatures }, (_, i) => `x${i + 1}`);
  const lines = [[...featureNames, 'class', ...LESSON01_LABELS].join(',')];
  for (let r = 0; r < data.numSamples; r++) {
    const features = Array.from(
      data.x.subarray(r * data.numFeatures, (r + 1) * data.numFeatures),
      (v) => v.toFixed(6),
    );
    lines.push([...features, data.classIndex[r], ...lesson01Labels(data.classIndex[r])].join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * The data of every repetition, stacked with a leading repetition axis: repetition 0 is the
 * file's split, repetition r >= 1 a fresh draw of the same generator with seed `seeds[r]`.
 */
export interface Lesson01Draws {
  /** `[S, trainRows, 5]`, `[S, trainRows, 2]` and `[S, testRows, 5]` */
  xTrain: tf.Tensor3D;
  yTrain: tf.Tensor3D;
  xTest: tf.Tensor3D;
  /** `[S][testRows][2]`, the test labels of each repetition as plain rows. */
  yTest: number[][][];
}

/**
 * Stacks the file's split and `seeds.length - 1` fresh draws into {@link Lesson01Draws}.
 * Used in lessons: 01.
 * @param split the lesson file's training and test rows (5 features, labels a and b)
 * @param seeds one seed per repetition (at least 2); `seeds[0]` is not used for data, since
 *   repetition 0 is the file
 * @returns tensors the caller disposes
 * @throws InputError for a split that is not 5 features and 2 labels with matching rows, or
 *   fewer than 2 seeds.
 */
export function lesson01Draws(
  split: { xTrain: tf.Tensor2D; yTrain: tf.Tensor2D; xTest: tf.Tensor2D; yTest: tf.Tensor2D },
  seeds: readonly number[],
): Lesson01Draws {
  const { numFeatures } = LESSON01_OPTIONS;
  const [trainRows, w1] = assertTensor2D('split.xTrain', split?.xTrain);
  const [testRows, w2] = assertTensor2D('split.xTest', split?.xTest);
  const widths = [w1, w2, split.yTrain.shape[1], split.yTest.shape[1]];
  if (widths.join() !== `${numFeatures},${numFeatures},2,2`)
    throw new InputError(`split must hold ${numFeatures} features and 2 labels, got ${widths}`);
  if (!Array.isArray(seeds) || seeds.length < 2)
    throw new InputError(`seeds must hold at least 2 seeds, got ${describe(seeds)}`);
  seeds.forEach((s, r) => assertInteger(`seeds[${r}]`, s, 0, MAX_DERIVED_SEED));
  const S = seeds.length;
  const xTrain = new Float32Array(S * trainRows * numFeatures);
  const yTrain = new Float32Array(S * trainRows * 2);
  const xTest = new Float32Array(S * testRows * numFeatures);
  xTrain.set(split.xTrain.dataSync());
  yTrain.set(split.yTrain.dataSync());
  xTest.set(split.xTest.dataSync());
  const yTest = [split.yTest.arraySync()];
  for (let r = 1; r < S; r++) {
    const d = makeClassification({
      ...LESSON01_OPTIONS,
      numSamples: trainRows + testRows,
      seed: seeds[r],
    });
    xTrain.set(d.x.subarray(0, trainRows * numFeatures), r * trainRows * numFeatures);
    xTest.set(d.x.subarray(trainRows * numFeatures), r * testRows * numFeatures);
    const labels = Array.from(d.classIndex, lesson01Labels);
    yTrain.set(labels.slice(0, trainRows).flat(), r * trainRows * 2);
    yTest.push(labels.slice(trainRows));
  }
  return {
    xTrain: tf.tensor3d(xTrain, [S, trainRows, numFeatures]),
    yTrain: tf.tensor3d(yTrain, [S, trainRows, 2]),
    xTest: tf.tensor3d(xTest, [S, testRows, numFeatures]),
    yTest,
  };
}

/**
 * Lesson 01's label pair as its class, the inverse of {@link lesson01Labels}: {1,1} is class 0,
 * {0,1} class 1, {0,0} class 2.
 * @throws InputError for {1,0}, which no class of lesson 01 gives, or a row that is not 2 0/1s.
 */
function classOfPair(row: readonly number[], where: string): number {
  if (!Array.isArray(row) || row.length !== 2 || row.some((v) => v !== 0 && v !== 1))
    throw new InputError(`${where} must be a pair of 0/1 labels, got ${describe(row)}`);
  const c = [0, 1, 2].findIndex((k) => lesson01Labels(k).every((v, j) => v === row[j]));
  if (c < 0) throw new InputError(`${where} is {1,0}, which no class of lesson 01 gives`);
  return c;
}

/**
 * The classes behind lesson 01's labels as one-hot targets, for the multi-class comparison:
 * `[a, b - a, 1 - b]` turns {1,1} into class 0, {0,1} into class 1 and {0,0} into class 2.
 * @param y `[S, rows, 2]` labels a and b
 * @returns `[S, rows, 3]` one-hot classes (dispose it)
 * @throws InputError unless `y` is `[S, rows, 2]` of 0/1 pairs other than {1,0}.
 */
export function classTargets(y: tf.Tensor3D): tf.Tensor3D {
  if (!(y instanceof tf.Tensor) || y.rank !== 3 || y.shape[2] !== 2)
    throw new InputError(`y must be a [S, rows, 2] tensor of labels a and b, got ${describe(y)}`);
  const values = y.dataSync();
  const onehot = new Float32Array((values.length / 2) * 3);
  for (let i = 0; i < values.length; i += 2)
    onehot[(i / 2) * 3 + classOfPair([values[i], values[i + 1]], `y's row ${i / 2}`)] = 1;
  return tf.tensor3d(onehot, [y.shape[0], y.shape[1], 3]);
}

/**
 * Each network's multi-class accuracy: the share of its test rows whose largest output is the
 * row's class (the class of its label pair). The same rule for sigmoid and softmax outputs.
 * @param yTest `[S][rows][2]` label pairs a and b, one block per network
 * @param outputs `[S][rows][3]` the networks' outputs, one per class, in the same order
 * @throws InputError for blocks of different counts or rows, or a pair no class gives.
 */
export function classAccuracy(
  yTest: readonly number[][][],
  outputs: readonly number[][][],
): number[] {
  assertBlocks(yTest, outputs, 'outputs');
  return yTest.map((rows, k) => {
    if (!Array.isArray(rows) || outputs[k]?.length !== rows.length || !rows.length)
      throw new InputError(`yTest[${k}] and outputs[${k}] must have the same rows`);
    const right = rows.filter(
      (row, i) => argMaxOf(outputs[k][i]) === classOfPair(row, `yTest[${k}][${i}]`),
    );
    return right.length / rows.length;
  });
}

/**
 * The floor under a two-output softmax's categorical cross-entropy on the given rows: a {1,1}
 * row costs `-log p - log (1 - p) >= 2 ln 2` whatever p is, the other rows can cost nearly 0;
 * so the mean loss is at least (share of {1,1} rows) x 2 ln 2.
 * Used in lessons: 01.
 * @throws InputError unless `yTrain` is a non-empty matrix of 0/1 label pairs.
 */
export function softmaxLossFloor(yTrain: number[][]): number {
  const [rows, width] = assertBinaryMatrix('yTrain', yTrain);
  if (width !== 2) throw new InputError(`yTrain must hold label pairs, got ${width} columns`);
  return (yTrain.filter((row) => row[0] === 1 && row[1] === 1).length / rows) * 2 * Math.LN2;
}

/** The metrics lesson 01 compares its two kinds of network on, over repetitions. */
export const LESSON01_METRICS = [
  'exact match',
  'exact match on {1,1}',
  'exact match on {0,0}',
  'exact match on {0,1}',
  'per-label accuracy',
] as const;

/** One network's scores on its test rows, decisions `probs >= 0.5`. */
export type Lesson01Scores = Record<(typeof LESSON01_METRICS)[number], number>;

/** Throws unless `yTest` and `other` are arrays with one block per network each. */
function assertBlocks(yTest: unknown, other: unknown, otherName: string): void {
  if (!Array.isArray(yTest) || !Array.isArray(other) || yTest.length !== other.length)
    throw new InputError(
      `yTest and ${otherName} must hold one block per network each, got ${describe(yTest)} and ` +
        `${describe(other)}`,
    );
}

/**
 * Each network's scores on its own test rows: exact match over all rows and per combination,
 * and per-label (binary) accuracy.
 * Used in lessons: 01.
 * @param yTest `[S][rows][2]` true labels, one block per network
 * @param probs `[S][rows][2]` predicted probabilities, in the same order
 * @throws InputError for blocks of different counts or shapes, or as {@link reportByCombination}
 *   (including a test block without one of the combinations {1,1}, {0,0}, {0,1}).
 */
export function scoreNetworks(
  yTest: readonly number[][][],
  probs: readonly number[][][],
): Lesson01Scores[] {
  assertBlocks(yTest, probs, 'probs');
  return yTest.map((rows, k) => {
    const report = reportByCombination(rows, probs[k]);
    const total = report.reduce((n, r) => n + r.rows, 0);
    const exactOn = (c: string) => {
      const r = report.find((e) => e.combination === c);
      if (!r) throw new InputError(`yTest[${k}] has no ${c} row to score`);
      return r.exactMatch;
    };
    return {
      'exact match': report.reduce((n, r) => n + r.exactMatch * r.rows, 0) / total,
      'exact match on {1,1}': exactOn('{1,1}'),
      'exact match on {0,0}': exactOn('{0,0}'),
      'exact match on {0,1}': exactOn('{0,1}'),
      'per-label accuracy': report.reduce((n, r) => n + r.binaryAccuracy * r.rows, 0) / total,
    };
  });
}

/** The two kinds side by side on one metric: each mean over repetitions and their difference. */
export interface KindComparison {
  metric: (typeof LESSON01_METRICS)[number];
  sigmoid: Interval;
  softmax: Interval;
  /** Paired over repetitions: sigmoid - softmax. */
  comparison: PairedComparison;
}

/**
 * Compares the sigmoid and softmax networks on every metric, paired by repetition (network r of
 * each kind saw the same data, started from the same seed and took the same batches).
 * Used in lessons: 01.
 * @throws InputError for score lists of different lengths or fewer than 2 repetitions.
 */
export function compareKinds(
  sigmoid: readonly Lesson01Scores[],
  softmax: readonly Lesson01Scores[],
): KindComparison[] {
  if (!Array.isArray(sigmoid) || !Array.isArray(softmax) || sigmoid.length !== softmax.length)
    throw new InputError(
      `sigmoid and softmax must hold one score per repetition each, got ${describe(sigmoid)} ` +
        `and ${describe(softmax)}`,
    );
  return LESSON01_METRICS.map((metric) => {
    const a = sigmoid.map((s) => s[metric]);
    const b = softmax.map((s) => s[metric]);
    return {
      metric,
      sigmoid: meanInterval(a),
      softmax: meanInterval(b),
      comparison: pairedComparison(a, b),
    };
  });
}

/**
 * A comparison as table rows: each kind's mean ± 95% interval, the paired difference, how many
 * repetitions sigmoid won, and the verdict.
 * Used in lessons: 01.
 */
export function comparisonRows(comparisons: readonly KindComparison[]): Row[] {
  const verdicts = { 'A better': 'sigmoid better', 'B better': 'softmax better' } as const;
  return comparisons.map((c) => ({
    metric: c.metric,
    sigmoid: intervalCell(c.sigmoid),
    softmax: intervalCell(c.softmax),
    'sigmoid − softmax': intervalCell(c.comparison.difference),
    'sigmoid ahead': `${c.comparison.wins} of ${c.comparison.difference.n}`,
    verdict:
      c.comparison.verdict === 'within noise' ? 'within noise' : verdicts[c.comparison.verdict],
  }));
}

/**
 * The scarce-data comparison: exclusive classes, 3 outputs, training sets of `sizes` rows (the
 * first rows of each draw), each member `steps` Adam steps on batches of 100 whatever its size.
 * Used in lessons: 01.
 */
export const SCARCE = {
  sizes: [50, 100, 200, 500, 2000, 8000],
  steps: [80, 240, 640],
  batchSize: 100,
  learningRate: 0.03,
  repetitions: 48,
} as const;

/**
 * Accuracy (largest of 3 outputs) of networks with `output` outputs on exclusive classes: member
 * (size i, repetition r) starts from `build(seeds[r])` and takes `steps` steps on the first
 * `sizes[i]` training rows of draw r, repeated to one pass of the draw's rows.
 * Used in lessons: 01.
 * @returns `[size][repetition]` accuracy on each draw's own test rows
 * @throws InputError for `steps` that is not a whole number of passes, or as `sizeSweep`.
 */
export async function scarceAccuracy(
  draws: Lesson01Draws,
  seeds: readonly number[],
  build: ModelBuilder,
  options: { output: 'sigmoid' | 'softmax'; sizes: readonly number[]; steps: number },
): Promise<number[][]> {
  const { batchSize, learningRate } = SCARCE;
  const perPass = Math.ceil(draws.xTrain.shape[1] / batchSize);
  if (!Number.isInteger(options.steps / perPass) || options.steps <= 0)
    throw new InputError(`steps must be a whole number of ${perPass}-step passes`);
  const classes = classTargets(draws.yTrain);
  try {
    const data = { x: draws.xTrain, y: classes, xTest: draws.xTest };
    const probs = await trainSizeSweep(build, seeds, data, options.sizes, {
      loss: options.output === 'softmax' ? 'categoricalCrossentropy' : 'binaryCrossentropy',
      optimizer: { name: 'adam', learningRate },
      ...{ numEpochs: options.steps / perPass, batchSize, order: 'fit' },
    });
    return probs.map((perRepetition) => classAccuracy(draws.yTest, perRepetition));
  } finally {
    classes.dispose();
  }
}

/** What data/lesson01-scarce.json holds (written by scripts/lesson01-scarce.ts). */
export type ScarceRecord = SavedRun<
  { seed: number; seeds: number[] } & typeof SCARCE,
  /** `figures[output][steps][size]`: one accuracy per repetition. */
  Record<'sigmoid' | 'softmax', Record<string, Record<string, number[]>>>
>;

/** Where the scarce-data figures are saved. */
export const SCARCE_FILE = dataFile('lesson01-scarce.json');

/**
 * The saved scarce-data figures (data/lesson01-scarce.json), checked: one accuracy per
 * repetition for every output, step budget and size of {@link SCARCE}.
 * Used in lessons: 01.
 * @throws InputError when a figure is missing or has the wrong length.
 */
export function loadScarce(path = SCARCE_FILE): ScarceRecord {
  const record = readSavedRun<ScarceRecord>(path);
  for (const output of ['sigmoid', 'softmax'] as const)
    for (const steps of SCARCE.steps)
      for (const size of SCARCE.sizes) {
        const values = record.figures[output]?.[steps]?.[size];
        const ok = Array.isArray(values) && values.length === SCARCE.repetitions;
        if (!ok || !values.every((v) => Number.isFinite(v) && v >= 0 && v <= 1))
          throw new InputError(`${path}: ${output}, ${steps} steps, ${size} rows: no accuracies`);
      }
  return record;
}

/**
 * The playground's settings: the lesson's network with 8 hidden units instead of 5, and Adam,
 * on a sample of `rows` points. Trained as the page trains them (cpu backend, the page's batch
 * order) on the samples of lesson seeds 0, 3, 17 and 4242 at seeds 1 to 5, the sigmoid network's
 * worst exact match was 0.938 on {1,1} points and 0.917 on {0,0} points; with 5 hidden units it
 * fell to 0.892 on {0,0} points.
 */
export const PLAYGROUND = {
  rows: 600,
  features: ['x2', 'x3'] as const,
  hiddenUnits: 8,
  learningRate: 0.03,
  numEpochs: 40,
  batchSize: 32,
  checkPoints: [
    [0, 0],
    [2.5, -1],
    [-3, 2.5],
  ],
};

/** The playground's network in the kernel, as the page builds it: the lesson's, on 2 inputs. */
function playgroundModel(output: 'sigmoid' | 'softmax', seed: number): tf.Sequential {
  const glorot = (s: number) => tf.initializers.glorotUniform({ seed: s });
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [2],
      units: PLAYGROUND.hiddenUnits,
      activation: 'relu',
      kernelInitializer: glorot(seed),
    }),
  );
  model.add(tf.layers.dense({ units: 2, activation: output, kernelInitializer: glorot(seed + 1) }));
  return model;
}

/**
 * The playground of lesson 01: a seeded sample of `PLAYGROUND.rows` rows of the data, projected
 * on x2 and x3 (the networks train on those two features, so the map over that plane is the
 * model), with the kernel's predictions for three points with seeded weights, for the page's
 * test. Takes well under a second.
 * Used in lessons: 01.
 * @throws InputError for data that is not 5 features and 2 labels of the same rows, or a seed
 *   that is not a non-negative integer.
 */
export function lesson01Playground(
  data: { x: tf.Tensor2D; y: tf.Tensor2D },
  seed: number,
): PlaygroundSpec {
  const [rows, width] = assertTensor2D('data.x', data?.x);
  const [labelRows, labels] = assertTensor2D('data.y', data?.y);
  if (width !== 5 || labels !== 2 || labelRows !== rows)
    throw new InputError(
      `data must be 5 features and 2 labels per row, got ${width} and ${labels}`,
    );
  assertInteger('seed', seed, 0, 2 ** 31 - 1);
  const picked = permutation(rows, createRng(seed)).slice(0, Math.min(PLAYGROUND.rows, rows));
  const x = data.x.arraySync();
  const y = data.y.arraySync();
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const check = {
    points: PLAYGROUND.checkPoints,
    weights: {},
    expected: {},
  } as PlaygroundSpec['check'];
  for (const output of ['sigmoid', 'softmax'] as const) {
    const model = playgroundModel(output, seed);
    check.weights[output] = model
      .getWeights()
      .map((w): WeightValues => ({ shape: w.shape, values: Array.from(w.dataSync()) }));
    check.expected[output] = tf.tidy(() =>
      (model.predict(tf.tensor2d(PLAYGROUND.checkPoints)) as tf.Tensor2D).arraySync(),
    );
    model.dispose();
  }
  return {
    x: Array.from(picked, (i) => [round(x[i][1]), round(x[i][2])]),
    y: Array.from(picked, (i) => [y[i][0], y[i][1]]),
    axes: [...PLAYGROUND.features],
    defaults: {
      hiddenUnits: PLAYGROUND.hiddenUnits,
      learningRate: PLAYGROUND.learningRate,
      numEpochs: PLAYGROUND.numEpochs,
      batchSize: PLAYGROUND.batchSize,
      seed,
    },
    check,
    caption:
      `Both networks train on the ${PLAYGROUND.rows} points shown, from x2 and x3 only, so each ` +
      "map is exactly what its network decides over that plane. They are the lesson's network " +
      `with ${PLAYGROUND.hiddenUnits} hidden units instead of 5 (the plane is harder than five ` +
      'features), trained with Adam on the same batches. Press Train: the sigmoid network soon ' +
      'gives {1,1} and {0,0} their own areas; the softmax network never paints a {0,0} area, ' +
      'nor a {1,1} one. Then try 1 or 2 hidden units, a learning rate of 0.3 or 0.001, or ' +
      'another seed.',
  };
}
