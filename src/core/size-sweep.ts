/**
 * A training-size sweep as one K-member ensemble: one member per (size, repetition), each
 * training on a prefix of its repetition's rows, repeated so that every member takes the same
 * optimizer steps on batches of the same size whatever its size. Only the data differs.
 */
import * as tf from '@tensorflow/tfjs';
import {
  predictEnsembleProbs,
  repeatedRows,
  trainEnsemble,
  type EnsembleTrainOptions,
} from './ensemble';
import { ensembleOf, type ModelBuilder } from './model-ensemble';
import {
  assertArray,
  assertInteger,
  assertObject,
  assertTensor,
  describe,
  InputError,
} from './validate';

/** A size sweep's members, size-major: member `i * repetitions + r` is size i, repetition r. */
export interface SizeSweep {
  sizes: number[];
  repetitions: number;
  /** Member m's repetition: the data block (and seed) it takes. */
  block: number[];
  /** Member m's rows for `trainEnsemble`'s `memberRows`: its first `size` rows, repeated. */
  memberRows: number[][];
  /** Splits one value per member into `[size][repetition]`. */
  bySize<T>(values: readonly T[]): T[][];
}

/**
 * The members of a sweep over `sizes` with `repetitions` repetitions each; every member's row
 * list holds `rowsPerPass` rows (its first `size` rows, `rowsPerPass / size` times), so one pass
 * is the same number of batches for every member.
 * @throws InputError for sizes that are not positive integers dividing `rowsPerPass`, no sizes,
 *   or a repetition count below 1.
 */
export function sizeSweep(
  sizes: readonly number[],
  repetitions: number,
  rowsPerPass: number,
): SizeSweep {
  if (!Array.isArray(sizes) || sizes.length === 0)
    throw new InputError(`sizes must be a non-empty array of row counts, got ${describe(sizes)}`);
  assertInteger('repetitions', repetitions, 1);
  assertInteger('rowsPerPass', rowsPerPass, 1);
  sizes.forEach((n, i) => {
    assertInteger(`sizes[${i}]`, n, 1, rowsPerPass);
    if (rowsPerPass % n !== 0)
      throw new InputError(`sizes[${i}] must divide rowsPerPass ${rowsPerPass}, got ${n}`);
  });
  const block = sizes.flatMap(() => Array.from({ length: repetitions }, (_, r) => r));
  const memberRows = sizes.flatMap((n) =>
    Array.from({ length: repetitions }, () => repeatedRows(n, rowsPerPass)),
  );
  return {
    sizes: [...sizes],
    repetitions,
    block,
    memberRows,
    bySize<T>(values: readonly T[]): T[][] {
      if (!Array.isArray(values) || values.length !== block.length)
        throw new InputError(
          `values must hold one value per member (${block.length}), got ${describe(values)}`,
        );
      return sizes.map((_, i) => values.slice(i * repetitions, (i + 1) * repetitions));
    },
  };
}

/**
 * Trains a size sweep in one ensemble: member (size i, repetition r) starts from
 * `build(seeds[r])`, shuffles with `seeds[r]` and trains on the first `sizes[i]` rows of block r
 * of `x`, `y` (`[R, rows, ...]`), repeated to one pass of `rows`; so at equal `options` every
 * member takes the same steps on batches of the same size.
 * @returns `[size][repetition]` the member's probabilities on block r of `xTest`
 * @throws InputError for blocks that are not one per seed, or as {@link sizeSweep},
 *   `ensembleOf` and `trainEnsemble`.
 */
export async function trainSizeSweep(
  build: ModelBuilder,
  seeds: readonly number[],
  data: { x: tf.Tensor3D; y: tf.Tensor3D; xTest: tf.Tensor3D },
  sizes: readonly number[],
  options: Omit<EnsembleTrainOptions, 'seeds' | 'memberRows'>,
): Promise<number[][][][]> {
  if (typeof build !== 'function')
    throw new InputError(
      `build must be a function (seed) => tf.LayersModel, got ${describe(build)}`,
    );
  assertArray('seeds', seeds, 'seeds', 1);
  assertObject('data', data, '{ x, y, xTest } (tensors [seeds, rows, columns])');
  assertObject('options', options, '{ loss, optimizer, numEpochs, batchSize, ... }');
  for (const part of ['x', 'y', 'xTest'] as const)
    if (data[part] instanceof tf.Tensor) assertTensor('trainSizeSweep', `data.${part}`, data[part]);
  const blocks = [data?.x, data?.y, data?.xTest].map((t) => (t instanceof tf.Tensor ? t : null));
  if (blocks.some((t) => t === null || t.rank !== 3 || t.shape[0] !== seeds.length))
    throw new InputError(`data must hold x, y and xTest as [${seeds.length}, rows, columns]`);
  const sweep = sizeSweep(sizes, seeds.length, data.x.shape[1]);
  const pick = tf.tensor1d(sweep.block, 'int32');
  const [x, y, xTest] = blocks.map((t) => tf.gather(t!, pick));
  const memberSeeds = sweep.block.map((r) => seeds[r]);
  const nets = ensembleOf(build, memberSeeds);
  try {
    await trainEnsemble(nets, x, y, {
      ...options,
      seeds: memberSeeds,
      memberRows: sweep.memberRows,
    });
    return sweep.bySize(predictEnsembleProbs(nets, xTest));
  } finally {
    nets.dispose();
    tf.dispose([pick, x, y, xTest]);
  }
}
