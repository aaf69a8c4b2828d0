/**
 * Benchmark data: seeded multi-label rows made with the project's generator, written once to
 * build/bench/ as raw little-endian float32 (features, then labels) so that Keras trains on
 * exactly the same numbers as TensorFlow.js.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRng } from '../src/core/random';

export const ROOT = resolve(__dirname, '..');
export const BENCH_DIR = join(ROOT, 'build', 'bench');

/** One benchmark configuration: a data set and the model that trains on it. */
export interface BenchModel {
  id: string;
  title: string;
  rows: number;
  numFeatures: number;
  hiddenUnits: number[];
  numLabels: number;
  optimizer: 'rmsprop' | 'sgd';
  learningRate: number;
  validationSplit: number;
  seed: number;
}

/**
 * The question's model (document 002): 21 inputs, 128-relu, 64-relu, 26-sigmoid, RMSprop,
 * ~82k rows.
 */
export const MODEL1: BenchModel = {
  id: 'model1',
  title: 'question model 21-128-64-26, RMSprop',
  rows: 82000,
  numFeatures: 21,
  hiddenUnits: [128, 64],
  numLabels: 26,
  optimizer: 'rmsprop',
  learningRate: 0.001,
  validationSplit: 0.33,
  seed: 2,
};

/** Lesson 01's model: 5 inputs, 5-relu, 2-sigmoid, SGD 0.01, 8,000 training rows. */
export const LESSON01: BenchModel = {
  id: 'lesson01',
  title: 'lesson 01 model 5-5-2, SGD 0.01',
  rows: 8000,
  numFeatures: 5,
  hiddenUnits: [5],
  numLabels: 2,
  optimizer: 'sgd',
  learningRate: 0.01,
  validationSplit: 0,
  seed: 1,
};

/** Features and multi-hot labels, row-major. */
export interface BenchData {
  x: Float32Array;
  y: Float32Array;
  rows: number;
  numFeatures: number;
  numLabels: number;
}

/**
 * Standard normal features; label j is drawn as Bernoulli(sigmoid(x . w_j / sqrt(F) + b_j)) with
 * random weights and biases in [-2, 0], so labels depend on the features and are mostly sparse.
 */
export function makeBenchData(model: BenchModel): BenchData {
  const { rows, numFeatures: f, numLabels: l, seed } = model;
  const rng = createRng(seed);
  const w = new Float64Array(f * l);
  for (let i = 0; i < w.length; i++) w[i] = rng.normal() * 2;
  const b = new Float64Array(l);
  for (let j = 0; j < l; j++) b[j] = rng.uniformIn(-2, 0);
  const x = new Float32Array(rows * f);
  const y = new Float32Array(rows * l);
  const scale = 1 / Math.sqrt(f);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < f; i++) x[r * f + i] = rng.normal();
    for (let j = 0; j < l; j++) {
      let z = b[j];
      for (let i = 0; i < f; i++) z += x[r * f + i] * w[i * l + j] * scale;
      y[r * l + j] = rng.uniform() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
  }
  return { x, y, rows, numFeatures: f, numLabels: l };
}

/** Path of the binary file holding a model's data. */
export function dataPath(model: BenchModel): string {
  return join(BENCH_DIR, `${model.id}.f32`);
}

/** Makes the data and writes it to build/bench/<id>.f32 unless an identical file is there. */
export function writeBenchData(model: BenchModel): BenchData {
  const data = makeBenchData(model);
  const bytes = Buffer.concat([
    Buffer.from(data.x.buffer, data.x.byteOffset, data.x.byteLength),
    Buffer.from(data.y.buffer, data.y.byteOffset, data.y.byteLength),
  ]);
  const path = dataPath(model);
  mkdirSync(BENCH_DIR, { recursive: true });
  if (!existsSync(path) || !readFileSync(path).equals(bytes)) writeFileSync(path, bytes);
  return data;
}
