/**
 * The K-member dense classifier: one set of variables with a leading member axis (kernels
 * `[K, in, out]`, biases `[K, 1, out]`), its forward pass and its predictions.
 */
import { MAX_MEMBERS } from '../allocation';
import * as tf from '@tensorflow/tfjs';
import { checkArchitecture, denseClassifier, type OutputActivation } from '../models';
import {
  assertInteger,
  assertMatrix,
  assertOptions,
  describe,
  InputError,
  type Matrix,
} from '../validate';
import { useFastWasmMatMul } from '../wasm-matmul';

/** Largest number of floats one evaluation chunk's widest activation may hold (16 MB). */
export const EVAL_CHUNK_FLOATS = 4 * 1024 * 1024;

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
 * On wasm, stacked products go through XNNPACK one member at a time instead of wasm's plain loop
 * for stacks (see wasm-matmul.ts); other backends need nothing.
 */
export function useFastStackedProducts(): void {
  if (tf.getBackend() === 'wasm') useFastWasmMatMul();
}

/**
 * Forward pass of every member: `x` is `[rows, features]` (shared) or `[K, rows, features]`.
 * A layer with a connectivity mask (`[in, out]`, broadcast over members) uses `kernel * mask`.
 */
export function forward(
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
  if (!Array.isArray(seeds) || seeds.length < 1)
    throw new InputError(
      `seeds must be a non-empty array with one seed per member (K >= 1), got ${describe(seeds)}`,
    );
  if (seeds.length > MAX_MEMBERS)
    throw new InputError(
      `seeds has ${seeds.length} members, more than the ${MAX_MEMBERS} an ensemble may have`,
    );
  seeds.forEach((s, k) => assertInteger(`seeds[${k}]`, s, 0, 2 ** 31 - 1));
  const sizes = checkArchitecture(
    { numFeatures, hiddenUnits, numLabels, outputActivation },
    seeds.length,
  );
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
export function checkMasks(
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

export function assertEnsemble(ensemble: unknown): asserts ensemble is DenseEnsemble {
  if (!(ensemble instanceof DenseEnsemble))
    throw new InputError(`ensemble must be a DenseEnsemble, got ${describe(ensemble)}`);
  ensemble.assertLive();
}
