/**
 * Many seeds for the price of one: K dense classifiers of one architecture, held as one set of
 * variables with a leading member axis (kernels `[K, in, out]`, biases `[K, 1, out]`) and trained
 * together, one batched matMul per layer instead of K. Training small networks here is bound by
 * the fixed cost of each small TensorFlow.js operation, not by arithmetic, so K members cost
 * little more than one.
 *
 * Member k is the network that `denseClassifier` + `trainSeeded` would train on its own:
 * - it starts from `denseClassifier({ ..., seed: seeds[k] })`'s weights (the same seeded
 *   Glorot-uniform initialisers, layer i seeded `seed + i`, zero biases);
 * - its batches are `trainSeeded`'s with shuffle seed `options.seeds[k]` (the same generator and
 *   permutation each epoch, the same validation rows taken from the end of its rows);
 * - the training loss is the sum of the members' losses, each the mean over that member's own
 *   batch, so the gradient of member k's weights is the gradient of member k's loss alone;
 * - SGD, Adam and RMSprop update every weight element-wise from its own gradient and slots;
 *   Adam's bias correction depends on the step count only, and every member takes its own t-th
 *   step at global step t (see below). Nothing couples members: TensorFlow.js optimizers have no
 *   clipping by global norm, and there is no regulariser or batch statistic across members.
 *
 * Members with fewer training rows take fewer steps per epoch. Every member steps at every
 * global step from the first, running through its own epochs back to back, until its epochs are
 * done (or early stopping ends it); a batch is padded to the largest batch of that step with rows
 * of weight 0, and each member's loss is divided by its own batch size. A member that is done is
 * frozen: its weights are saved then and written back at the end, because an optimizer keeps
 * moving a weight whose gradient is 0 (Adam's and RMSprop's moments decay).
 *
 * What is bit-for-bit equal to separate trainings, and what is not, is stated in the tests
 * (test/unit/ensemble.test.ts); in short, weights are identical on the wasm and cpu backends for
 * sigmoid and softmax outputs, while predictions and a linear output layer's weights can differ
 * in the last bits (a Dense layer fuses the bias add into the matMul there), and reported losses
 * in about the seventh digit (sums in float64 here, in float32 tensors in `model.fit`).
 */
import * as tf from '@tensorflow/tfjs';
import { denseClassifier, type OutputActivation } from './models';
import { optimizerStep } from './optimizer-step';
import { progressLine } from './progress';
import { createRng, fitShuffle, permutation, type Rng } from './random';
import { useBatchedWasmMatMul } from './wasm-batched-matmul';
import {
  assertFiniteNumber,
  assertInteger,
  assertMatrix,
  assertOptions,
  assertProbability,
  describe,
  InputError,
  type Matrix,
} from './validate';

/** The clipping constant TensorFlow.js uses in its cross-entropies (`backend().epsilon()`). */
const EPSILON = 1e-7;

/** Largest number of floats one evaluation chunk's widest activation may hold (16 MB). */
const EVAL_CHUNK_FLOATS = 4 * 1024 * 1024;

/** Architecture of every member, and one initialisation seed per member. */
export interface DenseEnsembleOptions {
  numFeatures: number;
  /** Units of each hidden ReLU layer, in order; [] for none. */
  hiddenUnits: number[];
  /** Output units: one per label (or per class). */
  numLabels: number;
  outputActivation: OutputActivation;
  /**
   * One seed per member; K is its length. Member k starts with the weights of
   * `denseClassifier({ ..., seed: seeds[k] })`.
   */
  seeds: readonly number[];
  /** Name prefix of the models {@link DenseEnsemble.toModel} builds. */
  name?: string;
  /**
   * Optional fixed connectivity, the same in every member: one 0/1 matrix `[in, out]` per layer,
   * or null for a full layer. A 0 removes that connection: its weight starts at 0 and the forward
   * pass multiplies it by 0, so its gradient is 0 and it stays 0 (SGD, Adam and RMSprop all
   * leave a weight whose gradient is always 0 where it is). A block-diagonal pattern makes each
   * member a set of independent smaller networks, e.g. one per label; `toModel` then gives a
   * Dense model whose removed weights are exactly 0, which computes the same function.
   */
  masks?: readonly (Matrix | null)[];
}

/**
 * The training losses. Each equals, per member, the loss a compiled model would use:
 * `'binaryCrossentropy'` is TensorFlow.js's (probabilities clipped to [1e-7, 1 - 1e-7] and turned
 * back into logits); with `posWeights` it is `weightedBinaryCrossentropy(posWeights)` from
 * losses.ts; `'binaryCrossentropyFromLogits'` is `sigmoidCrossEntropyFromLogits` (for a 'linear'
 * output); `'categoricalCrossentropy'` and `'sparseCategoricalCrossentropy'` are TensorFlow.js's
 * (for a 'softmax' output; the sparse one takes one column of class indices);
 * `'sparseCategoricalCrossentropyFromLogits'` is `softmaxCrossEntropyFromLogits` on the one-hot
 * rows of one column of class indices (for a 'linear' output), cheaper per step than the sparse
 * loss on probabilities when there are many classes.
 */
export type EnsembleLoss =
  | 'binaryCrossentropy'
  | 'binaryCrossentropyFromLogits'
  | 'categoricalCrossentropy'
  | 'sparseCategoricalCrossentropy'
  | 'sparseCategoricalCrossentropyFromLogits';

const LOSSES: readonly EnsembleLoss[] = [
  'binaryCrossentropy',
  'binaryCrossentropyFromLogits',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'sparseCategoricalCrossentropyFromLogits',
];

/** An optimizer as `tf.train` builds it; omitted settings take TensorFlow.js's defaults. */
export type OptimizerSpec =
  | { name: 'sgd'; learningRate: number }
  | { name: 'adam'; learningRate: number; beta1?: number; beta2?: number; epsilon?: number }
  | {
      name: 'rmsprop';
      learningRate: number;
      decay?: number;
      momentum?: number;
      epsilon?: number;
      centered?: boolean;
    };

/**
 * The `tf.train` optimizer a spec describes, so that a single model can be compiled with exactly
 * the optimizer the ensemble uses.
 * @throws InputError for an unknown name or a learning rate that is not a positive number.
 */
export function makeOptimizer(spec: OptimizerSpec): tf.Optimizer {
  if (typeof spec !== 'object' || spec === null)
    throw new InputError(
      `optimizer must be { name: 'sgd' | 'adam' | 'rmsprop', learningRate }, got ${describe(spec)}`,
    );
  assertFiniteNumber('optimizer.learningRate', spec.learningRate);
  if (spec.learningRate < 0)
    throw new InputError(`optimizer.learningRate must be >= 0, got ${spec.learningRate}`);
  switch (spec.name) {
    case 'sgd':
      return tf.train.sgd(spec.learningRate);
    case 'adam':
      return tf.train.adam(spec.learningRate, spec.beta1, spec.beta2, spec.epsilon);
    case 'rmsprop':
      return tf.train.rmsprop(
        spec.learningRate,
        spec.decay,
        spec.momentum,
        spec.epsilon,
        spec.centered,
      );
    default:
      throw new InputError(
        `optimizer.name must be 'sgd', 'adam' or 'rmsprop', ` +
          `got ${describe((spec as { name?: unknown }).name)}`,
      );
  }
}

/**
 * On wasm, stacked products go through XNNPACK one member at a time instead of wasm's plain loop
 * for stacks (see wasm-batched-matmul.ts); other backends need nothing.
 */
function useFastStackedProducts(): void {
  if (tf.getBackend() === 'wasm') useBatchedWasmMatMul();
}

/**
 * Forward pass of every member: `x` is `[rows, features]` (shared) or `[K, rows, features]`.
 * A layer with a connectivity mask (`[in, out]`, broadcast over members) uses `kernel * mask`.
 */
function forward(
  x: tf.Tensor,
  kernels: readonly tf.Variable[],
  biases: readonly tf.Variable[],
  activation: OutputActivation,
  masks: readonly (tf.Tensor | null)[] = [],
): tf.Tensor {
  // The same operations a Dense layer runs while training: hidden layers as matMul, bias add and
  // relu (TensorFlow.js does not fuse relu under a gradient tape); the output layer as a matMul
  // (a Dense layer's fused matMul without bias or activation runs the same wasm and cpu code),
  // then the bias add and the activation.
  const kernel = (i: number): tf.Tensor => {
    const mask = masks[i];
    return mask ? tf.mul(kernels[i], mask) : kernels[i];
  };
  let h = x;
  const last = kernels.length - 1;
  for (let i = 0; i < last; i++) h = tf.relu(tf.add(tf.matMul(h, kernel(i)), biases[i]));
  const z = tf.add(tf.matMul(h, kernel(last)), biases[last]);
  if (activation === 'sigmoid') return tf.sigmoid(z);
  if (activation === 'softmax') return tf.softmax(z);
  return z;
}

/**
 * K dense classifiers of one architecture as one set of variables with a leading member axis.
 * Build it with {@link denseEnsemble}, train it with {@link trainEnsemble}; dispose it when done.
 */
export class DenseEnsemble {
  /** K, the number of members. */
  readonly numMembers: number;
  /** The architecture and seeds it was built with. */
  readonly options: Readonly<DenseEnsembleOptions>;
  /** Kernel of each layer, `[K, in, out]`, in layer order. */
  readonly kernels: readonly tf.Variable[];
  /** Bias of each layer, `[K, 1, out]`, in layer order. */
  readonly biases: readonly tf.Variable[];
  /** Connectivity mask of each layer, `[in, out]` (null: a full layer); empty for none. */
  readonly masks: readonly (tf.Tensor2D | null)[];
  private disposed = false;

  /** Use {@link denseEnsemble}, which checks the options and draws the initial weights. */
  constructor(
    options: DenseEnsembleOptions,
    kernels: tf.Variable[],
    biases: tf.Variable[],
    masks: (tf.Tensor2D | null)[] = [],
  ) {
    this.options = Object.freeze({
      ...options,
      hiddenUnits: [...options.hiddenUnits],
      seeds: [...options.seeds],
    });
    this.numMembers = options.seeds.length;
    this.kernels = kernels;
    this.biases = biases;
    this.masks = masks;
  }

  /** Every trainable variable, kernel then bias of each layer (a Dense model's weight order). */
  get variables(): tf.Variable[] {
    return this.kernels.flatMap((k, i) => [k, this.biases[i]]);
  }

  /** Whether {@link dispose} was called. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** @throws InputError once the ensemble is disposed. */
  assertLive(): void {
    if (this.disposed) throw new InputError('ensemble was already disposed');
  }

  /**
   * Every member's outputs (probabilities for sigmoid and softmax, raw scores for linear).
   * @param x `[rows, numFeatures]` rows every member sees, or `[K, rows, numFeatures]` one block
   *   per member; a tensor or plain rows (`number[][]`, shared).
   * @returns a new `[K, rows, numLabels]` tensor; the caller disposes it.
   * @throws InputError for a wrong rank, width or member count, or a disposed ensemble.
   */
  predict(x: tf.Tensor | Matrix): tf.Tensor3D {
    this.assertLive();
    const { numFeatures } = this.options;
    if (!(x instanceof tf.Tensor)) {
      const [rows] = assertMatrix('x', x, numFeatures);
      return tf.tidy(() => this.predict(tf.tensor2d(x as number[][], [rows, numFeatures])));
    }
    if (x.isDisposed) throw new InputError('x must be a live tensor, got one already disposed');
    const ok =
      (x.rank === 2 && x.shape[1] === numFeatures) ||
      (x.rank === 3 && x.shape[0] === this.numMembers && x.shape[2] === numFeatures);
    if (!ok)
      throw new InputError(
        `x must be [rows, ${numFeatures}] or [${this.numMembers}, rows, ${numFeatures}], ` +
          `got ${describe(x)}`,
      );
    useFastStackedProducts();
    const rowAxis = x.rank - 2;
    const rows = x.shape[rowAxis];
    // Large inputs go through in chunks of rows, so that no activation holds more than about
    // 16 MB however many members and rows there are.
    const { hiddenUnits, numLabels, outputActivation } = this.options;
    const widest = Math.max(numFeatures, numLabels, ...hiddenUnits);
    const chunk = Math.max(1, Math.floor(EVAL_CHUNK_FLOATS / (this.numMembers * widest)));
    return tf.tidy(() => {
      const input = tf.cast(x, 'float32');
      if (rows <= chunk)
        return forward(
          input,
          this.kernels,
          this.biases,
          outputActivation,
          this.masks,
        ) as tf.Tensor3D;
      const parts: tf.Tensor[] = [];
      for (let start = 0; start < rows; start += chunk) {
        const size = Math.min(chunk, rows - start);
        const part =
          rowAxis === 0
            ? tf.slice(input, [start, 0], [size, -1])
            : tf.slice(input, [0, start, 0], [-1, size, -1]);
        parts.push(forward(part, this.kernels, this.biases, outputActivation, this.masks));
      }
      return tf.concat(parts, 1) as tf.Tensor3D;
    });
  }

  /**
   * Member k's weights in a Dense model's order and shapes (`[in, out]` kernel, `[out]` bias per
   * layer), as `model.getWeights()` returns them; the caller disposes them.
   * @throws InputError for k outside [0, K - 1] or a disposed ensemble.
   */
  memberWeights(k: number): tf.Tensor[] {
    this.assertLive();
    assertInteger('k', k, 0, this.numMembers - 1);
    return this.variables.map((v, i) => {
      const [, rows, cols] = v.shape;
      // Even entries are kernels [in, out]; odd ones biases, stored [K, 1, out]. The values are
      // copied into new tensors rather than reshaped: a reshape shares its data with the slice,
      // and the wasm fused matMul reads a bias's rank from that data's original shape, so a
      // model given a reshaped [1, 1, out] bias would fail to predict.
      const values = tf.tidy(() => tf.slice(v, [k, 0, 0], [1, rows, cols]).dataSync());
      return tf.tensor(values, i % 2 === 0 ? [rows, cols] : [cols]);
    });
  }

  /**
   * Member k as an ordinary uncompiled `tf.Sequential` (`denseClassifier` with member k's current
   * weights copied in), for the existing predict and metric code.
   * @throws InputError for k outside [0, K - 1] or a disposed ensemble.
   */
  toModel(k: number, name?: string): tf.Sequential {
    const weights = this.memberWeights(k);
    try {
      const { numFeatures, hiddenUnits, numLabels, outputActivation, seeds } = this.options;
      const model = denseClassifier({
        numFeatures,
        hiddenUnits: [...hiddenUnits],
        numLabels,
        outputActivation,
        seed: seeds[k],
        name: name ?? `${this.options.name ?? 'member'}${k}`,
      });
      model.setWeights(weights);
      return model;
    } finally {
      tf.dispose(weights);
    }
  }

  /** Frees the variables. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose(this.variables);
    tf.dispose(this.masks.filter((m): m is tf.Tensor2D => m !== null));
  }
}

/**
 * K dense classifiers with the architecture of `denseClassifier`, member k initialised exactly as
 * `denseClassifier({ ..., seed: seeds[k] })` (Glorot-uniform kernels seeded `seeds[k] + i` for
 * layer i, zero biases).
 * With `masks`, each kernel is multiplied by its layer's mask from the start.
 * @returns a {@link DenseEnsemble}; dispose it when done.
 * @throws InputError for no seeds, a seed that is not an integer in [0, 2^31 - 1], sizes that
 *   are not positive integers, an unknown activation, or masks that are not one 0/1 matrix
 *   `[in, out]` (or null) per layer.
 */
export function denseEnsemble(options: DenseEnsembleOptions): DenseEnsemble {
  assertOptions<DenseEnsembleOptions>(
    options,
    {
      numFeatures: true,
      hiddenUnits: true,
      numLabels: true,
      outputActivation: true,
      seeds: true,
      name: true,
      masks: true,
    },
    { required: true },
  );
  const { numFeatures, hiddenUnits, numLabels, outputActivation, seeds } = options;
  assertInteger('numFeatures', numFeatures, 1);
  assertInteger('numLabels', numLabels, 1);
  if (!Array.isArray(hiddenUnits))
    throw new InputError(
      `hiddenUnits must be an array of layer sizes, got ${describe(hiddenUnits)}`,
    );
  hiddenUnits.forEach((units, i) => assertInteger(`hiddenUnits[${i}]`, units, 1));
  if (!['sigmoid', 'softmax', 'linear'].includes(outputActivation))
    throw new InputError(
      `outputActivation must be 'sigmoid', 'softmax' or 'linear', ` +
        `got ${describe(outputActivation)}`,
    );
  if (!Array.isArray(seeds) || seeds.length < 1)
    throw new InputError(
      `seeds must be a non-empty array with one seed per member (K >= 1), got ${describe(seeds)}`,
    );
  seeds.forEach((s, k) => assertInteger(`seeds[${k}]`, s, 0, 2 ** 31 - 1));
  const sizes = [numFeatures, ...hiddenUnits, numLabels];
  const masks = checkMasks(options.masks, sizes);
  const kernels: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  for (let i = 1; i < sizes.length; i++) {
    const shape = [sizes[i - 1], sizes[i]];
    const mask = masks[i - 1];
    kernels.push(
      tf.tidy(() => {
        const initial = tf.stack(
          seeds.map((s) => tf.initializers.glorotUniform({ seed: s + i - 1 }).apply(shape)),
        );
        return tf.variable(mask ? tf.mul(initial, mask) : initial);
      }),
    );
    // tidy disposes the zeros tensor itself; the variable keeps its own reference to the data.
    biases.push(tf.tidy(() => tf.variable(tf.zeros([seeds.length, 1, sizes[i]]))));
  }
  return new DenseEnsemble(options, kernels, biases, masks);
}

/** The masks option as tensors (null for a full layer), checked against the layer sizes. */
function checkMasks(
  masks: readonly (Matrix | null)[] | undefined,
  sizes: readonly number[],
): (tf.Tensor2D | null)[] {
  if (masks === undefined) return [];
  const layers = sizes.length - 1;
  if (!Array.isArray(masks) || masks.length !== layers)
    throw new InputError(
      `masks must have one 0/1 matrix (or null) per layer (${layers}), got ${describe(masks)}`,
    );
  const checked: readonly (Matrix | null)[] = masks;
  checked.forEach((m, i) => {
    if (m === null) return;
    const [rows] = assertMatrix(`masks[${i}]`, m, sizes[i + 1]);
    if (rows !== sizes[i])
      throw new InputError(
        `masks[${i}] must have ${sizes[i]} rows (the layer's inputs), got ${rows}`,
      );
    m.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== 0 && v !== 1)
          throw new InputError(`masks[${i}][${r}][${c}] must be 0 or 1, got ${describe(v)}`);
      }),
    );
  });
  return checked.map((m) => (m === null ? null : tf.tensor2d(m as number[][])));
}

/**
 * Every member's outputs as plain arrays `[K][rows][numLabels]`, with every tensor disposed.
 * Used in lessons: 01, 02, 03.
 * @throws InputError as {@link DenseEnsemble.predict}.
 */
export function predictEnsembleProbs(ensemble: DenseEnsemble, x: tf.Tensor | Matrix): number[][][] {
  assertEnsemble(ensemble);
  const out = ensemble.predict(x);
  try {
    return out.arraySync();
  } finally {
    out.dispose();
  }
}

/**
 * A member's `memberRows` for an equal training budget: its own `size` rows (rows
 * `offset .. offset + size - 1` of the shared data) repeated `length / size` times. Shuffled in
 * passes over such lists, every member takes the same number of optimizer steps on batches of the
 * same size, so a small training set gets as much training as a large one.
 * @throws InputError unless `size` divides `length`, or for sizes that are not positive integers.
 */
export function repeatedRows(size: number, length: number, offset = 0): number[] {
  assertInteger('size', size, 1);
  assertInteger('length', length, 1);
  assertInteger('offset', offset, 0);
  if (length % size !== 0) throw new InputError(`size must divide length ${length}, got ${size}`);
  return Array.from({ length }, (_, i) => offset + (i % size));
}

/** Options of {@link trainEnsemble}; the schedule options mean what they mean in `trainSeeded`. */
export interface EnsembleTrainOptions {
  loss: EnsembleLoss;
  /** One positive weight per label on the positive term (only with 'binaryCrossentropy'). */
  posWeights?: readonly number[];
  /** A fresh optimizer of this kind is made for every call (as compiling a model anew would). */
  optimizer: OptimizerSpec;
  numEpochs: number;
  batchSize: number;
  /** One shuffle seed per member: member k's batches are `trainSeeded`'s with `seed: seeds[k]`. */
  seeds: readonly number[];
  /**
   * How each epoch orders a member's rows. `'permutation'` (the default): a fresh permutation
   * per epoch, as `trainSeeded`. `'fit'`: as `model.fit` does once `seedMathRandom(seeds[k])`
   * has seeded `Math.random`: one index list, shuffled again in place every epoch; and the
   * validation split is fit's, `floor(rows * (1 - validationSplit))` training rows.
   */
  order?: 'permutation' | 'fit';
  /**
   * Optional rows of each member, as indices into its data (repeats allowed, e.g. a bootstrap;
   * a prefix for a training-size sweep). Member k then trains as `trainSeeded` would on
   * `x[memberRows[k]]`, `y[memberRows[k]]`.
   */
  memberRows?: readonly ArrayLike<number>[];
  /** Fraction of each member's rows held out for validation, taken from the end (as Keras does). */
  validationSplit?: number;
  /**
   * Stop a member when the monitored value has not improved by `minDelta` for `patience` epochs
   * in a row (`trainSeeded`'s rule); the member is frozen, the others go on. With
   * `restoreBestWeights`, a member that stops early gets back the weights of its best epoch.
   */
  earlyStopping?: {
    monitor?: 'loss' | 'val_loss';
    patience: number;
    minDelta?: number;
    restoreBestWeights?: boolean;
  };
  /** A name for the live progress line; `false` for none. */
  progress?: string | false;
  /** Called after every epoch of every member with its `loss` (and `val_loss`). */
  onEpochEnd?: (member: number, epoch: number, logs: Record<string, number>) => void;
}

/** One member's training record, shaped like `trainSeeded`'s history. */
export interface MemberHistory {
  epochs: number;
  /** `loss` (and `val_loss`) per epoch. */
  history: Record<string, number[]>;
  stoppedEarly: boolean;
}

/** What {@link trainEnsemble} returns. */
export interface EnsembleHistory {
  members: MemberHistory[];
  /** Optimizer steps taken (the largest member's step count). */
  steps: number;
  seconds: number;
}

function assertEnsemble(ensemble: unknown): asserts ensemble is DenseEnsemble {
  if (!(ensemble instanceof DenseEnsemble))
    throw new InputError(`ensemble must be a DenseEnsemble, got ${describe(ensemble)}`);
  ensemble.assertLive();
}

/** Training data read once into host memory, shared by every member or one block each. */
interface HostData {
  x: Float32Array;
  y: Float32Array;
  /** Rows per member block (or shared). */
  rows: number;
  xWidth: number;
  yWidth: number;
  perMember: boolean;
}

function readData(ensemble: DenseEnsemble, x: unknown, y: unknown, loss: EnsembleLoss): HostData {
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
function checkOptions(ensemble: DenseEnsemble, options: EnsembleTrainOptions): void {
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
  const { loss, posWeights, numEpochs, batchSize, seeds, memberRows } = options;
  const { validationSplit = 0, earlyStopping } = options;
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
  assertInteger('numEpochs', numEpochs, 1);
  assertInteger('batchSize', batchSize, 1);
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
  assertProbability('validationSplit', validationSplit);
  if (validationSplit >= 1)
    throw new InputError(`validationSplit must be below 1, got ${validationSplit}`);
  if (earlyStopping !== undefined) {
    if (typeof earlyStopping !== 'object' || earlyStopping === null)
      throw new InputError(
        `earlyStopping must be { monitor?, patience, minDelta?, restoreBestWeights? }, ` +
          `got ${describe(earlyStopping)}`,
      );
    assertInteger('earlyStopping.patience', earlyStopping.patience, 0);
    const restore = earlyStopping.restoreBestWeights;
    if (restore !== undefined && typeof restore !== 'boolean')
      throw new InputError(
        `earlyStopping.restoreBestWeights must be true or false, got ${describe(restore)}`,
      );
    if (earlyStopping.minDelta !== undefined)
      assertFiniteNumber('earlyStopping.minDelta', earlyStopping.minDelta);
    const monitor = earlyStopping.monitor ?? 'val_loss';
    if (monitor !== 'loss' && monitor !== 'val_loss')
      throw new InputError(
        `earlyStopping.monitor must be 'loss' or 'val_loss', got ${describe(monitor)}`,
      );
    if (monitor === 'val_loss' && validationSplit === 0)
      throw new InputError(
        "earlyStopping.monitor 'val_loss' needs a validationSplit above 0 (got 0), " +
          "or monitor 'loss'",
      );
  }
  makeOptimizer(options.optimizer).dispose();
}

/** Each member's rows (indices into its data), checked. */
function memberRowLists(
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

/** A loss's per-example terms: per row `[K, B]`, or per entry `[K, B, L]` (mean over entries). */
interface LossTerms {
  values: tf.Tensor;
  perEntry: boolean;
}

function lossTerms(
  loss: EnsembleLoss,
  posWeights: tf.Tensor | null,
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
): LossTerms {
  // The operations of the losses a compiled model would use, so that gradients match bit for bit.
  switch (loss) {
    case 'binaryCrossentropy':
      if (posWeights) {
        // weightedBinaryCrossentropy in losses.ts: a mean over every entry.
        const p = tf.clipByValue(yPred, EPSILON, 1 - EPSILON);
        const positive = tf.mul(posWeights, tf.mul(yTrue, tf.log(p)));
        const negative = tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p)));
        return { values: tf.neg(tf.add(positive, negative)), perEntry: true };
      }
      return { values: tf.metrics.binaryCrossentropy(yTrue, yPred), perEntry: false };
    case 'binaryCrossentropyFromLogits':
      // sigmoidCrossEntropyFromLogits in losses.ts: a mean over every entry.
      return {
        values: tf.losses.sigmoidCrossEntropy(yTrue, yPred, undefined, 0, tf.Reduction.NONE),
        perEntry: true,
      };
    case 'categoricalCrossentropy':
      return { values: tf.metrics.categoricalCrossentropy(yTrue, yPred), perEntry: false };
    case 'sparseCategoricalCrossentropy': {
      // TensorFlow.js's sparseCategoricalCrossentropy, which tf.metrics does not export.
      const classes = tf.cast(tf.floor(tf.reshape(yTrue, [-1])), 'int32');
      const clipped = tf.clipByValue(yPred, EPSILON, 1 - EPSILON);
      const numClasses = clipped.shape[clipped.shape.length - 1];
      const oneHot = tf.reshape(tf.oneHot(classes, numClasses), clipped.shape);
      return { values: tf.metrics.categoricalCrossentropy(oneHot, clipped), perEntry: false };
    }
    case 'sparseCategoricalCrossentropyFromLogits': {
      // softmaxCrossEntropyFromLogits in losses.ts, per row.
      const classes = tf.cast(tf.reshape(yTrue, [-1]), 'int32');
      const oneHot = tf.reshape(
        tf.oneHot(classes, yPred.shape[yPred.shape.length - 1]),
        yPred.shape,
      );
      return {
        values: tf.losses.softmaxCrossEntropy(oneHot, yPred, undefined, 0, tf.Reduction.NONE),
        perEntry: false,
      };
    }
  }
}

/**
 * Each member's loss `[K]` from its terms: the plain mean over the batch when every member has a
 * full batch of the same size, else the sum of terms times per-row weights (1 / its own batch
 * size, 0 on padding rows). Both give each term the gradient TensorFlow.js's mean gives it.
 */
function memberLosses(terms: LossTerms, weights: tf.Tensor | null): tf.Tensor {
  const K = terms.values.shape[0];
  if (weights === null) return tf.mean(tf.reshape(terms.values, [K, -1]), 1);
  const w = terms.perEntry ? tf.expandDims(weights, 2) : weights;
  return tf.sum(tf.reshape(tf.mul(terms.values, w), [K, -1]), 1);
}

/** `1 / n` rounded as float32 division rounds it, which is how TensorFlow.js's mean scales. */
function reciprocals(): (n: number) => number {
  const cache = new Map<number, number>();
  return (n) => {
    let r = cache.get(n);
    if (r === undefined) {
      r = tf.tidy(() => tf.div(tf.scalar(1), tf.scalar(n)).dataSync()[0]);
      cache.set(n, r);
    }
    return r;
  };
}

/** Copies the picked rows of each member into zero-padded `[K, B, width]` batches. */
function fillRows(
  data: HostData,
  picks: readonly (ArrayLike<number> | null)[],
  B: number,
): { xb: Float32Array; yb: Float32Array } {
  const K = picks.length;
  const { xWidth: fw, yWidth: yw } = data;
  const xb = new Float32Array(K * B * fw);
  const yb = new Float32Array(K * B * yw);
  for (let k = 0; k < K; k++) {
    const rows = picks[k];
    if (!rows) continue;
    const base = data.perMember ? k * data.rows : 0;
    for (let i = 0; i < rows.length; i++) {
      const r = base + rows[i];
      xb.set(data.x.subarray(r * fw, (r + 1) * fw), (k * B + i) * fw);
      yb.set(data.y.subarray(r * yw, (r + 1) * yw), (k * B + i) * yw);
    }
  }
  return { xb, yb };
}

/**
 * Mean loss of each member on its own rows, evaluated in chunks so that the activations of a
 * large validation set never need more than about 16 MB. NaN for members without rows.
 */
function evaluateMembers(
  ensemble: DenseEnsemble,
  data: HostData,
  rowsOf: readonly Int32Array[],
  loss: EnsembleLoss,
  posWeights: tf.Tensor | null,
): number[] {
  const K = ensemble.numMembers;
  const { numFeatures, hiddenUnits, numLabels, outputActivation } = ensemble.options;
  const widest = Math.max(numFeatures, numLabels, ...hiddenUnits);
  const chunk = Math.max(1, Math.floor(EVAL_CHUNK_FLOATS / (K * widest)));
  const longest = Math.max(...rowsOf.map((r) => r.length));
  const sums = new Float64Array(K);
  for (let start = 0; start < longest; start += chunk) {
    const B = Math.min(chunk, longest - start);
    const picks = rowsOf.map((r) => (start < r.length ? r.subarray(start, start + B) : null));
    const { xb, yb } = fillRows(data, picks, B);
    const mask = new Float32Array(K * B);
    picks.forEach((p, k) => mask.fill(1, k * B, k * B + (p ? p.length : 0)));
    const chunkSums = tf.tidy(() => {
      const probs = forward(
        tf.tensor3d(xb, [K, B, numFeatures]),
        ensemble.kernels,
        ensemble.biases,
        outputActivation,
        ensemble.masks,
      );
      const terms = lossTerms(loss, posWeights, tf.tensor3d(yb, [K, B, data.yWidth]), probs);
      const perRow = terms.perEntry ? tf.mean(terms.values, 2) : terms.values;
      return tf.sum(tf.mul(perRow, tf.tensor2d(mask, [K, B])), 1).dataSync();
    });
    for (let k = 0; k < K; k++) sums[k] += chunkSums[k];
  }
  return rowsOf.map((r, k) => (r.length > 0 ? sums[k] / r.length : NaN));
}

/** Saves members' slices of every variable, and writes them back at the end. */
function memberFreezer(variables: readonly tf.Variable[], K: number) {
  const saved = new Map<number, Float32Array[]>();
  /** Each member's slice of every variable, now. */
  const snapshot = (members: readonly number[]): Map<number, Float32Array[]> => {
    const out = new Map<number, Float32Array[]>();
    if (members.length === 0) return out;
    const values = variables.map((v) => v.dataSync() as Float32Array);
    for (const k of members)
      out.set(
        k,
        values.map((d) => {
          const n = d.length / K;
          return d.slice(k * n, (k + 1) * n);
        }),
      );
    return out;
  };
  return {
    snapshot,
    /** Freezes members at their weights now, or at the weights given for them. */
    save(members: readonly number[], given?: ReadonlyMap<number, Float32Array[]>): void {
      const missing = members.filter((k) => !given?.has(k));
      for (const [k, slices] of snapshot(missing)) saved.set(k, slices);
      for (const k of members) if (given?.has(k)) saved.set(k, given.get(k)!);
    },
    restore(): void {
      if (saved.size === 0) return;
      variables.forEach((v, i) => {
        const values = Float32Array.from(v.dataSync() as Float32Array);
        const n = values.length / K;
        for (const [k, slices] of saved) values.set(slices[i], k * n);
        tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
      });
      saved.clear();
    },
  };
}

/**
 * Trains every member of an ensemble at once; member k trains exactly as `trainSeeded` would
 * train `denseClassifier({ ..., seed: ensemble.options.seeds[k] })` compiled with this loss and
 * optimizer, with shuffle seed `options.seeds[k]`, on its own rows (`memberRows[k]`, all rows by
 * default) of shared data `x [rows, features]`, `y [rows, labels]`, or of its own block of
 * `x [K, rows, features]`, `y [K, rows, labels]`.
 * Used in lessons: 01, 02, 03, 05.
 * @returns each member's epochs, per-epoch `loss` (and `val_loss`) and whether it stopped early.
 * @throws InputError for tensors of the wrong rank, width or row count, non-finite features,
 *   labels the loss cannot take (not 0/1 for binary cross-entropy, not a class index for the
 *   sparse one), a loss that does not fit the output activation, seeds or row lists that do not
 *   have one entry per member, row indices out of range, a validation split leaving a member no
 *   training rows, or other bad options.
 */
export async function trainEnsemble(
  ensemble: DenseEnsemble,
  x: tf.Tensor,
  y: tf.Tensor,
  options: EnsembleTrainOptions,
): Promise<EnsembleHistory> {
  assertEnsemble(ensemble);
  checkOptions(ensemble, options);
  const { loss, numEpochs, batchSize, seeds, validationSplit = 0, earlyStopping } = options;
  const { progress = false, onEpochEnd } = options;
  const K = ensemble.numMembers;
  const { numFeatures } = ensemble.options;
  const data = readData(ensemble, x, y, loss);

  const rowsOf = memberRowLists(K, data.rows, options.memberRows);
  const trainRows: Int32Array[] = [];
  const valRows: Int32Array[] = [];
  rowsOf.forEach((rows) => {
    const numVal = Math.floor(rows.length * validationSplit);
    // numTrain >= 1: validationSplit < 1 and floor() keep at least one row for training. In
    // 'fit' order the split is model.fit's, floor(rows * (1 - split)): often one row fewer.
    const numTrain =
      options.order === 'fit'
        ? Math.max(1, Math.floor(rows.length * (1 - validationSplit)))
        : rows.length - numVal;
    trainRows.push(rows.subarray(0, numTrain));
    valRows.push(rows.subarray(numTrain));
  });
  const hasValidation = valRows.some((r) => r.length > 0);
  const stepsPerEpoch = trainRows.map((r) => Math.ceil(r.length / batchSize));
  const totalSteps = stepsPerEpoch.map((s) => s * numEpochs);
  const monitor = earlyStopping?.monitor ?? 'val_loss';
  const minDelta = earlyStopping?.minDelta ?? 0;
  const noValidation = valRows.findIndex((r) => r.length === 0);
  if (earlyStopping && monitor === 'val_loss' && noValidation >= 0)
    throw new InputError(
      `earlyStopping.monitor 'val_loss' needs validation rows, but validationSplit ` +
        `${validationSplit} of member ${noValidation}'s ` +
        `${rowsOf[noValidation].length} rows is none`,
    );

  const rngs: Rng[] = seeds.map((s) => createRng(s));
  const fitOrder = options.order === 'fit';
  const orders: Int32Array[] = trainRows.map(() => new Int32Array(0));
  const members: MemberHistory[] = Array.from({ length: K }, () => ({
    epochs: 0,
    history: {},
    stoppedEarly: false,
  }));
  const best = new Array<number>(K).fill(Infinity);
  const sinceBest = new Array<number>(K).fill(0);
  const done = new Array<boolean>(K).fill(false);
  const lossSums = new Float64Array(K);
  const recip = reciprocals();
  const show = progress === false ? null : progressLine();
  const variables = ensemble.variables;
  const freezer = memberFreezer(variables, K);
  // Each member's weights at its best epoch so far, kept only to restore them (Keras's
  // restore_best_weights, which TensorFlow.js's EarlyStopping does not implement).
  const restoreBest = earlyStopping?.restoreBestWeights === true;
  const bestWeights = new Map<number, Float32Array[]>();
  useFastStackedProducts();
  const optimizer = optimizerStep(makeOptimizer(options.optimizer), variables);
  const posWeights = options.posWeights ? tf.tensor1d([...options.posWeights]) : null;
  const start = Date.now();
  let step = 0;
  try {
    for (; ; step++) {
      const active = done.map((d, k) => !d && step < totalSteps[k]);
      if (!active.includes(true)) break;

      const picks: (Int32Array | null)[] = [];
      for (let k = 0; k < K; k++) {
        if (!active[k]) {
          picks.push(null);
          continue;
        }
        const b = step % stepsPerEpoch[k];
        if (b === 0) {
          if (!fitOrder) orders[k] = permutation(trainRows[k].length, rngs[k]);
          else {
            if (orders[k].length === 0) orders[k] = Int32Array.from(trainRows[k], (_, i) => i);
            fitShuffle(orders[k], rngs[k]);
          }
        }
        const slice = orders[k].subarray(b * batchSize, (b + 1) * batchSize);
        picks.push(slice.map((i) => trainRows[k][i]));
      }
      const sizes = picks.map((p) => (p ? p.length : 0));
      const B = Math.max(...sizes);
      const uniform = sizes.every((n) => n === B);
      const { xb, yb } = fillRows(data, picks, B);
      let weights: Float32Array | null = null;
      if (!uniform) {
        weights = new Float32Array(K * B);
        sizes.forEach((n, k) => {
          if (n > 0) weights!.fill(recip(n), k * B, k * B + n);
        });
      }

      const xs = tf.tensor3d(xb, [K, B, numFeatures]);
      const ys = tf.tensor3d(yb, [K, B, data.yWidth]);
      const ws = weights ? tf.tensor2d(weights, [K, B]) : null;
      // Each member's batch loss, kept out of the gradient scope to be read after the step.
      const kept: tf.Tensor[] = [];
      try {
        // What optimizer.minimize does, with the update done by the fused step.
        const { value, grads } = tf.variableGrads(() => {
          const probs = forward(
            xs,
            ensemble.kernels,
            ensemble.biases,
            ensemble.options.outputActivation,
            ensemble.masks,
          );
          const losses = memberLosses(lossTerms(loss, posWeights, ys, probs), ws);
          kept.push(tf.keep(losses));
          return tf.sum(losses) as tf.Scalar;
        }, variables as tf.Variable[]);
        try {
          optimizer.apply(grads);
        } finally {
          tf.dispose([value, ...Object.values(grads)]);
        }
        const batchLosses = kept[0].dataSync();
        for (let k = 0; k < K; k++) if (active[k]) lossSums[k] += batchLosses[k] * sizes[k];
      } finally {
        tf.dispose([xs, ys, ...(ws ? [ws] : []), ...kept]);
      }

      const ended = active
        .map((a, k) => (a && (step + 1) % stepsPerEpoch[k] === 0 ? k : -1))
        .filter((k) => k >= 0);
      if (ended.length === 0) continue;
      const valLosses = hasValidation
        ? evaluateMembers(
            ensemble,
            data,
            valRows.map((r, k) => (ended.includes(k) ? r : r.subarray(0, 0))),
            loss,
            posWeights,
          )
        : null;
      const improved: number[] = [];
      const stopped: number[] = [];
      for (const k of ended) {
        const m = members[k];
        const logs: Record<string, number> = { loss: lossSums[k] / trainRows[k].length };
        lossSums[k] = 0;
        if (valLosses && valRows[k].length > 0) logs.val_loss = valLosses[k];
        for (const [key, value] of Object.entries(logs)) (m.history[key] ??= []).push(value);
        const epoch = m.epochs++;
        onEpochEnd?.(k, epoch, logs);
        let stop = m.epochs === numEpochs;
        if (earlyStopping) {
          const value = logs[monitor];
          if (value < best[k] - minDelta) {
            best[k] = value;
            sinceBest[k] = 0;
            improved.push(k);
          } else if (++sinceBest[k] >= earlyStopping.patience) {
            m.stoppedEarly = true;
            stop = true;
          }
        }
        if (stop) {
          done[k] = true;
          stopped.push(k);
        }
      }
      if (restoreBest) for (const [k, w] of freezer.snapshot(improved)) bestWeights.set(k, w);
      // Members that finished are frozen before the next step moves them (the optimizer still
      // updates every slice); as Keras does, only a member that stopped early is rolled back.
      const rollBack = new Map(
        stopped
          .filter((k) => members[k].stoppedEarly && bestWeights.has(k))
          .map((k) => [k, bestWeights.get(k)!]),
      );
      freezer.save(stopped, rollBack);
      if (show) show(progressText(progress as string, members, numEpochs, start));
      // Let a notebook's event loop draw the progress line between epochs.
      await tf.nextFrame();
    }
  } finally {
    freezer.restore();
    optimizer.dispose();
    posWeights?.dispose();
  }
  return { members, steps: step, seconds: (Date.now() - start) / 1000 };
}

function progressText(
  name: string,
  members: readonly MemberHistory[],
  numEpochs: number,
  start: number,
): string {
  const summary = (key: string): string | null => {
    const last = members
      .map((m) => m.history[key]?.[m.history[key].length - 1])
      .filter((v): v is number => v !== undefined);
    if (last.length === 0) return null;
    const mean = last.reduce((a, b) => a + b, 0) / last.length;
    const range = `[${Math.min(...last).toFixed(4)}, ${Math.max(...last).toFixed(4)}]`;
    return `${key} ${mean.toFixed(4)} ${range}`;
  };
  const epochs = members.map((m) => m.epochs);
  const lo = Math.min(...epochs);
  const hi = Math.max(...epochs);
  return [
    name,
    `${members.length} members`,
    `epoch ${lo === hi ? hi : `${lo}-${hi}`}/${numEpochs}`,
    summary('loss'),
    summary('val_loss'),
    `${((Date.now() - start) / 1000).toFixed(1)} s`,
  ]
    .filter((s) => s !== null)
    .join(' · ');
}
