/**
 * Lesson 05's experiments: n sigmoid outputs against one softmax over the 2^n label combinations
 * (the label powerset). Both heads sit on the same hidden layer and train with the same optimizer,
 * batch size and number of optimizer steps, as members of ensembles: one member per training-set
 * size and repetition, each repetition with its own data draw, weights and batch order.
 */
import * as tf from '@tensorflow/tfjs';
import { denseEnsemble, repeatedRows, trainEnsemble, type DenseEnsemble } from '../core/ensemble';
import { makeLatentMultiLabel } from '../core/latent';
import {
  decodePowersetRows,
  encodePowersetRows,
  pow2,
  type SeenCombinationsCodec,
} from '../core/powerset';
import { countCombinations } from '../core/labels';
import { assertPowersetFits, type OutputHead } from '../core/sizing';
import {
  assertBinaryMatrix,
  assertBinaryRow,
  assertInteger,
  describe,
  InputError,
} from '../core/validate';
import { hammingLoss, subsetAccuracy } from '../eval/metrics';
import {
  meanInterval,
  pairedComparison,
  repetitionSeeds,
  type Interval,
  type PairedComparison,
} from '../eval/uncertainty';

/**
 * Lesson 05's settings: the data recipe, the network and the training budget both heads share.
 * Used in lessons: 05.
 */
export const LESSON05 = {
  /** Features, hidden factors and feature noise of `makeLatentMultiLabel`. */
  numFeatures: 24,
  numLatents: 4,
  featureNoise: 0.3,
  /** Test rows of every data draw (the first rows; the training pool follows). */
  testRows: 1000,
  /** Training-set sizes of the data-hunger experiment; each divides `rowsPerPass`. */
  sizes: [100, 300, 1000] as readonly number[],
  /** Length every member's row list is repeated to, so that every member takes as many steps. */
  rowsPerPass: 3000,
  /** Repetitions (data draws and seeds) per training-set size. */
  repetitions: 8,
  hiddenUnits: 32,
  learningRate: 0.02,
  batchSize: 64,
  /**
   * Passes over each member's list of `rowsPerPass` rows: every member takes
   * `numEpochs * ceil(rowsPerPass / batchSize)` optimizer steps (2 * 47 = 94), whatever its size.
   */
  numEpochs: 2,
  /** Largest powerset output layer the lesson builds, in bytes (float32 weights). */
  memoryBudgetBytes: 64 * 1024 * 1024,
} as const;

/** The two output heads: n sigmoids, or one softmax over label combinations. */
export type Head = OutputHead;

/** One data draw: test rows first, then the pool the training sets are prefixes of. */
export interface LessonDraw {
  xTest: number[][];
  yTest: number[][];
  xPool: number[][];
  yPool: number[][];
}

/**
 * One data draw of lesson 05: `makeLatentMultiLabel` with the lesson's recipe, `testRows` test
 * rows followed by a training pool of `poolRows` rows.
 * Used in lessons: 05.
 * @throws InputError for a label count, pool size or seed out of range.
 */
export function lessonDraw(numLabels: number, seed: number, poolRows: number): LessonDraw {
  assertInteger('poolRows', poolRows, 1);
  const { x, y } = makeLatentMultiLabel({
    numSamples: LESSON05.testRows + poolRows,
    numFeatures: LESSON05.numFeatures,
    numLatents: LESSON05.numLatents,
    numLabels,
    featureNoise: LESSON05.featureNoise,
    seed,
  });
  const t = LESSON05.testRows;
  return { xTest: x.slice(0, t), yTest: y.slice(0, t), xPool: x.slice(t), yPool: y.slice(t) };
}

/**
 * How a powerset head numbers label rows: `numClasses` softmax outputs, rows to class indices and
 * back.
 */
export interface ClassCoding {
  numClasses: number;
  encode(yTrue: number[][]): number[];
  decode(classIndices: ArrayLike<number>): number[][];
}

/**
 * Every one of the 2^n combinations gets an output, numbered by reading the row as a binary
 * number (`encodePowerset`).
 * @throws InputError for a label count outside [1, MAX_POWERSET_LABELS].
 */
export function fullPowerset(numLabels: number): ClassCoding {
  decodePowersetRows([0], numLabels); // checks numLabels
  return {
    numClasses: pow2(numLabels),
    encode: (yTrue) => encodePowersetRows(yTrue),
    decode: (classIndices) => decodePowersetRows(classIndices, numLabels),
  };
}

/**
 * Only the combinations a fitted `SeenCombinationsCodec` knows get an output.
 * @throws InputError for a codec that was never fitted.
 */
export function seenCombinations(codec: SeenCombinationsCodec): ClassCoding {
  return {
    numClasses: codec.numClasses,
    encode: (yTrue) => codec.transform(yTrue),
    decode: (classIndices) => codec.inverseTransform(classIndices),
  };
}

/** Training data of an ensemble: rows every member indexes into, and each member's rows. */
export interface HeadData {
  /** Shared feature rows `[rows, numFeatures]`. */
  x: number[][];
  /** Shared label rows `[rows, numLabels]`. */
  y: number[][];
  /** Each member's row indices into `x` and `y` (repeats allowed). */
  memberRows: readonly (readonly number[])[];
  /** One seed per member: its initial weights and its batch order. */
  seeds: readonly number[];
}

/**
 * Trains one head for every member, the one training path of the lesson. Both heads get the
 * lesson's hidden layer, Adam at its learning rate, its batch size and `numEpochs` passes over
 * each member's rows; the sigmoid head learns the labels with binary cross-entropy, the powerset
 * head the class of each row (`coding`, all 2^n combinations by default) with categorical
 * cross-entropy. Both losses are computed from the logits (a 'linear' output layer; the sigmoid or
 * softmax is applied when deciding), the stable form lesson 02 derives, which for 2^n classes is
 * also cheaper per step than the gradient through a clipped softmax. The powerset's output layer
 * is checked against `LESSON05.memoryBudgetBytes` before anything is allocated.
 * @returns the trained ensemble; the caller disposes it.
 * @throws InputError for a powerset over the memory budget or over `MAX_POWERSET_LABELS` labels,
 *   a label row the coding does not know, or bad data (as `trainEnsemble`).
 */
export async function trainHead(
  head: Head,
  data: HeadData,
  options: { numEpochs?: number; coding?: ClassCoding; progress?: string | false } = {},
): Promise<DenseEnsemble> {
  if (head !== 'sigmoid' && head !== 'powerset')
    throw new InputError(`head must be 'sigmoid' or 'powerset', got ${describe(head)}`);
  const [rows, numLabels] = assertBinaryMatrix('data.y', data.y);
  if (data.x.length !== rows)
    throw new InputError(
      `data.x and data.y must have the same number of rows, got ${data.x.length} and ${rows}`,
    );
  const { numEpochs = LESSON05.numEpochs, progress = false } = options;
  let coding: ClassCoding | null = null;
  if (head === 'powerset') {
    assertPowersetFits(numLabels, LESSON05.hiddenUnits, LESSON05.memoryBudgetBytes);
    coding = options.coding ?? fullPowerset(numLabels);
  }
  const targets = coding ? coding.encode(data.y).map((c) => [c]) : data.y;
  const ensemble = denseEnsemble({
    numFeatures: LESSON05.numFeatures,
    hiddenUnits: [LESSON05.hiddenUnits],
    numLabels: coding ? coding.numClasses : numLabels,
    outputActivation: 'linear',
    seeds: data.seeds,
    name: head,
  });
  const [xs, ys] = [tf.tensor2d(data.x), tf.tensor2d(targets)];
  try {
    await trainEnsemble(ensemble, xs, ys, {
      loss: coding ? 'sparseCategoricalCrossentropyFromLogits' : 'binaryCrossentropyFromLogits',
      optimizer: { name: 'adam', learningRate: LESSON05.learningRate },
      numEpochs,
      batchSize: LESSON05.batchSize,
      seeds: data.seeds,
      memberRows: data.memberRows as number[][],
      progress,
    });
  } catch (e) {
    ensemble.dispose();
    throw e;
  } finally {
    tf.dispose([xs, ys]);
  }
  return ensemble;
}

/**
 * Every member's 0/1 label decisions on its own test rows: `p >= 0.5` per sigmoid output, or the
 * most probable class of the powerset softmax decoded back to its label row.
 * @param xTest one block of test rows per member, `[K][rows][numFeatures]`
 * @param coding the powerset's coding (all 2^n combinations by default); ignored for sigmoids
 * @returns `[K][rows][numLabels]` decisions
 * @throws InputError for blocks that do not match the ensemble.
 */
export function headDecisions(
  head: Head,
  ensemble: DenseEnsemble,
  xTest: number[][][],
  numLabels: number,
  coding?: ClassCoding,
): number[][][] {
  const K = ensemble.numMembers;
  if (!Array.isArray(xTest) || xTest.length !== K)
    throw new InputError(
      `xTest must hold one block of rows per member (${K}), got ${describe(xTest)}`,
    );
  const rows = xTest[0].length;
  if (xTest.some((b) => b.length !== rows))
    throw new InputError('xTest blocks must all have the same number of rows');
  const F = ensemble.options.numFeatures;
  const flat = new Float32Array(K * rows * F);
  xTest.forEach((block, k) => block.forEach((row, i) => flat.set(row, (k * rows + i) * F)));
  const picked = tf.tidy(() => {
    const x = tf.tensor3d(flat, [K, rows, F]);
    const out = ensemble.predict(x);
    // The heads output logits: p >= 0.5 is z >= 0, and the softmax keeps the argmax.
    return head === 'powerset' ? tf.argMax(out, 2) : tf.greaterEqual(out, 0);
  });
  const values = picked.dataSync();
  picked.dispose();
  if (head === 'sigmoid') {
    return Array.from({ length: K }, (_, k) =>
      Array.from({ length: rows }, (_, i) =>
        Array.from({ length: numLabels }, (_, j) => values[(k * rows + i) * numLabels + j]),
      ),
    );
  }
  const decode = (coding ?? fullPowerset(numLabels)).decode;
  return Array.from({ length: K }, (_, k) => decode(values.subarray(k * rows, (k + 1) * rows)));
}

/**
 * One member's test scores in the data-hunger experiment.
 * Used in lessons: 05.
 */
export interface HungerScore {
  numLabels: number;
  trainingRows: number;
  repetition: number;
  head: Head;
  exactMatch: number;
  hammingLoss: number;
}

/**
 * The data-hunger experiment for one label count: at every size of `LESSON05.sizes` and in every
 * repetition, a sigmoid head and a powerset head train on the same rows (the first `size` rows
 * of that repetition's pool) with the same number of optimizer steps, and are scored on the same
 * test rows. Repetition r draws its own data with seed `repetitionSeeds(seed, S)[r]` and uses
 * that seed for both heads' weights and batch order.
 * Used in lessons: 05.
 * @returns one score per size, repetition and head
 * @throws InputError for a label count the powerset cannot take, or a bad seed.
 */
export async function dataHunger(
  numLabels: number,
  seed: number,
  options: { repetitions?: number; sizes?: readonly number[]; progress?: boolean } = {},
): Promise<HungerScore[]> {
  const { repetitions = LESSON05.repetitions, sizes = LESSON05.sizes, progress = false } = options;
  const seeds = repetitionSeeds(seed, repetitions);
  const largest = Math.max(...sizes);
  const length = LESSON05.rowsPerPass;
  const draws = seeds.map((s) => lessonDraw(numLabels, s, largest));
  const members = sizes.flatMap((size) => seeds.map((_, r) => ({ size, r })));
  const data: HeadData = {
    x: draws.flatMap((d) => d.xPool),
    y: draws.flatMap((d) => d.yPool),
    memberRows: members.map(({ size, r }) => repeatedRows(size, length, r * largest)),
    seeds: members.map(({ r }) => seeds[r]),
  };
  const xTest = members.map(({ r }) => draws[r].xTest);
  const scores: HungerScore[] = [];
  for (const head of ['sigmoid', 'powerset'] as const) {
    const ensemble = await trainHead(head, data, {
      progress: progress ? `n=${numLabels} ${head}` : false,
    });
    try {
      const decisions = headDecisions(head, ensemble, xTest, numLabels);
      members.forEach(({ size, r }, k) => {
        const yTest = draws[r].yTest;
        scores.push({
          numLabels,
          trainingRows: size,
          repetition: r,
          head,
          exactMatch: subsetAccuracy(yTest, decisions[k]),
          hammingLoss: hammingLoss(yTest, decisions[k]),
        });
      });
    } finally {
      ensemble.dispose();
    }
  }
  return scores;
}

/** Both heads at one label count and training-set size, over the repetitions. */
export interface HeadComparison {
  numLabels: number;
  trainingRows: number;
  sigmoid: Interval;
  powerset: Interval;
  /** Paired over repetitions: sigmoid - powerset. */
  comparison: PairedComparison;
}

/**
 * The mean of each head with its 95% interval, and the paired comparison sigmoid - powerset, for
 * every label count and training-set size in `scores`.
 * Used in lessons: 05.
 * @param metric `'exactMatch'` (higher is better) or `'hammingLoss'` (lower is better)
 * @throws InputError when a cell has fewer than 2 repetitions or the heads' repetitions differ.
 */
export function compareHeads(
  scores: readonly HungerScore[],
  metric: 'exactMatch' | 'hammingLoss',
): HeadComparison[] {
  if (metric !== 'exactMatch' && metric !== 'hammingLoss')
    throw new InputError(`metric must be 'exactMatch' or 'hammingLoss', got ${describe(metric)}`);
  const cells = new Map<string, { numLabels: number; trainingRows: number }>();
  for (const s of scores) cells.set(`${s.numLabels}/${s.trainingRows}`, s);
  return [...cells.values()].map(({ numLabels, trainingRows }) => {
    const values = (head: Head) =>
      scores
        .filter((s) => s.numLabels === numLabels && s.trainingRows === trainingRows)
        .filter((s) => s.head === head)
        .sort((a, b) => a.repetition - b.repetition)
        .map((s) => s[metric]);
    const [a, b] = [values('sigmoid'), values('powerset')];
    return {
      numLabels,
      trainingRows,
      sigmoid: meanInterval(a),
      powerset: meanInterval(b),
      comparison: pairedComparison(a, b, { higherIsBetter: metric === 'exactMatch' }),
    };
  });
}

/**
 * The sigmoid head's lead over the powerset, averaged over the training-set sizes within each
 * repetition, as a mean over repetitions with its 95% interval: one number per label count that
 * sums up the curve of paired differences.
 * Used in lessons: 05.
 * @param metric `'exactMatch'` or `'hammingLoss'`; the difference is sigmoid - powerset
 * @throws InputError when `scores` has no score for `numLabels`, or misses a size, repetition or
 *   head that another score of `numLabels` has.
 */
export function gapOverSizes(
  scores: readonly HungerScore[],
  numLabels: number,
  metric: 'exactMatch' | 'hammingLoss',
): Interval {
  const mine = scores.filter((s) => s.numLabels === numLabels);
  if (mine.length === 0) throw new InputError(`scores has no score for numLabels ${numLabels}`);
  const sizes = [...new Set(mine.map((s) => s.trainingRows))];
  const repetitions = [...new Set(mine.map((s) => s.repetition))].sort((a, b) => a - b);
  const at = (head: Head, size: number, r: number): number => {
    const found = mine.find(
      (s) => s.head === head && s.trainingRows === size && s.repetition === r,
    );
    if (!found)
      throw new InputError(
        `scores has no ${head} score for numLabels ${numLabels}, ${size} rows, repetition ${r}`,
      );
    return found[metric];
  };
  return meanInterval(
    repetitions.map(
      (r) =>
        sizes.reduce((sum, size) => sum + at('sigmoid', size, r) - at('powerset', size, r), 0) /
        sizes.length,
    ),
  );
}

/**
 * How many rows have each label combination, most frequent first.
 * Used in lessons: 05.
 * @throws InputError for a matrix that is not 0/1.
 */
export function rankedFrequencies(yTrue: number[][]): number[] {
  return countCombinations(yTrue)
    .map((c) => c.count)
    .sort((a, b) => b - a);
}

/**
 * The best one output layer can do for a single row, found by gradient descent on free logits
 * (Adam from all-zero logits, so the result is the same at every run): a softmax over the labels
 * trained with categorical cross-entropy `-sum(y * log p)`, or one sigmoid per label trained with
 * binary cross-entropy. Shows what each loss asks of the outputs for a given target row.
 * Used in lessons: 05.
 * @param yRow the target labels, 0/1
 * @returns the outputs' probabilities and the loss reached
 * @throws InputError for a row that is not 0/1, or a step count that is not a positive integer.
 */
export function bestOutputsForRow(
  yRow: readonly number[],
  activation: 'softmax' | 'sigmoid',
  numSteps = 150,
): { probs: number[]; loss: number } {
  assertBinaryRow('yRow', yRow);
  assertInteger('numSteps', numSteps, 1);
  if (activation !== 'softmax' && activation !== 'sigmoid')
    throw new InputError(`activation must be 'softmax' or 'sigmoid', got ${describe(activation)}`);
  const logits = tf.variable(tf.zeros<tf.Rank.R2>([1, yRow.length]));
  const target = tf.tensor2d([[...yRow]]);
  const optimizer = tf.train.adam(0.1);
  const lossOf = (): tf.Scalar =>
    activation === 'softmax'
      ? (tf.neg(tf.sum(tf.mul(target, tf.logSoftmax(logits)))) as tf.Scalar)
      : tf.losses.sigmoidCrossEntropy(target, logits);
  try {
    for (let i = 0; i < numSteps; i++) optimizer.minimize(lossOf, false, [logits]);
    return tf.tidy(() => ({
      probs: Array.from(
        (activation === 'softmax' ? tf.softmax(logits) : tf.sigmoid(logits)).dataSync(),
      ),
      loss: lossOf().dataSync()[0],
    }));
  } finally {
    tf.dispose([logits, target]);
    optimizer.dispose();
  }
}

/** The held-out experiment's outcome: test rows with the held-out combination, and hits. */
export interface HeldOutResult {
  /** The powerset's outputs: one per combination seen in any repetition's training rows. */
  numClasses: number;
  /** Whether any output of the powerset stands for the held-out combination. */
  powersetHasClass: boolean;
  /** Per repetition: test rows with the combination, and rows predicted exactly by each head. */
  perRepetition: { testRows: number; sigmoidHits: number; powersetHits: number }[];
}

/**
 * Holds one label combination out of training: in every repetition (its own data draw, seeds from
 * `repetitionSeeds(seed, repetitions)`), both heads train on the pool's rows without `held`, the
 * powerset over the combinations seen in training (`SeenCombinationsCodec` fitted on every
 * repetition's kept rows), and both predict the test rows that have `held`.
 * Used in lessons: 05.
 * @throws InputError for a `held` row that is not 0/1, or a bad seed.
 */
export async function holdOutCombination(
  held: readonly number[],
  seed: number,
  codec: SeenCombinationsCodec,
  options: { repetitions?: number; poolRows?: number } = {},
): Promise<HeldOutResult> {
  assertBinaryRow('held', held);
  const { repetitions = LESSON05.repetitions, poolRows = 1000 } = options;
  const n = held.length;
  const key = held.join();
  const seeds = repetitionSeeds(seed, repetitions);
  const draws = seeds.map((s) => lessonDraw(n, s, poolRows));
  const kept = draws.map((d) => d.yPool.map((_, i) => i).filter((i) => d.yPool[i].join() !== key));
  // Only the kept rows enter the training data, so the held-out combination is nowhere in it.
  const xKept = kept.flatMap((rows, r) => rows.map((i) => draws[r].xPool[i]));
  const yKept = kept.flatMap((rows, r) => rows.map((i) => draws[r].yPool[i]));
  codec.fit(yKept);
  const starts = kept.map((_, r) => kept.slice(0, r).reduce((sum, rows) => sum + rows.length, 0));
  const data: HeadData = {
    x: xKept,
    y: yKept,
    memberRows: kept.map((rows, r) => rows.map((_, i) => starts[r] + i)),
    seeds,
  };
  const tests = draws.map((d) => d.yTest.map((_, i) => i).filter((i) => d.yTest[i].join() === key));
  // Members predict a block of equal length: their own test rows, padded with row 0.
  const longest = Math.max(1, ...tests.map((t) => t.length));
  const xTest = draws.map((d, r) =>
    Array.from({ length: longest }, (_, i) => d.xTest[tests[r][i] ?? 0]),
  );
  const coding = seenCombinations(codec);
  const hits: Record<Head, number[]> = { sigmoid: [], powerset: [] };
  for (const head of ['sigmoid', 'powerset'] as const) {
    const ensemble = await trainHead(head, data, { numEpochs: 6, coding });
    try {
      const decisions = headDecisions(head, ensemble, xTest, n, coding);
      hits[head] = tests.map((t, r) => t.filter((_, i) => decisions[r][i].join() === key).length);
    } finally {
      ensemble.dispose();
    }
  }
  return {
    numClasses: codec.numClasses,
    powersetHasClass: codec.combinations.some((row) => row.join() === key),
    perRepetition: tests.map((t, r) => ({
      testRows: t.length,
      sigmoidHits: hits.sigmoid[r],
      powersetHits: hits.powerset[r],
    })),
  };
}
