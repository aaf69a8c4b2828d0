/**
 * Lesson 05's data recipes and tables: n sigmoid outputs against one softmax over the 2^n label
 * combinations (the label powerset). The models are written and trained in the notebook; this
 * module draws the data, lays out the members of the experiments, turns the members' logits into
 * label rows and builds the comparisons.
 */
import * as tf from '@tensorflow/tfjs';
import { repeatedRows } from '../core/ensemble';
import { makeLatentMultiLabel } from '../core/latent';
import { decodePowersetRows, encodePowersetRows, pow2 } from '../core/powerset';
import type { SeenCombinationsCodec } from '../core/powerset';
import { assertBinaryRow, assertInteger, describe, InputError } from '../core/validate';
import { hammingLoss, subsetAccuracy } from '../eval/metrics';
import { meanInterval, pairedComparison, repetitionSeeds } from '../eval/uncertainty';
import type { Interval, PairedComparison } from '../eval/uncertainty';

/**
 * The two output heads: n sigmoids, or one softmax over label combinations.
 * Used in lessons: 05.
 */
export type Head = 'sigmoid' | 'powerset';

const TEST_ROWS = 1000;

/**
 * One data draw of lesson 05: `makeLatentMultiLabel` with 24 features from 4 hidden factors
 * (feature noise 0.3), 1,000 test rows first, then a training pool of `poolRows` rows.
 * Used in lessons: 05.
 * @param interactionStrength weight of the interaction every label shares (the generator's 1.5)
 * @throws InputError for a label count, pool size or seed out of range.
 */
export function lessonDraw(numLabels: number, seed: number, poolRows: number, interaction = 1.5) {
  assertInteger('poolRows', poolRows, 1);
  const { x, y } = makeLatentMultiLabel({
    ...{ numSamples: TEST_ROWS + poolRows, numFeatures: 24, numLatents: 4, numLabels, seed },
    ...{ featureNoise: 0.3, interactionStrength: interaction },
  });
  const t = TEST_ROWS;
  return { xTest: x.slice(0, t), yTest: y.slice(0, t), xPool: x.slice(t), yPool: y.slice(t) };
}

/**
 * How a powerset head numbers label rows: `numClasses` outputs, rows to classes and back.
 * Used in lessons: 05.
 */
export interface ClassCoding {
  numClasses: number;
  encode(yTrue: number[][]): number[];
  decode(classIndices: ArrayLike<number>): number[][];
}

/**
 * All 2^n combinations, each read as a binary number (`encodePowersetRows`), or, given a fitted
 * `SeenCombinationsCodec`, only the combinations it saw.
 * Used in lessons: 05.
 * @throws InputError for a label count outside [1, 30], or a codec that was never fitted.
 */
export function classCoding(numLabels: number, codec?: SeenCombinationsCodec): ClassCoding {
  if (codec) {
    const numClasses = codec.numClasses; // throws for a codec never fitted
    const encode = (yTrue: number[][]) => codec.transform(yTrue);
    return { numClasses, encode, decode: (c) => codec.inverseTransform(c) };
  }
  decodePowersetRows([0], numLabels); // checks numLabels
  const decode = (classIndices: ArrayLike<number>) => decodePowersetRows(classIndices, numLabels);
  return { numClasses: pow2(numLabels), encode: (y) => encodePowersetRows(y), decode };
}

/**
 * The members of one experiment: shared training rows `x`, `y`, each member's rows into them
 * (repeats allowed), its seed (initial weights and batch order), its test rows `[K, rows,
 * features]` (one length for all) and labels, its training-set size and repetition.
 * Used in lessons: 05.
 */
export interface MemberRuns {
  numLabels: number;
  x: number[][];
  y: number[][];
  memberRows: number[][];
  seeds: number[];
  xTest: tf.Tensor3D;
  yTest: number[][][];
  members: { size: number; repetition: number }[];
}

/**
 * The data-hunger experiment's members for one label count, one per training-set size and
 * repetition. Repetition r draws its own data with seed `repetitionSeeds(seed, repetitions)[r]`,
 * also its members' seed; a member of size s trains on the first s rows of its pool repeated to
 * `rowsPerPass` rows (`repeatedRows`), so that every member takes as many optimizer steps. The
 * caller disposes `xTest`.
 * Used in lessons: 05.
 * @throws InputError for sizes that do not divide `rowsPerPass`, or a bad seed or label count.
 */
export function hungerRuns(
  numLabels: number,
  seed: number,
  options: { sizes: number[]; repetitions: number; rowsPerPass: number; interaction?: number },
): MemberRuns {
  const { sizes, repetitions, rowsPerPass, interaction } = options;
  const seeds = repetitionSeeds(seed, repetitions);
  const largest = Math.max(...sizes);
  const draws = seeds.map((s) => lessonDraw(numLabels, s, largest, interaction));
  const members = sizes.flatMap((size) => seeds.map((_, repetition) => ({ size, repetition })));
  return {
    numLabels,
    x: draws.flatMap((d) => d.xPool),
    y: draws.flatMap((d) => d.yPool),
    memberRows: members.map((m) => repeatedRows(m.size, rowsPerPass, m.repetition * largest)),
    seeds: members.map((m) => seeds[m.repetition]),
    xTest: tf.tensor3d(members.map((m) => draws[m.repetition].xTest)),
    yTest: members.map((m) => draws[m.repetition].yTest),
    members,
  };
}

/**
 * The held-out experiment's members, one per repetition (its own draw and seed, from
 * `repetitionSeeds(seed, repetitions)`): the pool's rows without `held` to train on, and the test
 * rows that have `held`, padded with row 0 to one length (`testRows` counts the real ones). The
 * caller disposes `xTest`.
 * Used in lessons: 05.
 * @throws InputError for a `held` row that is not 0/1, or a bad seed.
 */
export function heldOutRuns(
  held: readonly number[],
  seed: number,
  options: { repetitions: number; poolRows: number },
): MemberRuns & { testRows: number[] } {
  assertBinaryRow('held', held);
  const key = held.join();
  const seeds = repetitionSeeds(seed, options.repetitions);
  const draws = seeds.map((s) => lessonDraw(held.length, s, options.poolRows));
  const kept = draws.map((d) => d.yPool.flatMap((row, i) => (row.join() === key ? [] : [i])));
  const tests = draws.map((d) => d.yTest.flatMap((row, i) => (row.join() === key ? [i] : [])));
  const starts = kept.map((_, r) => kept.slice(0, r).reduce((sum, rows) => sum + rows.length, 0));
  const longest = Math.max(1, ...tests.map((t) => t.length));
  const pad = (rows: number[][], t: number[]) =>
    Array.from({ length: longest }, (_, i) => rows[t[i] ?? 0]);
  return {
    numLabels: held.length,
    x: kept.flatMap((rows, r) => rows.map((i) => draws[r].xPool[i])),
    y: kept.flatMap((rows, r) => rows.map((i) => draws[r].yPool[i])),
    memberRows: kept.map((rows, r) => rows.map((_, i) => starts[r] + i)),
    seeds,
    xTest: tf.tensor3d(draws.map((d, r) => pad(d.xTest, tests[r]))),
    yTest: draws.map((d, r) => pad(d.yTest, tests[r])),
    members: kept.map((rows, repetition) => ({ size: rows.length, repetition })),
    testRows: tests.map((t) => t.length),
  };
}

/**
 * Every member's 0/1 label rows from its logits `[K, rows, outputs]`: z >= 0 (p >= 0.5) per
 * sigmoid output, or the class with the largest logit (the most probable) decoded to its row.
 * Used in lessons: 05.
 * @throws InputError for logits that are not a rank-3 tensor.
 */
export function memberDecisions(head: Head, logits: tf.Tensor, coding: ClassCoding): number[][][] {
  if (!(logits instanceof tf.Tensor) || logits.rank !== 3)
    throw new InputError(`logits must be a [K, rows, outputs] tensor, got ${describe(logits)}`);
  const [K, rows, w] = logits.shape;
  const picked = tf.tidy(() => (head === 'powerset' ? logits.argMax(2) : logits.greaterEqual(0)));
  const v = picked.dataSync();
  picked.dispose();
  return Array.from({ length: K }, (_, k) =>
    head === 'powerset'
      ? coding.decode(v.subarray(k * rows, (k + 1) * rows))
      : Array.from({ length: rows }, (_, i) =>
          Array.from(v.subarray((k * rows + i) * w).slice(0, w)),
        ),
  );
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
 * Each member's exact match and Hamming loss on its own test rows.
 * Used in lessons: 05.
 */
export function hungerScores(runs: MemberRuns, head: Head, decisions: number[][][]): HungerScore[] {
  return runs.members.map(({ size, repetition }, k) => ({
    ...{ numLabels: runs.numLabels, trainingRows: size, repetition, head },
    exactMatch: subsetAccuracy(runs.yTest[k], decisions[k]),
    hammingLoss: hammingLoss(runs.yTest[k], decisions[k]),
  }));
}

/**
 * Both heads at one label count and training-set size, over the repetitions; the comparison is
 * paired, sigmoid - powerset.
 * Used in lessons: 05.
 */
export interface HeadComparison {
  numLabels: number;
  trainingRows: number;
  sigmoid: Interval;
  powerset: Interval;
  comparison: PairedComparison;
}

type Metric = 'exactMatch' | 'hammingLoss';

/** One head's scores at a label count and size, in the order of the repetitions. */
function valuesOf(
  scores: readonly HungerScore[],
  head: Head,
  n: number,
  size: number,
  metric: Metric,
) {
  return scores
    .filter((s) => s.head === head && s.numLabels === n && s.trainingRows === size)
    .sort((a, b) => a.repetition - b.repetition)
    .map((s) => s[metric]);
}

/**
 * Each head's mean with its 95% interval, and the paired comparison sigmoid - powerset, for
 * every label count and training-set size in `scores`.
 * Used in lessons: 05.
 * @param metric `'exactMatch'` (higher is better) or `'hammingLoss'` (lower is better)
 * @throws InputError for another metric, a cell with fewer than 2 repetitions or heads whose
 *   repetitions differ.
 */
export function compareHeads(scores: readonly HungerScore[], metric: Metric): HeadComparison[] {
  if (metric !== 'exactMatch' && metric !== 'hammingLoss')
    throw new InputError(`metric must be 'exactMatch' or 'hammingLoss', got ${describe(metric)}`);
  const cells = new Map(scores.map((s) => [`${s.numLabels}/${s.trainingRows}`, s]));
  return [...cells.values()].map(({ numLabels, trainingRows }) => {
    const a = valuesOf(scores, 'sigmoid', numLabels, trainingRows, metric);
    const b = valuesOf(scores, 'powerset', numLabels, trainingRows, metric);
    const comparison = pairedComparison(a, b, { higherIsBetter: metric === 'exactMatch' });
    return {
      numLabels,
      trainingRows,
      sigmoid: meanInterval(a),
      powerset: meanInterval(b),
      comparison,
    };
  });
}

/**
 * The sigmoid head's lead over the powerset (sigmoid - powerset) averaged over the training-set
 * sizes within each repetition, as a mean over repetitions with its 95% interval.
 * Used in lessons: 05.
 * @throws InputError when `scores` has no score for `numLabels`, or misses a size, repetition or
 *   head that another score of `numLabels` has.
 */
export function gapOverSizes(
  scores: readonly HungerScore[],
  numLabels: number,
  metric: Metric,
): Interval {
  const mine = scores.filter((s) => s.numLabels === numLabels);
  if (mine.length === 0) throw new InputError(`scores has no score for numLabels ${numLabels}`);
  const key = (head: Head, size: number, r: number) => `${head}/${size}/${r}`;
  const found = new Map(mine.map((s) => [key(s.head, s.trainingRows, s.repetition), s[metric]]));
  const at = (head: Head, size: number, r: number): number => {
    const value = found.get(key(head, size, r));
    if (value === undefined)
      throw new InputError(
        `scores has no ${head} score for numLabels ${numLabels}, ${size} rows, repetition ${r}`,
      );
    return value;
  };
  const sizes = [...new Set(mine.map((s) => s.trainingRows))];
  const repetitions = [...new Set(mine.map((s) => s.repetition))].sort((a, b) => a - b);
  const gap = (r: number) =>
    sizes.reduce((sum, s) => sum + at('sigmoid', s, r) - at('powerset', s, r), 0) / sizes.length;
  return meanInterval(repetitions.map(gap));
}
