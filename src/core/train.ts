/**
 * Seeded training. `model.fit` shuffles with `Math.random`, which cannot be seeded, so each
 * epoch here is one `fit` call on rows put in an order drawn from our own generator, with
 * `shuffle: false`. Same seed, same weights, same numbers.
 */
import * as tf from '@tensorflow/tfjs';
import { progressLine } from './progress';
import { checkSchedule, EarlyStopping, formatLogs, type ScheduleOptions } from './schedule';
import { createRng, permutation } from './random';
import { assertInteger, assertOptions, assertTensor2D, describe, InputError } from './validate';

/**
 * What every network of a fair comparison gets: hidden width, optimizer step size, epochs,
 * batch.
 */
export interface TrainingBudget {
  hiddenUnits: number;
  learningRate: number;
  numEpochs: number;
  batchSize: number;
  /** Largest output layer allowed, in bytes (for a label powerset, whose output grows as 2^n). */
  memoryBudgetBytes?: number;
}

export interface TrainOptions extends ScheduleOptions {
  seed: number;
  /** A name for the live progress line; `false` for none. */
  progress?: string | false;
  /** Called after every epoch with its metrics. */
  onEpochEnd?: (epoch: number, logs: Record<string, number>) => void;
}

/** Per-epoch metrics (`loss`, `val_loss`, the compiled metrics, ...) and the wall time. */
export interface TrainHistory {
  epochs: number;
  history: Record<string, number[]>;
  seconds: number;
  stoppedEarly: boolean;
}

function assertTrainingTensors(x: tf.Tensor, y: tf.Tensor): void {
  if (!(x instanceof tf.Tensor) || x.rank !== 2)
    throw new InputError(`x must be a 2-D tensor [rows, features], got ${describe(x)}`);
  if (!(y instanceof tf.Tensor) || y.rank !== 2)
    throw new InputError(`y must be a 2-D tensor [rows, labels], got ${describe(y)}`);
  assertTensor2D('x', x);
  assertTensor2D('y', y);
  if (x.shape[0] !== y.shape[0])
    throw new InputError(
      `x and y must have the same number of rows, got ${x.shape[0]} and ${y.shape[0]}`,
    );
  if (x.shape[0] === 0) throw new InputError('x must have at least one row, got 0');
}

/**
 * Puts the rows of a 2-D tensor in a given order each epoch. The values are read once and
 * copied row by row in a typed array: an exact copy, like `tf.gather`, but about ten times
 * faster than the wasm backend's gather on tens of thousands of rows. Falls back to
 * `tf.gather` for string and complex tensors.
 */
function rowReorderer(t: tf.Tensor): { reorder(order: Int32Array): tf.Tensor } {
  if (t.dtype === 'string' || t.dtype === 'complex64') {
    return {
      reorder: (order) => tf.tidy(() => tf.gather(t, tf.tensor1d(order, 'int32'))),
    };
  }
  const values = t.dataSync() as Float32Array | Int32Array | Uint8Array;
  const width = t.shape[1]!;
  const Typed = values.constructor as new (
    length: number,
  ) => Float32Array | Int32Array | Uint8Array;
  return {
    reorder(order) {
      const out = new Typed(order.length * width);
      for (let i = 0; i < order.length; i++) {
        const from = order[i] * width;
        const to = i * width;
        for (let j = 0; j < width; j++) out[to + j] = values[from + j];
      }
      return tf.tensor2d(out, [order.length, width], t.dtype);
    },
  };
}

/**
 * Trains a compiled model with seeded shuffling, optional validation split and early stopping,
 * showing one progress line that updates in place.
 * @throws InputError for tensors of the wrong rank or row count, or bad options.
 */
export async function trainSeeded(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  options: TrainOptions,
): Promise<TrainHistory> {
  checkTrainArguments(model, x, y, options);
  const {
    numEpochs,
    batchSize,
    seed,
    validationSplit = 0,
    earlyStopping,
    progress = false,
    onEpochEnd,
  } = options;

  const rows = x.shape[0];
  const numVal = Math.floor(rows * validationSplit);
  const numTrain = rows - numVal;
  if (numTrain === 0)
    throw new InputError(
      `validationSplit ${validationSplit} leaves no training rows out of ${rows}`,
    );
  const [xTrain, xVal] = numVal > 0 ? tf.split(x, [numTrain, numVal]) : [x, null];
  const [yTrain, yVal] = numVal > 0 ? tf.split(y, [numTrain, numVal]) : [y, null];

  const rng = createRng(seed);
  const show = progress === false ? null : progressLine();
  const history: Record<string, number[]> = {};
  const stopping = earlyStopping ? new EarlyStopping(earlyStopping) : null;
  let stoppedEarly = false;
  let bestWeights: tf.Tensor[] | null = null;
  const start = Date.now();
  let epoch = 0;
  try {
    const xRows = rowReorderer(xTrain);
    const yRows = rowReorderer(yTrain);
    const validationData: [tf.Tensor, tf.Tensor] | undefined =
      xVal && yVal ? [xVal, yVal] : undefined;
    for (; epoch < numEpochs; epoch++) {
      const order = permutation(numTrain, rng);
      const logs = await fitEpoch(model, [xRows, yRows], order, batchSize, validationData);
      for (const [key, value] of Object.entries(logs)) (history[key] ??= []).push(value);
      onEpochEnd?.(epoch, logs);
      show?.(
        `${progress} · epoch ${epoch + 1}/${numEpochs} · ${formatLogs(logs)} · ` +
          `${((Date.now() - start) / 1000).toFixed(1)} s`,
      );
      if (stopping) {
        const { improved, stop } = stopping.observe(logs);
        if (improved && earlyStopping?.restoreBestWeights) {
          if (bestWeights) tf.dispose(bestWeights);
          bestWeights = model.getWeights().map((w) => w.clone());
        }
        if (stop) {
          stoppedEarly = true;
          if (bestWeights) model.setWeights(bestWeights);
          epoch++;
          break;
        }
      }
    }
  } finally {
    if (numVal > 0) tf.dispose([xTrain, xVal!, yTrain, yVal!]);
    if (bestWeights) tf.dispose(bestWeights);
  }
  return { epochs: epoch, history, seconds: (Date.now() - start) / 1000, stoppedEarly };
}

/** What trainSeeded checks before it splits or allocates anything. */
function checkTrainArguments(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  options: TrainOptions,
): void {
  if (!model || typeof (model as { fit?: unknown }).fit !== 'function')
    throw new InputError(`model must be a compiled tf.LayersModel, got ${describe(model)}`);
  assertTrainingTensors(x, y);
  assertOptions<TrainOptions>(
    options,
    {
      numEpochs: true,
      batchSize: true,
      seed: true,
      validationSplit: true,
      earlyStopping: true,
      progress: true,
      onEpochEnd: true,
    },
    { required: true },
  );
  checkSchedule(options);
  assertInteger('seed', options.seed, 0, 2 ** 32 - 1); // createRng's bound
}

/** One epoch of `model.fit` on the rows in `order`, without fit's own shuffle; its logs. */
async function fitEpoch(
  model: tf.LayersModel,
  [xRows, yRows]: [ReturnType<typeof rowReorderer>, ReturnType<typeof rowReorderer>],
  order: Int32Array,
  batchSize: number,
  validationData: [tf.Tensor, tf.Tensor] | undefined,
): Promise<Record<string, number>> {
  const xs = xRows.reorder(order);
  const ys = yRows.reorder(order);
  try {
    const result = await model.fit(xs, ys, {
      epochs: 1,
      batchSize,
      shuffle: false,
      verbose: 0,
      validationData,
    });
    const entries = Object.entries(result.history);
    return Object.fromEntries(entries.map(([key, values]) => [key, Number(values.at(-1))]));
  } finally {
    xs.dispose();
    ys.dispose();
  }
}
