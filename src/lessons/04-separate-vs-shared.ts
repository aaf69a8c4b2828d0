/**
 * Lesson 04's data and its saved experiment: camera frames with three labels, frames with many
 * labels on the same few factors, and the sharing experiment at many repetitions
 * (`runSharing`, written to data/lesson04-sharing.json by scripts/lesson04-sharing.ts).
 */

import { dataFile, readSavedFigureLists, type SavedRun } from '../core/saved-runs';

import {
  makeLatentMultiLabel,
  type LatentMultiLabelData,
  type LatentMultiLabelOptions,
} from '../core/latent';
import { assertInteger, describe, InputError } from '../core/validate';

/**
 * The three labels of lesson 04's camera frames.
 * Used in lessons: 04.
 */
export const SCENE_LABELS = ['car', 'bus', 'pedestrian'] as const;

/** Generator settings other than the row count, label count and seed. */
export type SceneOptions = Omit<LatentMultiLabelOptions, 'numSamples' | 'numLabels' | 'seed'>;

/**
 * Lesson 04's generator settings (all but the row count and seed).
 */
export const SCENE_OPTIONS: Readonly<SceneOptions> = {
  numFeatures: 24,
  numLatents: 3,
  featureNoise: 0.6,
  sharedNoise: 0,
  flipY: 0.01,
  interactionStrength: 1.5,
};

/**
 * Lesson 04's "camera frames": 24 noisy features mixed from 3 latents, and the labels car, bus
 * and pedestrian, each a rule on two latents (car: z0, z1; bus: z1, z2; pedestrian: z2, z0)
 * plus the common interaction z0 z1, with 1% label noise. `overrides` changes a setting, e.g.
 * `{ sharedNoise: 1 }` for labels linked beyond the features; with the same seed, frames with
 * and without it have the same features and differ only in their labels.
 * Used in lessons: 04.
 * @throws InputError for a bad row count, seed or override.
 */
export function makeScenes(
  numSamples: number,
  seed: number,
  overrides: Partial<SceneOptions> = {},
): LatentMultiLabelData {
  return makeLatentMultiLabel({
    ...SCENE_OPTIONS,
    ...overrides,
    numSamples,
    numLabels: SCENE_LABELS.length,
    seed,
  });
}

/**
 * One repetition's frames: a test split, and a training pool whose first n rows are a set.
 * Used in lessons: 04.
 */
export interface SceneSplit {
  xTrain: number[][];
  yTrain: number[][];
  xTest: number[][];
  yTest: number[][];
}

/**
 * One split per repetition seed: the frames of `makeScenes(rows.test + rows.train, seed,
 * overrides)`, the first `rows.test` of them the test split, the others the training pool.
 * Used in lessons: 04.
 * @throws InputError for no seeds or row counts that are not positive integers.
 */
export function sceneSplits(
  seeds: readonly number[],
  rows: { train: number; test: number },
  overrides: Partial<SceneOptions> = {},
): SceneSplit[] {
  if (!Array.isArray(seeds as unknown) || seeds.length === 0)
    throw new InputError(`seeds must be a non-empty array of seeds, got ${describe(seeds)}`);
  assertInteger('rows.train', rows.train, 1);
  assertInteger('rows.test', rows.test, 1);
  return seeds.map((seed) => {
    const { x, y } = makeScenes(rows.test + rows.train, seed, overrides);
    const [xTest, yTest] = [x.slice(0, rows.test), y.slice(0, rows.test)];
    return { xTest, yTest, xTrain: x.slice(rows.test), yTrain: y.slice(rows.test) };
  });
}

/**
 * A repetition of the many-label frames: the splits of the first `numLabels` labels, the latent
 * factors of the test rows, and one more label on the same factors, held out of every network.
 */
export interface ManyLabelSplit extends SceneSplit {
  zTest: number[][];
  newTrain: number[];
  newTest: number[];
}

/**
 * Frames with many labels on the same few factors: `SCENE_OPTIONS` (3 factors, 24 features)
 * with `numLabels + 1` rules, label j on factors (j mod 3, ...) plus the common interaction; the
 * last label is held out (`newTrain`, `newTest`). Rows are split as by {@link sceneSplits}.
 * Used in lessons: 04.
 * @throws InputError for no seeds, or counts that are not positive integers.
 */
export function manyLabelSplits(
  seeds: readonly number[],
  rows: { train: number; test: number },
  numLabels: number,
): ManyLabelSplit[] {
  if (!Array.isArray(seeds as unknown) || seeds.length === 0)
    throw new InputError(`seeds must be a non-empty array of seeds, got ${describe(seeds)}`);
  assertInteger('rows.train', rows.train, 1);
  assertInteger('rows.test', rows.test, 1);
  assertInteger('numLabels', numLabels, 1);
  const T = rows.test;
  return seeds.map((seed) => {
    const n = rows.test + rows.train;
    const d = makeLatentMultiLabel({
      ...SCENE_OPTIONS,
      numSamples: n,
      numLabels: numLabels + 1,
      seed,
    });
    const y = d.y.map((r) => r.slice(0, numLabels));
    const held = d.y.map((r) => r[numLabels]);
    return {
      ...{ xTest: d.x.slice(0, T), yTest: y.slice(0, T), xTrain: d.x.slice(T), yTrain: y.slice(T) },
      ...{ zTest: d.latents.slice(0, T), newTest: held.slice(0, T), newTrain: held.slice(T) },
    };
  });
}

/**
 * The sharing experiment's settings. `few`: the lesson's three labels, separate networks of
 * `hidden` units each against shared ones of `hidden` and `wideHidden` units. `many`: 12 labels,
 * a shared network of `sharedHidden` units against 12 separate ones of `separateHidden` units
 * (equal parameters: 37·34 + 12 = 1,270 against 12·(26·4 + 1) = 1,260) and of `sharedHidden`
 * units each; the probe and new-label tests use the networks of the first size. Every network
 * takes the same steps: `budget`, Adam at `learningRate`.
 */
export const SHARING = {
  seed: 0,
  repetitions: 48,
  rows: { train: 900, test: 1000 },
  budget: { numEpochs: 5, batchSize: 30, rowsPerEpoch: 900 },
  learningRate: 0.01,
  few: { sizes: [900, 300, 100], hidden: 32, wideHidden: 96 },
  many: { numLabels: 12, sizes: [100, 300, 900], sharedHidden: 34, separateHidden: 4 },
  probe: { fitRows: 500 },
  newLabel: { rows: 20 },
} as const;

/** Scores per figure name, one value per repetition (see scripts/lesson04-sharing.ts). */
export type SharingFigures = Record<string, number[]>;

/** What data/lesson04-sharing.json holds (written by scripts/lesson04-sharing.ts). */
export type SharingRecord = SavedRun<
  Omit<typeof SHARING, 'seed'> & { seed: number; seeds: number[] },
  SharingFigures
>;

/** Where the sharing experiment's figures are saved. */
export const SHARING_FILE = dataFile('lesson04-sharing.json');

/**
 * The saved sharing figures, checked: every figure has one finite value per repetition.
 * Used in lessons: 04.
 * @throws InputError when the file is missing a part or a figure has the wrong length.
 */
export function loadSharing(path = SHARING_FILE): SharingRecord {
  return readSavedFigureLists<SharingRecord>(path);
}
