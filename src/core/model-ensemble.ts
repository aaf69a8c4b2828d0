/**
 * The K-member trainer, driven by a model the reader wrote: K copies of a `tf.Sequential` of
 * Dense layers, each built by the reader's own function with its own seed, trained with the loss
 * and optimizer the model was compiled with. The architecture is written once, in the notebook.
 */
import * as tf from '@tensorflow/tfjs';
import { DenseEnsemble, type EnsembleLoss, type OptimizerSpec } from './ensemble';
import type { OutputActivation } from './models';
import { assertInteger, describe, InputError } from './validate';

/** A function that builds one (uncompiled or compiled) model from a seed. */
export type ModelBuilder = (seed: number) => tf.LayersModel;

interface DenseLayerConfig {
  units?: number;
  activation?: string;
  useBias?: boolean;
  kernelRegularizer?: unknown;
  biasRegularizer?: unknown;
  activityRegularizer?: unknown;
  kernelConstraint?: unknown;
  biasConstraint?: unknown;
}

/** What the ensemble needs to know of a model: the layer sizes and the output activation. */
interface Architecture {
  numFeatures: number;
  hiddenUnits: number[];
  numLabels: number;
  outputActivation: OutputActivation;
}

/**
 * The architecture of a Sequential-like model of Dense layers: ReLU hidden layers with biases
 * and an output layer with a sigmoid, softmax or linear activation, as the ensemble trains them.
 * @throws InputError naming the first layer the ensemble cannot reproduce.
 */
function denseArchitecture(model: tf.LayersModel): Architecture {
  if (!(model instanceof tf.LayersModel))
    throw new InputError(`the builder must return a tf.LayersModel, got ${describe(model)}`);
  const input = model.inputs[0]?.shape;
  if (model.inputs.length !== 1 || !input || input.length !== 2 || typeof input[1] !== 'number')
    throw new InputError(
      `the model must have one input of shape [null, features], got ` +
        `[${model.inputs.map((i) => `[${i.shape.join(', ')}]`).join(', ')}]`,
    );
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  if (layers.length === 0) throw new InputError('the model must have at least one Dense layer');
  const units: number[] = [];
  let outputActivation: OutputActivation = 'linear';
  const where = (i: number) => `layer ${i} ('${layers[i].name}')`;
  layers.forEach((layer, i) => {
    if (layer.getClassName() !== 'Dense')
      throw new InputError(`${where(i)} must be a Dense layer, got ${layer.getClassName()}`);
  });
  layers.forEach((layer, i) => {
    const config = layer.getConfig() as DenseLayerConfig;
    if (config.useBias === false) throw new InputError(`${where(i)} must have a bias (useBias)`);
    for (const key of [
      'kernelRegularizer',
      'biasRegularizer',
      'activityRegularizer',
      'kernelConstraint',
      'biasConstraint',
    ] as const)
      if (config[key] != null)
        throw new InputError(`${where(i)} has a ${key}, which the ensemble does not apply`);
    const activation = String(config.activation);
    const isOutput = i === layers.length - 1;
    if (!isOutput && activation !== 'relu')
      throw new InputError(
        `${where(i)} is a hidden layer and must use 'relu', got '${activation}'`,
      );
    if (isOutput) {
      if (activation !== 'sigmoid' && activation !== 'softmax' && activation !== 'linear')
        throw new InputError(
          `${where(i)}, the output, must use 'sigmoid', 'softmax' or 'linear', got '${activation}'`,
        );
      outputActivation = activation;
    }
    units.push(Number(config.units));
  });
  return {
    numFeatures: input[1],
    hiddenUnits: units.slice(0, -1),
    numLabels: units[units.length - 1],
    outputActivation,
  };
}

/**
 * K models of one architecture as one {@link DenseEnsemble}: member k starts with exactly the
 * weights of `build(seeds[k])` (whatever initializers the builder chose), so a builder whose
 * initializers take their seeds from its argument gives member k the model the reader would get
 * from `build(seeds[k])`. Each built model is read and disposed.
 * Used in lessons: 01, 02, 03, 05, 06.
 * @throws InputError for no seeds, seeds that are not integers in [0, 2^31 - 1], a builder that
 *   does not return a model of Dense layers the ensemble can train (ReLU hidden layers with
 *   biases, no regularizers or constraints; a sigmoid, softmax or linear output), or members
 *   whose architectures differ.
 */
export function ensembleOf(build: ModelBuilder, seeds: readonly number[]): DenseEnsemble {
  if (typeof build !== 'function')
    throw new InputError(
      `build must be a function (seed) => tf.LayersModel, got ${describe(build)}`,
    );
  if (!Array.isArray(seeds) || seeds.length < 1)
    throw new InputError(`seeds must be a non-empty array, one per member, got ${describe(seeds)}`);
  seeds.forEach((s, k) => assertInteger(`seeds[${k}]`, s, 0, 2 ** 31 - 1));
  let architecture: Architecture | null = null;
  const weights: tf.Tensor[][] = [];
  try {
    for (const seed of seeds) {
      const model = build(seed);
      try {
        const mine = denseArchitecture(model);
        if (architecture && JSON.stringify(mine) !== JSON.stringify(architecture))
          throw new InputError(
            `every member must have one architecture: build(${seed}) gave ` +
              `${JSON.stringify(mine)}, build(${seeds[0]}) ${JSON.stringify(architecture)}`,
          );
        architecture = mine;
        weights.push(model.getWeights().map((w) => w.clone()));
      } finally {
        model.dispose();
      }
    }
    const arch = architecture!;
    const kernels: tf.Variable[] = [];
    const biases: tf.Variable[] = [];
    const layers = arch.hiddenUnits.length + 1;
    for (let i = 0; i < layers; i++) {
      kernels.push(tf.tidy(() => tf.variable(tf.stack(weights.map((w) => w[2 * i])))));
      biases.push(
        tf.tidy(() => tf.variable(tf.stack(weights.map((w) => w[2 * i + 1].expandDims(0))))),
      );
    }
    return new DenseEnsemble({ ...arch, seeds }, kernels, biases);
  } finally {
    weights.forEach((w) => tf.dispose(w));
  }
}

/** The ensemble losses a compiled model's loss string can stand for. */
const LOSS_NAMES: Record<string, EnsembleLoss> = {
  binaryCrossentropy: 'binaryCrossentropy',
  categoricalCrossentropy: 'categoricalCrossentropy',
  sparseCategoricalCrossentropy: 'sparseCategoricalCrossentropy',
};

/**
 * The loss and optimizer a model was compiled with, as {@link trainEnsemble} takes them, so that
 * `trainEnsemble(ensemble, x, y, { ...compiledAs(model), numEpochs, batchSize, seeds })` trains
 * every member with the model's own recipe. A loss function (not a string) cannot be read: give
 * `options.loss`, the ensemble loss it computes (e.g. `'binaryCrossentropyFromLogits'`).
 * Used in lessons: 01, 02, 03, 05, 06.
 * @throws InputError for a model that is not compiled, an optimizer other than SGD, Adam and
 *   RMSprop, or a loss that is not one of the ensemble's and no `options.loss`.
 */
export function compiledAs(
  model: tf.LayersModel,
  options: { loss?: EnsembleLoss } = {},
): { loss: EnsembleLoss; optimizer: OptimizerSpec } {
  if (!(model instanceof tf.LayersModel))
    throw new InputError(`model must be a compiled tf.LayersModel, got ${describe(model)}`);
  const optimizer = model.optimizer;
  if (!optimizer) throw new InputError('model must be compiled (model.compile) first');
  const config = optimizer.getConfig() as Record<string, number | boolean>;
  const learningRate = Number(config.learningRate);
  let spec: OptimizerSpec;
  switch (optimizer.getClassName()) {
    case 'SGD':
      spec = { name: 'sgd', learningRate };
      break;
    case 'Adam':
      spec = {
        name: 'adam',
        learningRate,
        beta1: Number(config.beta1),
        beta2: Number(config.beta2),
        epsilon: Number(config.epsilon),
      };
      break;
    case 'RMSProp':
      spec = {
        name: 'rmsprop',
        learningRate,
        decay: Number(config.decay),
        momentum: Number(config.momentum),
        epsilon: Number(config.epsilon),
        centered: Boolean(config.centered),
      };
      break;
    default:
      throw new InputError(
        `the model's optimizer must be SGD, Adam or RMSprop, got ${optimizer.getClassName()}`,
      );
  }
  if (options.loss !== undefined) return { loss: options.loss, optimizer: spec };
  const loss = typeof model.loss === 'string' ? LOSS_NAMES[model.loss] : undefined;
  if (!loss)
    throw new InputError(
      `the model's loss must be one of '${Object.keys(LOSS_NAMES).join("', '")}', got ` +
        `${typeof model.loss === 'string' ? `'${model.loss}'` : describe(model.loss)}: ` +
        `give options.loss for a loss function`,
    );
  return { loss, optimizer: spec };
}
