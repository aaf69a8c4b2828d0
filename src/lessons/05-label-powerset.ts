/**
 * Lesson 05's data recipes and tables: n sigmoid outputs against one softmax over the 2^n label
 * combinations (the label powerset). The models are written and trained in the notebook; this
 * module draws the data, lays out the members of the experiments, turns the members' logits into
 * label rows and builds the comparisons.
 */
import * as tf from '@tensorflow/tfjs';
import { repeatedRows, trainEnsemble } from '../core/ensemble';
import type { EnsembleHistory, EnsembleTrainOptions } from '../core/ensemble';
import { ensembleOf } from '../core/model-ensemble';
import { makeLatentMultiLabel } from '../core/latent';
import { classCoding, memberDecisions } from '../core/head-decisions';
import type { ClassCoding, Head } from '../core/head-decisions';
import { assertBinaryRow, assertInteger, describe, InputError } from '../core/validate';
import { hammingLoss, subsetAccuracy } from '../eval/metrics';
import { meanInterval, pairedComparison } from '../eval/uncertainty';
import { repetitionSeeds } from '../core/seeds';

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
 * The members of one experiment: shared training rows `x`, `y`, each member's rows into them
 * (repeats allowed), its seed (initial weights and batch order), its test rows `[K, rows,
 * features]` (one length for all) and labels, its training-set size and repetition.
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
 * `rowsPerPass` rows (`repeatedRows`: one epoch is as many steps at every size), followed by the
 * draw's own `validationRows` rows after the largest size (the same rows for every size), which
 * `validationSplit` holds out exactly. The caller disposes `xTest`.
 * Used in lessons: 05.
 * @throws InputError for sizes that do not divide `rowsPerPass`, or a bad seed or label count.
 */
export function hungerRuns(
  numLabels: number,
  seed: number,
  options: { sizes: number[]; repetitions: number; rowsPerPass: number } & {
    interaction?: number;
    validationRows?: number;
  },
): MemberRuns & { validationSplit: number } {
  const { sizes, repetitions, rowsPerPass, interaction, validationRows: v = 0 } = options;
  const seeds = repetitionSeeds(seed, repetitions);
  const largest = Math.max(...sizes);
  const draws = seeds.map((s) => lessonDraw(numLabels, s, largest + v, interaction));
  const members = sizes.flatMap((size) => seeds.map((_, repetition) => ({ size, repetition })));
  const pool = (r: number) => r * (largest + v);
  const held = (r: number) => Array.from({ length: v }, (_, i) => pool(r) + largest + i);
  const validationSplit = v / (rowsPerPass + v);
  // trainEnsemble holds out floor(rows * split) rows: check that it is exactly the block.
  if (Math.floor((rowsPerPass + v) * validationSplit) !== v)
    throw new InputError(`validationRows ${v} cannot be split off ${rowsPerPass} rows exactly`);
  return {
    numLabels,
    x: draws.flatMap((d) => d.xPool),
    y: draws.flatMap((d) => d.yPool),
    memberRows: members.map((m) => [
      ...repeatedRows(m.size, rowsPerPass, pool(m.repetition)),
      ...held(m.repetition),
    ]),
    seeds: members.map((m) => seeds[m.repetition]),
    xTest: tf.tensor3d(members.map((m) => draws[m.repetition].xTest)),
    yTest: members.map((m) => draws[m.repetition].yTest),
    members,
    validationSplit,
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
export type HeadComparison = ReturnType<typeof compareHeads>[number];

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
export function compareHeads(scores: readonly HungerScore[], metric: Metric) {
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
 * Per repetition, the sigmoid head's lead over the powerset (sigmoid - powerset) at one label
 * count and training-set size, in the order of the repetitions.
 * Used in lessons: 05.
 * @throws InputError when the heads have no scores there or not as many.
 */
export function gapsOf(scores: readonly HungerScore[], n: number, size: number, metric: Metric) {
  const a = valuesOf(scores, 'sigmoid', n, size, metric);
  const b = valuesOf(scores, 'powerset', n, size, metric);
  if (a.length === 0 || a.length !== b.length)
    throw new InputError(`scores must have both heads at n = ${n}, ${size} rows, as often`);
  return a.map((v, r) => v - b[r]);
}

/**
 * The saved data-hunger run (scripts/lesson05-data-hunger.ts, data/lesson05-data-hunger.json):
 * early stopping at every label count and size, and a sweep of step budgets (`checkpoints`, in
 * epochs) at one size; steps are batches of `batchSize` rows, Adam at `learningRate`.
 */
export const HUNGER_SETTINGS = {
  ...{ numLabels: [4, 6, 8], sizes: [100, 300, 1000], repetitions: 12, validationRows: 500 },
  ...{ patienceSteps: 48, maxSteps: 2000, batchSize: 64, learningRate: 0.02, hiddenUnits: 32 },
  sweep: { trainingRows: 300, checkpoints: [2, 4, 8, 16, 32, 64, 128, 256] },
};

/**
 * Trains one head for every member of `runs`: K copies of `build(seed, outputs)`, trained by
 * `trainEnsemble` with `options` (a loss from the logits) on each member's rows and seed; then
 * decides each member's test rows (with `coding`, all 2^n classes by default). With `checkpoints`
 * (epochs, no early stopping) it also scores the members after each of those epochs.
 * Used in lessons: 05.
 * @returns the training history, the final decisions and scores, and the scores per checkpoint
 * @throws InputError for checkpoints together with early stopping, or what `trainEnsemble` throws.
 */
export async function trainHead(
  build: (seed: number, outputs: number) => tf.LayersModel,
  head: Head,
  runs: MemberRuns,
  options: Omit<EnsembleTrainOptions, 'seeds' | 'memberRows' | 'onEpochEnd'> & {
    checkpoints?: readonly number[];
    coding?: ClassCoding;
  },
) {
  const { checkpoints = [], coding = classCoding(runs.numLabels), ...schedule } = options;
  if (checkpoints.length > 0 && schedule.earlyStopping)
    throw new InputError('checkpoints need every member to train every epoch: no earlyStopping');
  const many = ensembleOf(
    (s) => build(s, head === 'sigmoid' ? runs.numLabels : coding.numClasses),
    runs.seeds,
  );
  const targets = head === 'sigmoid' ? runs.y : coding.encode(runs.y).map((c) => [c]);
  const [x, y] = [tf.tensor2d(runs.x), tf.tensor2d(targets)];
  const decide = () => {
    const logits = many.predict(runs.xTest);
    const decisions = memberDecisions(head, logits, coding); // z >= 0 is p >= 0.5; argmax
    logits.dispose();
    return decisions;
  };
  const atCheckpoints: HungerScore[][] = [];
  try {
    const history: EnsembleHistory = await trainEnsemble(many, x, y, {
      ...schedule,
      seeds: runs.seeds,
      memberRows: runs.memberRows,
      onEpochEnd: (k, epoch) => {
        if (k === runs.seeds.length - 1 && checkpoints.includes(epoch + 1))
          atCheckpoints.push(hungerScores(runs, head, decide()));
      },
    });
    const decisions = decide();
    return { history, decisions, scores: hungerScores(runs, head, decisions), atCheckpoints };
  } finally {
    tf.dispose([x, y]);
    many.dispose();
  }
}
