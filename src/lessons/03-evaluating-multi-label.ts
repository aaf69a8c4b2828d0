/**
 * Lesson 03: the question's data shape (21 features, 26 labels), the question-like set, a run's
 * settings and the figures the lesson reports (the notebook writes the network itself).
 * `scripts/lesson03-full-scale.ts` runs the same steps through {@link runLesson03} at the
 * question's scale and saves the figures in data/lesson03-full-scale.json.
 */
import * as tf from '@tensorflow/tfjs';
import { dataFile, readSavedFigureLists, type SavedRun } from '../core/saved-runs';

import { makeImbalancedMultiLabel, type MultiLabelArrays } from '../core/synthetic';
import { createRng, permutation } from '../core/random';
import {
  denseEnsemble,
  predictEnsembleProbs,
  trainEnsemble,
  type OptimizerSpec,
} from '../core/ensemble';
import { drawRepeated, type Draws } from '../core/repeated-draws';

import { categoricalParts, metricSummary, SUMMARY_METRICS } from '../eval/metrics';
import { tunePerLabelThresholds } from '../eval/thresholds';
import { repetitionSeeds } from '../core/seeds';
import {
  frequencyOrder,
  labelShares,
  reorderColumns,
  singleLabelShare,
} from '../core/label-statistics';

/** 26 label frequencies from 40% down to 1%, geometrically, in a shuffled column order. */
function lesson03Frequencies(): number[] {
  const sortedDesc = Array.from({ length: 26 }, (_, j) => 0.4 * (0.01 / 0.4) ** (j / 25));
  const order = permutation(26, createRng(2603));
  return Array.from(order, (k) => Number(sortedDesc[k].toFixed(4)));
}

/**
 * Lesson 03's generator settings but rows and seed: 21 features, 26 labels, six of them children.
 * Used in lessons: 03.
 */
export const LESSON03_DATA = {
  numFeatures: 21,
  labelFrequencies: lesson03Frequencies(),
  featuresPerLabel: 4,
  noise: 0.5,
  parents: [
    -1, -1, -1, -1, -1, -1, 0, -1, -1, 2, -1, -1, -1, 1, -1, -1, -1, 6, -1, -1, -1, 9, -1, -1, 13,
    -1,
  ],
  parentWeight: 0.8,
} as const;

/**
 * Lesson 03's data: the question's shape (21 features, 26 labels) with frequencies from 40% to 1%.
 * Used in lessons: 03.
 * @throws InputError for a bad row count or seed.
 */
export function makeLesson03Data(numSamples: number, seed: number): MultiLabelArrays {
  return generate(LESSON03_DATA, numSamples, seed);
}

function generate(
  settings: typeof LESSON03_DATA | typeof QUESTION_LIKE_DATA,
  numSamples: number,
  seed: number,
): MultiLabelArrays {
  const { parents, labelFrequencies } = settings;
  return makeImbalancedMultiLabel({
    ...{ ...settings, parents: [...parents], labelFrequencies: [...labelFrequencies] },
    ...{ numSamples, seed },
  });
}

/** The share of single-label rows the question-like set is built for. */
export const QUESTION_LIKE_SINGLE_SHARE = 0.09;

/**
 * The factor on lesson 03's label frequencies that leaves {@link QUESTION_LIKE_SINGLE_SHARE} of
 * the rows with exactly one label when labels are independent. The share falls as the factor
 * grows over [1, 2.4], so bisection finds it.
 * Used in lessons: 03.
 */
export const QUESTION_LIKE_SCALE = ((): number => {
  const share = (s: number) => singleLabelShare(LESSON03_DATA.labelFrequencies.map((f) => f * s));
  let lo = 1;
  let hi = 2.4;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (share(mid) > QUESTION_LIKE_SINGLE_SHARE) lo = mid;
    else hi = mid;
  }
  return Number(((lo + hi) / 2).toFixed(4));
})();

/**
 * Generator settings of the question-like set: lesson 03's labels with every frequency scaled by
 * {@link QUESTION_LIKE_SCALE}, and noisier scores (noise 1: the features explain half of each
 * label's score instead of 80%), so that a model leans more on the labels' base rates.
 * Used in lessons: 03.
 */
export const QUESTION_LIKE_DATA = {
  ...LESSON03_DATA,
  labelFrequencies: LESSON03_DATA.labelFrequencies.map((f) =>
    Number((f * QUESTION_LIKE_SCALE).toFixed(4)),
  ),
  noise: 1,
} as const;

/**
 * The question-like set: {@link QUESTION_LIKE_DATA}'s rows with the columns in rare-first order,
 * so that a row's first true label (its argmax) is its rarest label.
 * Used in lessons: 03.
 * @throws InputError for a bad row count or seed.
 */
export function makeQuestionLikeData(numSamples: number, seed: number): MultiLabelArrays {
  const data = generate(QUESTION_LIKE_DATA, numSamples, seed);
  // The generator needs parents before children, so the columns are reordered afterwards.
  const order = frequencyOrder(QUESTION_LIKE_DATA.labelFrequencies, 'rareFirst');
  const L = data.numLabels;
  const y = new Float32Array(data.y.length);
  for (let i = 0; i < numSamples; i++)
    for (let c = 0; c < L; c++) y[i * L + c] = data.y[i * L + order[c]];
  return { ...data, y };
}

/** Row counts and training schedule of one run of the lesson. */
export interface Lesson03Mode {
  name: 'default' | 'full';
  /** Rows each repetition fits (a third held out for validation), then its test rows. */
  fitRows: number;
  testRows: number;
  numEpochs: number;
  batchSize: number;
  /** RMSprop's step size when not the question's (Keras' default, 0.001). */
  learningRate?: number;
}

/**
 * Both train in Keras' default batches of 32, the question's. `full` has the question's 82,000
 * rows and RMSprop step size, for 3 epochs (of its 30); `default`, 4,000 rows to fit the lesson's
 * time budget, trains 4 epochs with 3 times the step size to make up for some of the steps.
 * Used in lessons: 03.
 */
export const LESSON03_MODES: Readonly<Record<'default' | 'full', Lesson03Mode>> = {
  default: {
    ...{ name: 'default', fitRows: 4000, testRows: 2000, numEpochs: 4, batchSize: 32 },
    learningRate: 0.003,
  },
  full: { name: 'full', fitRows: 82000, testRows: 10000, numEpochs: 3, batchSize: 32 },
};

/**
 * Repetitions (ensemble members) of every experiment.
 * Used in lessons: 03.
 */
export const REPETITIONS = 8;

/**
 * The question's network and training: Dense 128 ReLU, Dense 64 ReLU, 26 outputs; RMSprop at
 * Keras' default learning rate; the last 33% of the fit rows held out for validation.
 */
export const QUESTION_SETUP = {
  numFeatures: 21,
  hiddenUnits: [128, 64],
  numLabels: 26,
  optimizer: { name: 'rmsprop', learningRate: 0.001 } as OptimizerSpec,
  validationSplit: 0.33,
} as const;

/**
 * Repetitions 0-7 of `seed` for the lesson's data (each draws its own data, weights and batches),
 * 8-15 for the question-like set.
 * Used in lessons: 03.
 * @throws InputError as `repetitionSeeds`.
 */
export function lesson03Seeds(seed: number): { lesson: number[]; questionLike: number[] } {
  const all = repetitionSeeds(seed, 2 * REPETITIONS);
  return { lesson: all.slice(0, REPETITIONS), questionLike: all.slice(REPETITIONS) };
}

/**
 * Figures of one run, one value per repetition, under stable names: `data.*`, `zeros.*` (the
 * all-zero predictor), `at05.*`, `tuned.*` (per-label thresholds tuned on validation rows),
 * `order.*` (other column orders), `softmax.*` and `questionLike.*`.
 */
export type Figures = Record<string, number[]>;

/** What {@link lesson03Figures} is made from: per member, in seed order. */
export type Lesson03Results = Awaited<ReturnType<typeof runLesson03>>;

/**
 * The figures of a run under their stable names (see {@link Figures}).
 * Used in lessons: 03.
 */
export function lesson03Figures(r: Lesson03Results): Figures {
  const out: Figures = {};
  const add = <T>(prefix: string, list: T[], keys: readonly (keyof T & string)[]) => {
    for (const key of keys) out[`${prefix}.${key}`] = list.map((s) => Number(s[key]));
  };
  const SHARES = ['cardinality', 'empty', 'single', 'multi'] as const;
  const PARTS = ['single', 'multi', 'empty'] as const;
  add('data', r.data, SHARES);
  for (const name of ['zeros', 'at05', 'tuned'] as const) add(name, r[name], SUMMARY_METRICS);
  out['order.frequentFirst'] = [...r.frequentFirst];
  out['order.rareFirst'] = [...r.rareFirst];
  add('order.rareFirstParts', r.rareFirstParts, PARTS);
  add('softmax', r.softmax, SUMMARY_METRICS);
  add('questionLikeData', r.questionLikeData, SHARES);
  add('questionLike', r.questionLike, SUMMARY_METRICS);
  add('questionLikeParts', r.questionLikeParts, PARTS);
  return out;
}

/**
 * One whole run of the lesson's experiments, as the notebook runs them cell by cell (the lesson's
 * data: all zeros, threshold 0.5, tuned thresholds, column orders, the softmax answer; the
 * question-like set), with the seeds of {@link lesson03Seeds}(seed) and `progress` as a name
 * prefix for progress lines (or false).
 * @throws InputError as the steps.
 */
export async function runLesson03(
  mode: Lesson03Mode,
  seed: number,
  progress: string | false = false,
) {
  const seeds = lesson03Seeds(seed);
  const { numFeatures, hiddenUnits, numLabels, validationSplit } = QUESTION_SETUP;
  const { learningRate = QUESTION_SETUP.optimizer.learningRate } = mode;
  const optimizer = { ...QUESTION_SETUP.optimizer, learningRate };
  // The notebook's buildModel(seed) for each seed (Glorot-uniform kernels seeded seed + layer).
  const train = async (draws: Draws, s: number[], output: 'sigmoid' | 'softmax', name: string) => {
    const nets = denseEnsemble({
      ...{ numFeatures, hiddenUnits: [...hiddenUnits], numLabels, seeds: s },
      ...{ outputActivation: output, name: output },
    });
    // The softmax answer trains on each row's class index, its labels' argmax.
    const y =
      output === 'softmax'
        ? tf.tidy(() => tf.cast(tf.argMax(draws.yFit, 2), 'float32').expandDims(2))
        : null;
    try {
      await trainEnsemble(nets, draws.xFit, y ?? draws.yFit, {
        loss: output === 'sigmoid' ? 'binaryCrossentropy' : 'sparseCategoricalCrossentropy',
        ...{ optimizer, numEpochs: mode.numEpochs, batchSize: mode.batchSize, seeds: s },
        ...{ validationSplit, progress: progress === false ? false : `${progress} ${name}` },
      });
      return [predictEnsembleProbs(nets, draws.xVal), predictEnsembleProbs(nets, draws.xTest)];
    } finally {
      nets.dispose();
      y?.dispose();
    }
  };
  const sizes = { ...mode, validationSplit };
  const draws = drawRepeated(makeLesson03Data, sizes, seeds.lesson);
  const like = drawRepeated(makeQuestionLikeData, sizes, seeds.questionLike);
  try {
    const [probsVal, probsTest] = await train(draws, seeds.lesson, 'sigmoid', 'sigmoid');
    const [, softmaxTest] = await train(draws, seeds.lesson, 'softmax', 'softmax');
    const [, likeTest] = await train(like, seeds.questionLike, 'sigmoid', 'question-like');
    const y = draws.yTest;
    const nothing = (t: number[][]) => t.map((row) => row.map(() => 0));
    const frequencies = [...LESSON03_DATA.labelFrequencies];
    const rare = frequencyOrder(frequencies, 'rareFirst');
    const inOrder = (order: number[]) =>
      y.map((t, k) => [reorderColumns(t, order), reorderColumns(probsTest[k], order)]);
    const accuracy = (order: number[]) =>
      inOrder(order).map(([t, p]) => metricSummary(t, p).categoricalAccuracy);
    return {
      data: y.map(labelShares),
      zeros: y.map((t) => metricSummary(t, nothing(t))),
      at05: y.map((t, k) => metricSummary(t, probsTest[k])),
      tuned: y.map((t, k) => {
        const thresholds = tunePerLabelThresholds(draws.yVal[k], probsVal[k]);
        return metricSummary(t, probsTest[k], { thresholds });
      }),
      frequentFirst: accuracy(frequencyOrder(frequencies, 'frequentFirst')),
      rareFirst: accuracy(rare),
      rareFirstParts: inOrder(rare).map(([t, p]) => categoricalParts(t, p)),
      softmax: y.map((t, k) => metricSummary(t, softmaxTest[k])),
      questionLikeData: like.yTest.map(labelShares),
      questionLike: like.yTest.map((t, k) => metricSummary(t, likeTest[k])),
      questionLikeParts: like.yTest.map((t, k) => categoricalParts(t, likeTest[k])),
    };
  } finally {
    draws.dispose();
    like.dispose();
  }
}

/** What data/lesson03-full-scale.json holds (written by scripts/lesson03-full-scale.ts). */
export type FullScaleRecord = SavedRun<
  {
    seed: number;
    repetitions: number;
    seeds: { lesson: number[]; questionLike: number[] };
    mode: Lesson03Mode;
    setup: typeof QUESTION_SETUP;
    data: typeof LESSON03_DATA;
    questionLike: typeof QUESTION_LIKE_DATA;
  },
  Figures
>;

/** Where the full-scale figures are saved. */
export const FULL_SCALE_FILE = dataFile('lesson03-full-scale.json');

/**
 * The saved full-scale figures, checked: every figure has one finite value per repetition.
 * Used in lessons: 03.
 * @throws InputError when the file is missing a part or a figure has the wrong length.
 */
export function loadFullScale(path = FULL_SCALE_FILE): FullScaleRecord {
  return readSavedFigureLists<FullScaleRecord>(path);
}
