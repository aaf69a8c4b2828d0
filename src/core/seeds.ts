/**
 * The seed rule of the lessons, in one place: a lesson's `SEED` is a whole number from 0 to
 * {@link MAX_SEED} (the runner and `lessonSeed` check it), and every other seed is derived from
 * it here: repetitions by {@link repetitionSeeds}, networks of a repetition by
 * {@link networkSeeds}, and a repetition's data, where its networks start from its own seed, by
 * {@link dataSeed}. Seeds of networks stay below 2^31, the bound of TensorFlow.js's seeded
 * initializers; seeds of data, which only our own generator takes, below 2^32.
 */
import { createRng } from './random';
import { assertInteger } from './validate';

/**
 * Largest seed {@link repetitionSeeds} takes: `seed * 1000 + r` stays below 2^31, the bound of
 * TensorFlow.js's seeded initializers. It is the bound of a lesson's seed too.
 */
export const MAX_SEED = 2 ** 21;

/** Largest derived seed: {@link repetitionSeeds} gives seeds up to it, the others take them. */
export const MAX_DERIVED_SEED = 2 ** 31 - 1;

/**
 * The seeds of S repetitions of an experiment, derived from the lesson's `SEED`: repetition r
 * uses `seed * 1000 + r`, so two lessons' seeds never collide for the first thousand repetitions,
 * and changing `SEED` changes every repetition's data, weights and batch order.
 * Used in lessons: 01, 02, 04, 06.
 * @throws InputError for a seed or count that is not a non-negative integer (count >= 2).
 */
export function repetitionSeeds(seed: number, count: number): number[] {
  assertInteger('seed', seed, 0, MAX_SEED);
  assertInteger('count', count, 2, 1000);
  return Array.from({ length: count }, (_, r) => seed * 1000 + r);
}

/**
 * The seeds of a repetition's networks, drawn from its seed (so they are not the data's own
 * seed): `shared` for a network with one output per label, `labels[j]` for label j's network
 * with one output. They stay below 2^30, since layer i of a network may take its seed + i.
 * Used in lessons: 04.
 */
export function networkSeeds(seed: number, numLabels: number) {
  assertInteger('seed', seed, 0, MAX_DERIVED_SEED);
  assertInteger('numLabels', numLabels, 1, 1_000_000);
  const rng = createRng((seed + 0x9e3779b9) >>> 0);
  const shared = rng.int(2 ** 30);
  return { shared, labels: Array.from({ length: numLabels }, () => rng.int(2 ** 30)) };
}

/**
 * The seed a repetition draws its data from when its networks start from the repetition's own
 * seed: `seed + 2^31`, so the data generator and the weights' and batches' generators never
 * start from the same number, and data seeds stay below 2^32 (the generator's range).
 * (Lesson 02 draws its repetitions' data so, in makeLesson02Repetitions.)
 * @throws InputError for a seed that is not a whole number from 0 to {@link MAX_DERIVED_SEED}.
 */
export function dataSeed(seed: number): number {
  assertInteger('seed', seed, 0, MAX_DERIVED_SEED);
  return seed + 2 ** 31;
}
