/**
 * Model builders: fully connected classifiers with seeded initialisers, as Keras builds
 * `Dense` layers (Glorot-uniform kernels, zero biases), so a fixed seed gives fixed weights.
 */
import { assertAllocation } from './allocation';
import * as tf from '@tensorflow/tfjs';
import { assertPowersetFits } from './sizing';
import { tensorArgMax, tensorRows } from './rows';
import {
  assertInteger,
  assertMatrix,
  assertObject,
  assertOptions,
  assertTensor,
  describe,
  InputError,
  type Matrix,
} from './validate';

export type OutputActivation = 'sigmoid' | 'softmax' | 'linear';

export interface DenseClassifierOptions {
  numFeatures: number;
  /** Units of each hidden ReLU layer, in order; [] for none. */
  hiddenUnits: number[];
  /** Output units: one per label (or per class). */
  numLabels: number;
  outputActivation: OutputActivation;
  seed: number;
  /** Layer name prefix, so that several models can be told apart in summaries. */
  name?: string;
}

/** The architecture of a dense classifier, as both builders (one model, K members) take it. */
export type DenseArchitecture = Pick<
  DenseClassifierOptions,
  'numFeatures' | 'hiddenUnits' | 'numLabels' | 'outputActivation'
>;

/**
 * The one check of a dense architecture, for one model or `members` stacked copies: sizes that
 * are whole numbers, an output activation the builders know, and every layer's kernel within
 * the allocation limit. Returns the layer sizes, inputs first.
 * @throws InputError naming the option and what is wrong.
 */
export function checkArchitecture(a: DenseArchitecture, members = 1): number[] {
  assertObject('architecture', a, '{ numFeatures, hiddenUnits, numLabels, outputActivation }');
  assertInteger('members', members, 1);
  const { numFeatures, hiddenUnits, numLabels, outputActivation } = a;
  assertInteger('numFeatures', numFeatures, 1);
  assertInteger('numLabels', numLabels, 1);
  if (!Array.isArray(hiddenUnits))
    throw new InputError(
      `hiddenUnits must be an array of layer sizes, got ${describe(hiddenUnits)}`,
    );
  hiddenUnits.forEach((units, i) => assertInteger(`hiddenUnits[${i}]`, units, 1));
  if (!['sigmoid', 'softmax', 'linear'].includes(outputActivation))
    throw new InputError(
      "outputActivation must be 'sigmoid', 'softmax' or 'linear', got " +
        (typeof outputActivation === 'string'
          ? JSON.stringify(outputActivation)
          : describe(outputActivation)),
    );
  const sizes = [numFeatures, ...hiddenUnits, numLabels];
  for (let i = 1; i < sizes.length; i++)
    assertAllocation(
      members === 1 ? `layer ${i}'s kernel` : `layer ${i}'s stacked kernel`,
      members === 1
        ? { inputs: sizes[i - 1], units: sizes[i] }
        : { members, inputs: sizes[i - 1], units: sizes[i] },
    );
  return sizes;
}

/**
 * A `tf.Sequential` of Dense ReLU layers and a Dense output layer, uncompiled, with output
 * shape `[null, numLabels]`.
 * @throws InputError for sizes that are not positive integers or an unknown activation.
 */
export function denseClassifier(options: DenseClassifierOptions): tf.Sequential {
  assertOptions<DenseClassifierOptions>(
    options,
    {
      numFeatures: true,
      hiddenUnits: true,
      numLabels: true,
      outputActivation: true,
      seed: true,
      name: true,
    },
    { required: true },
  );
  const { numFeatures, hiddenUnits, numLabels, outputActivation, seed, name = 'model' } = options;
  checkArchitecture({ numFeatures, hiddenUnits, numLabels, outputActivation });
  assertInteger('seed', seed, 0, 2 ** 31 - 1);
  const model = tf.sequential({ name });
  [...hiddenUnits, numLabels].forEach((units, i) => {
    const isOutput = i === hiddenUnits.length;
    model.add(
      tf.layers.dense({
        units,
        activation: isOutput ? outputActivation : 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        biasInitializer: 'zeros',
        name: `${name}_${isOutput ? 'output' : `hidden${i + 1}`}`,
        ...(i === 0 ? { inputShape: [numFeatures] } : {}),
      }),
    );
  });
  return model;
}

/**
 * The activation of a model's last layer, read from its config.
 * Used in lessons: 02.
 */
export function outputActivation(model: tf.LayersModel): string {
  if (!model || !Array.isArray(model.layers) || model.layers.length === 0)
    throw new InputError('model must be a tf.LayersModel with at least one layer');
  const last = model.layers[model.layers.length - 1];
  const activation = (last.getConfig() as { activation?: unknown }).activation;
  return typeof activation === 'string' ? activation : String(activation);
}

/** Options of {@link powersetClassifier}. */
export interface PowersetClassifierOptions {
  numFeatures: number;
  hiddenUnits: number[];
  /** n: the softmax gets one output per combination, 2^n. */
  numLabels: number;
  /** Largest output layer (weights + biases, float32) allowed, in bytes. */
  memoryBudgetBytes: number;
  seed: number;
  name?: string;
}

/**
 * A label-powerset classifier: the layers of {@link denseClassifier} with a softmax over all 2^n
 * label combinations, output shape `[null, 2^numLabels]`. The output layer's size is checked
 * against the memory budget before anything is allocated.
 * Used in lessons: 05.
 * @throws InputError, before allocating, when the 2^n-way output layer needs more than
 *   `memoryBudgetBytes` (the message gives its parameter count and size), or for bad sizes.
 */
export function powersetClassifier(options: PowersetClassifierOptions): tf.Sequential {
  assertOptions<PowersetClassifierOptions>(
    options,
    {
      numFeatures: true,
      hiddenUnits: true,
      numLabels: true,
      memoryBudgetBytes: true,
      seed: true,
      name: true,
    },
    { required: true },
  );
  const {
    numFeatures,
    hiddenUnits,
    numLabels,
    memoryBudgetBytes,
    seed,
    name = 'powerset',
  } = options;
  const outputActivation = 'softmax';
  // The layers below the output, checked as denseClassifier checks them (one output stands in).
  const sizes = checkArchitecture({ numFeatures, hiddenUnits, numLabels: 1, outputActivation });
  const feeding = sizes[sizes.length - 2];
  const { numClasses } = assertPowersetFits(numLabels, feeding, memoryBudgetBytes);
  return denseClassifier({
    numFeatures,
    hiddenUnits,
    numLabels: numClasses,
    outputActivation,
    seed,
    name,
  });
}

/**
 * A model's predictions as plain rows, with every tensor disposed (a `tf.tidy` around `predict`
 * keeps the tensor it returns, so `.arraySync()` on it would leak one tensor per call).
 * @param x a 2-D tensor or plain rows `[rows, features]`
 * @throws InputError when `x` is neither a 2-D tensor nor a matrix of finite numbers.
 */
export function predictProbs(model: tf.LayersModel, x: tf.Tensor | Matrix): number[][] {
  return withPrediction(model, x, tensorRows, 'predictProbs');
}

/**
 * The most probable class of each row (argmax of a softmax), every tensor disposed.
 * @throws InputError as {@link predictProbs}.
 */
export function predictClass(model: tf.LayersModel, x: tf.Tensor | Matrix): number[] {
  return withPrediction(model, x, tensorArgMax, 'predictClass');
}

/** Runs `predict` on a 2-D tensor or plain rows, reads the result, and disposes what it made. */
function withPrediction<T>(
  model: tf.LayersModel,
  x: tf.Tensor | Matrix,
  read: (prediction: tf.Tensor) => T,
  fn: string,
): T {
  if (!(model instanceof tf.LayersModel))
    throw new InputError(`model must be a tf.LayersModel, got ${describe(model)}`);
  if (x instanceof tf.Tensor) assertTensor(fn, 'x', x, 2);
  const input = x instanceof tf.Tensor ? x : tf.tensor2d(x as number[][], assertMatrix('x', x));
  if (input.rank !== 2)
    throw new InputError(`x must be a 2-D tensor [rows, features], got ${describe(x)}`);
  const prediction = model.predict(input) as tf.Tensor;
  try {
    return read(prediction);
  } finally {
    prediction.dispose();
    if (input !== x) input.dispose();
  }
}
