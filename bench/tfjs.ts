/**
 * TensorFlow.js side of the benchmark: a timing session per backend, model and batch size,
 * training either through `trainSeeded` (what lessons use) or through raw `model.fit`.
 */
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, type BackendName } from '../src/notebook/backend';
import { denseClassifier } from '../src/core/models';
import { trainSeeded } from '../src/core/train';
import { denseEnsemble, trainEnsemble } from '../src/core/ensemble';
import { useFastWasmMatMul } from '../src/core/wasm-matmul';
import type { BenchData, BenchModel } from './data';

/**
 * `trainSeeded` on wasm with the original `BatchMatMul` kernel (see src/core/wasm-matmul.ts), for
 * comparison; `trainEnsemble (K = 1)` is the K-member trainer the lessons use, with one member
 * (the same initial weights, loss and optimizer).
 */
export type TrainPath =
  'trainSeeded' | 'model.fit' | 'trainSeeded, original wasm matMul' | 'trainEnsemble (K = 1)';

/** One model on one backend, timed one epoch (or a fraction of one) at a time. */
export interface TfjsSession {
  /** Seconds of one epoch, extrapolated from `fraction` of the rows when below 1. */
  epoch(): Promise<number>;
  dispose(): void;
}

/** Activates a backend; the tfjs-node `tensorflow` backend reports why it is unavailable. */
export async function useBackend(name: BackendName): Promise<string | null> {
  try {
    await chooseBackend({ prefer: name });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Compiles the benchmark model as the bench's Keras side does. */
export function buildModel(spec: BenchModel, seed = 0): tf.Sequential {
  const model = denseClassifier({
    numFeatures: spec.numFeatures,
    hiddenUnits: spec.hiddenUnits,
    numLabels: spec.numLabels,
    outputActivation: 'sigmoid',
    seed,
  });
  const optimizer =
    spec.optimizer === 'rmsprop'
      ? tf.train.rmsprop(spec.learningRate)
      : tf.train.sgd(spec.learningRate);
  model.compile({ optimizer, loss: 'binaryCrossentropy', metrics: ['binaryAccuracy'] });
  return model;
}

/**
 * A session on the active backend. With `fraction` < 1 only the first rows are used (train and
 * validation parts shrink alike) and the time is divided by the fraction: an extrapolation.
 */
export async function tfjsSession(
  spec: BenchModel,
  data: BenchData,
  batchSize: number,
  path: TrainPath,
  fraction = 1,
): Promise<TfjsSession> {
  const rows = Math.max(batchSize * 4, Math.round(data.rows * fraction));
  const used = Math.min(rows, data.rows);
  const scale = data.rows / used;
  const x = tf.tensor2d(data.x.subarray(0, used * data.numFeatures), [used, data.numFeatures]);
  const y = tf.tensor2d(data.y.subarray(0, used * data.numLabels), [used, data.numLabels]);
  const model = buildModel(spec);
  const ensemble =
    path === 'trainEnsemble (K = 1)'
      ? denseEnsemble({
          numFeatures: spec.numFeatures,
          hiddenUnits: spec.hiddenUnits,
          numLabels: spec.numLabels,
          outputActivation: 'sigmoid',
          seeds: [0],
        })
      : null;
  const run = async (xs: tf.Tensor, ys: tf.Tensor, seed: number): Promise<void> => {
    if (ensemble) {
      await trainEnsemble(ensemble, xs, ys, {
        loss: 'binaryCrossentropy',
        optimizer: { name: spec.optimizer, learningRate: spec.learningRate },
        numEpochs: 1,
        batchSize,
        seeds: [seed],
        validationSplit: spec.validationSplit,
      });
    } else if (path !== 'model.fit') {
      const original = path === 'trainSeeded, original wasm matMul';
      if (original) useFastWasmMatMul(false);
      try {
        await trainSeeded(model, xs, ys, {
          numEpochs: 1,
          batchSize,
          seed,
          validationSplit: spec.validationSplit,
        });
      } finally {
        if (original) useFastWasmMatMul(true);
      }
    } else {
      await model.fit(xs, ys, {
        epochs: 1,
        batchSize,
        validationSplit: spec.validationSplit || undefined,
        shuffle: true,
        verbose: 0,
      });
    }
  };
  // Warm-up on a few batches: optimizer slots and kernels are created before anything is timed.
  const warm = Math.min(used, batchSize * 8);
  const [xw, yw] = [x.slice(0, warm), y.slice(0, warm)];
  await run(xw, yw, 0);
  tf.dispose([xw, yw]);
  let seed = 1;
  return {
    async epoch() {
      const start = performance.now();
      await run(x, y, seed++);
      return ((performance.now() - start) / 1000) * scale;
    },
    dispose() {
      tf.dispose([x, y]);
      model.dispose();
      ensemble?.dispose();
    },
  };
}

/** FLOP/s of a square matMul on the active backend: 2 n^3 per product, median of `reps`. */
export async function matMulFlops(n: number, reps: number): Promise<number> {
  const a = tf.randomUniform([n, n], -1, 1, 'float32', 1);
  const b = tf.randomUniform([n, n], -1, 1, 'float32', 2);
  const times: number[] = [];
  for (let i = 0; i <= reps; i++) {
    const start = performance.now();
    const c = tf.matMul(a, b);
    await c.data();
    const seconds = (performance.now() - start) / 1000;
    c.dispose();
    if (i > 0) times.push(seconds); // the first product is a warm-up
  }
  tf.dispose([a, b]);
  return (2 * n ** 3) / median(times);
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Multiply-adds per row of a dense network's forward pass (weights only). */
export function macsPerRow(spec: BenchModel): number {
  const sizes = [spec.numFeatures, ...spec.hiddenUnits, spec.numLabels];
  let macs = 0;
  for (let i = 1; i < sizes.length; i++) macs += sizes[i - 1] * sizes[i];
  return macs;
}

/**
 * Floating-point work of one epoch: forward + backward on training rows is about three forward
 * passes (forward, gradient w.r.t. activations, gradient w.r.t. weights), each 2 FLOP per
 * multiply-add; validation rows get one forward pass. Biases, activations, loss and optimizer are
 * ignored.
 */
export function epochFlops(spec: BenchModel): {
  train: number;
  validation: number;
  total: number;
  trainRows: number;
  valRows: number;
} {
  const valRows = Math.floor(spec.rows * spec.validationSplit);
  const trainRows = spec.rows - valRows;
  const w = macsPerRow(spec);
  const train = 3 * 2 * w * trainRows;
  const validation = 2 * w * valRows;
  return { train, validation, total: train + validation, trainRows, valRows };
}
