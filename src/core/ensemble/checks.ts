/**
 * What the K-member trainer checks before it allocates anything: its options, the training data
 * (read once into host memory) and each member's rows.
 */
import * as tf from '@tensorflow/tfjs';
import type { OutputActivation } from '../models';
import { makeOptimizer } from '../optimizer-spec';
import { checkSchedule } from '../schedule';
import {
  assertFiniteNumber,
  assertInteger,
  assertOptions,
  describe,
  InputError,
} from '../validate';
import { type EnsembleLoss, LOSSES } from './losses';
import { DenseEnsemble } from './model';
import type { EnsembleTrainOptions } from './train';

/** Training data read once into host memory, shared by every member or one block each. */
export interface HostData {
  x: Float32Array;
  y: Float32Array;
  /** Rows per member block (or shared). */
  rows: number;
  xWidth: number;
  yWidth: number;
  perMember: boolean;
}

export function readData(
  ensemble: DenseEnsemble,
  x: unknown,
  y: unknown,
  loss: EnsembleLoss,
): HostData {
  const K = ensemble.numMembers;
  const { numFeatures, numLabels } = ensemble.options;
  const shapeOf = (name: string, t: unknown): number[] => {
    if (!(t instanceof tf.Tensor) || (t.rank !== 2 && t.rank !== 3))
      throw new InputError(
        `${name} must be a 2-D tensor [rows, columns] or a 3-D tensor [${K}, rows, columns], ` +
          `got ${describe(t)}`,
      );
    if (t.isDisposed)
      throw new InputError(`${name} must be a live tensor, got one that was already disposed`);
    return t.shape;
  };
  const xs = shapeOf('x', x);
  const ys = shapeOf('y', y);
  if (xs.length !== ys.length)
    throw new InputError(
      `x and y must have the same rank, got [${xs.join(', ')}] and [${ys.join(', ')}]`,
    );
  const perMember = xs.length === 3;
  if (perMember && (xs[0] !== K || ys[0] !== K))
    throw new InputError(
      `3-D x and y must have one block per member (${K}), ` +
        `got [${xs.join(', ')}] and [${ys.join(', ')}]`,
    );
  const rows = xs[xs.length - 2];
  const xWidth = xs[xs.length - 1];
  const yWidth = ys[ys.length - 1];
  if (ys[ys.length - 2] !== rows)
    throw new InputError(
      `x and y must have the same number of rows, got ${rows} and ${ys[ys.length - 2]}`,
    );
  if (rows === 0) throw new InputError('x must have at least one row, got 0');
  if (xWidth !== numFeatures)
    throw new InputError(`x must have ${numFeatures} columns (numFeatures), got ${xWidth}`);
  const sparse =
    loss === 'sparseCategoricalCrossentropy' || loss === 'sparseCategoricalCrossentropyFromLogits';
  const expectedY = sparse ? 1 : numLabels;
  if (yWidth !== expectedY)
    throw new InputError(
      sparse
        ? `y must have 1 column of class indices for '${loss}', got ${yWidth}`
        : `y must have ${numLabels} columns (numLabels), got ${yWidth}`,
    );
  const where = (flat: number, width: number): string => {
    const row = Math.floor(flat / width);
    const col = flat - row * width;
    return perMember ? `[${Math.floor(row / rows)}][${row % rows}][${col}]` : `[${row}][${col}]`;
  };
  const xData = Float32Array.from((x as tf.Tensor).dataSync());
  for (let i = 0; i < xData.length; i++)
    if (!Number.isFinite(xData[i]))
      throw new InputError(
        `x${where(i, xWidth)} must be a finite number, got ${describe(xData[i])}`,
      );
  const yData = Float32Array.from((y as tf.Tensor).dataSync());
  for (let i = 0; i < yData.length; i++) {
    const v = yData[i];
    if (loss === 'binaryCrossentropy' || loss === 'binaryCrossentropyFromLogits') {
      if (v !== 0 && v !== 1)
        throw new InputError(
          `y${where(i, yWidth)} must be 0 or 1 (a label) for '${loss}', got ${describe(v)}`,
        );
    } else if (sparse) {
      if (!Number.isInteger(v) || v < 0 || v >= numLabels)
        throw new InputError(
          `y${where(i, yWidth)} must be a class index in [0, ${numLabels - 1}], got ${describe(v)}`,
        );
    } else if (!(v >= 0 && v <= 1)) {
      throw new InputError(
        `y${where(i, yWidth)} must be a target probability in [0, 1], got ${describe(v)}`,
      );
    }
  }
  return { x: xData, y: yData, rows, xWidth, yWidth, perMember };
}

/** The checks `trainEnsemble` makes on its options, before anything is allocated. */
export function checkOptions(ensemble: DenseEnsemble, options: EnsembleTrainOptions): void {
  assertOptions<EnsembleTrainOptions>(
    options,
    {
      loss: true,
      posWeights: true,
      optimizer: true,
      numEpochs: true,
      batchSize: true,
      seeds: true,
      order: true,
      memberRows: true,
      validationSplit: true,
      earlyStopping: true,
      progress: true,
      onEpochEnd: true,
    },
    { required: true },
  );
  const K = ensemble.numMembers;
  const { loss, posWeights, seeds, memberRows } = options;
  const { earlyStopping } = options;
  const activation = ensemble.options.outputActivation;
  if (!LOSSES.includes(loss))
    throw new InputError(`loss must be one of ${LOSSES.join(', ')}, got ${describe(loss)}`);
  const wanted: Record<EnsembleLoss, OutputActivation[]> = {
    binaryCrossentropy: ['sigmoid', 'softmax'],
    binaryCrossentropyFromLogits: ['linear'],
    categoricalCrossentropy: ['softmax'],
    sparseCategoricalCrossentropy: ['softmax'],
    sparseCategoricalCrossentropyFromLogits: ['linear'],
  };
  if (!wanted[loss].includes(activation))
    throw new InputError(
      `loss '${loss}' needs a ${wanted[loss].join(' or ')} output, ` +
        `but the ensemble's is '${activation}'`,
    );
  if (posWeights !== undefined) {
    if (loss !== 'binaryCrossentropy')
      throw new InputError(`posWeights only applies to 'binaryCrossentropy', not to '${loss}'`);
    const L = ensemble.options.numLabels;
    if (!Array.isArray(posWeights) || posWeights.length !== L)
      throw new InputError(
        `posWeights must be an array of ${L} positive numbers (one per label), ` +
          `got ${describe(posWeights)}`,
      );
    posWeights.forEach((w: unknown, j) => {
      assertFiniteNumber(`posWeights[${j}]`, w);
      if (w <= 0) throw new InputError(`posWeights[${j}] must be a positive number, got ${w}`);
    });
  }
  if (options.order !== undefined && options.order !== 'permutation' && options.order !== 'fit')
    throw new InputError(`order must be 'permutation' or 'fit', got ${describe(options.order)}`);
  if (!Array.isArray(seeds) || seeds.length !== K)
    throw new InputError(
      `seeds must have one shuffle seed per member (${K}), got ${describe(seeds)}`,
    );
  seeds.forEach((s, k) => assertInteger(`seeds[${k}]`, s, 0, 2 ** 32 - 1));
  if (memberRows !== undefined && (!Array.isArray(memberRows) || memberRows.length !== K))
    throw new InputError(
      `memberRows must have one list of row indices per member (${K}), got ${describe(memberRows)}`,
    );
  checkSchedule(options);
  // Only the loss is logged per member, so only it can be monitored.
  const monitor: unknown = earlyStopping?.monitor ?? 'val_loss';
  if (earlyStopping !== undefined && monitor !== 'loss' && monitor !== 'val_loss')
    throw new InputError(
      `earlyStopping.monitor must be 'loss' or 'val_loss', got ${describe(monitor)}`,
    );
  makeOptimizer(options.optimizer).dispose();
}

/** Each member's rows (indices into its data), checked. */
export function memberRowLists(
  K: number,
  rows: number,
  memberRows: readonly ArrayLike<number>[] | undefined,
): Int32Array[] {
  const all = new Int32Array(rows);
  for (let i = 0; i < rows; i++) all[i] = i;
  if (memberRows === undefined) return Array.from({ length: K }, () => all);
  return memberRows.map((list, k) => {
    const ok = Array.isArray(list) || (ArrayBuffer.isView(list) && !(list instanceof DataView));
    if (!ok || list.length === 0)
      throw new InputError(
        `memberRows[${k}] must be a non-empty array of row indices, got ${describe(list)}`,
      );
    const out = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      if (!Number.isInteger(r) || r < 0 || r >= rows)
        throw new InputError(
          `memberRows[${k}][${i}] must be a row index in [0, ${rows - 1}], got ${describe(r)}`,
        );
      out[i] = r;
    }
    return out;
  });
}
