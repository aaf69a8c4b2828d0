/**
 * Seeded random numbers. `Math.random` cannot be seeded, so every random choice in the lessons
 * (data generation, shuffling between epochs, splits) goes through this generator instead.
 */
import { assertInteger, describe, InputError } from './validate';

/** A seeded source of random numbers. */
export interface Rng {
  /** A uniform number in [0, 1). */
  uniform(): number;
  /** A uniform number in [low, high). */
  uniformIn(low: number, high: number): number;
  /** A standard normal number (mean 0, standard deviation 1). */
  normal(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
}

/**
 * Creates a generator from an integer seed (mulberry32: small, fast, and good enough for
 * sampling and shuffling; not for cryptography). The same seed always gives the same sequence.
 * Used in lessons: 02.
 * @throws InputError when `seed` is not a non-negative integer below 2^32.
 */
export function createRng(seed: number): Rng {
  assertInteger('seed', seed, 0, 2 ** 32 - 1);
  let state = seed >>> 0;
  let spareNormal: number | null = null;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    uniform,
    uniformIn: (low, high) => low + (high - low) * uniform(),
    normal: () => {
      // Box-Muller gives two independent normals per pair of uniforms; keep the second.
      if (spareNormal !== null) {
        const z = spareNormal;
        spareNormal = null;
        return z;
      }
      let u = 0;
      while (u === 0) u = uniform();
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int: (n) => Math.floor(uniform() * n),
  };
}

/**
 * Returns a random permutation of 0..n-1 (Fisher-Yates) drawn from `rng`.
 * @throws InputError when `n` is not a non-negative integer.
 */
export function permutation(n: number, rng: Rng): Int32Array {
  assertInteger('n', n, 0);
  if (typeof rng !== 'object' || rng === null || typeof rng.int !== 'function') {
    throw new InputError(`rng must be a generator from createRng(seed), got ${describe(rng)}`);
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}

/**
 * Replaces `Math.random` with a generator seeded by `seed` (the sequence of `createRng(seed)`),
 * so that what TensorFlow.js draws from it, above all the row order of `model.fit`'s shuffle,
 * is the same on every run. Seeded initializers and `tf.random*` with a seed do not use it.
 * Used in lessons: 01, 02, 03, 04, 05, 06.
 * @returns a function that puts back the `Math.random` there was before.
 * @throws InputError as {@link createRng}.
 */
export function seedMathRandom(seed: number): () => void {
  const rng = createRng(seed);
  const previous = Math.random;
  Math.random = rng.uniform;
  return () => {
    Math.random = previous;
  };
}

/**
 * Shuffles `order` in place exactly as `tf.util.shuffle` does when `Math.random` is
 * `rng.uniform`: `model.fit` shuffles one index list this way at the start of every epoch.
 */
export function fitShuffle(order: Int32Array, rng: Rng): void {
  if (!(order instanceof Int32Array))
    throw new InputError(`fitShuffle: order must be an Int32Array, got ${describe(order)}`);
  if (typeof (rng as Partial<Rng> | null)?.uniform !== 'function')
    throw new InputError(`fitShuffle: rng must be an Rng (createRng), got ${describe(rng)}`);
  for (let counter = order.length; counter > 0;) {
    const index = (rng.uniform() * counter) | 0;
    counter--;
    const tmp = order[counter];
    order[counter] = order[index];
    order[index] = tmp;
  }
}
