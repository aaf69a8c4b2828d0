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
import { makeOptimizer, type OptimizerSpec } from '../optimizer-spec';
import { optimizerStep } from '../optimizer-step';
import { progressLine } from '../progress';
import { EarlyStopping, type EarlyStoppingOptions } from '../schedule';
import { createRng, fitShuffle, permutation, type Rng } from '../random';
import { assertInteger, InputError } from '../validate';
import { checkOptions, type HostData, memberRowLists, readData } from './checks';
import { type EnsembleLoss, lossTerms, memberLosses, reciprocals } from './losses';
import {
  assertEnsemble,
  DenseEnsemble,
  EVAL_CHUNK_FLOATS,
  forward,
  useFastStackedProducts,
} from './model';

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
   * `trainSeeded`'s early stopping per member (monitoring `'loss'` or `'val_loss'`): a member
   * that stops is frozen, the others go on.
   */
  earlyStopping?: EarlyStoppingOptions;
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

/** Copies the picked rows of each member into zero-padded `[K, B, width]` batches. */
export function fillRows(
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
export function evaluateMembers(
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
export function memberFreezer(variables: readonly tf.Variable[], K: number) {
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
  const { loss, numEpochs, seeds, validationSplit = 0, earlyStopping, progress = false } = options;
  const data = readData(ensemble, x, y, loss);
  const rowsOf = memberRowLists(ensemble.numMembers, data.rows, options.memberRows);
  const fitOrder = options.order === 'fit';
  const { trainRows, valRows } = splitMemberRows(rowsOf, validationSplit, fitOrder);
  const noValidation = valRows.findIndex((r) => r.length === 0);
  if (earlyStopping && (earlyStopping.monitor ?? 'val_loss') === 'val_loss' && noValidation >= 0)
    throw new InputError(
      `earlyStopping.monitor 'val_loss' needs validation rows, but validationSplit ` +
        `${validationSplit} of member ${noValidation}'s ` +
        `${rowsOf[noValidation].length} rows is none`,
    );
  const batches = new MemberBatches(trainRows, seeds, options.batchSize, numEpochs, fitOrder);
  const book = new EpochBook(ensemble, trainRows, numEpochs, earlyStopping, options.onEpochEnd);
  const show = progress === false ? null : progressLine();
  useFastStackedProducts();
  const optimizer = optimizerStep(makeOptimizer(options.optimizer), ensemble.variables);
  const posWeights = options.posWeights ? tf.tensor1d([...options.posWeights]) : null;
  const recip = reciprocals();
  const start = Date.now();
  let step = 0;
  try {
    for (; ; step++) {
      const active = book.done.map((d, k) => !d && step < batches.totalSteps[k]);
      if (!active.includes(true)) break;
      const picks = batches.pick(step, active);
      const batchLosses = stepMembers(ensemble, data, picks, loss, posWeights, optimizer, recip);
      picks.forEach((p, k) => p && (book.lossSums[k] += batchLosses[k] * p.length));
      const ended = active
        .map((a, k) => (a && (step + 1) % batches.stepsPerEpoch[k] === 0 ? k : -1))
        .filter((k) => k >= 0);
      if (ended.length === 0) continue;
      const valLosses = valRows.some((r) => r.length > 0)
        ? evaluateMembers(
            ensemble,
            data,
            valRows.map((r, k) => (ended.includes(k) ? r : r.subarray(0, 0))),
            loss,
            posWeights,
          )
        : null;
      book.endEpochs(ended, valRows, valLosses);
      if (show) show(progressText(progress as string, book.members, numEpochs, start));
      // Let a notebook's event loop draw the progress line between epochs.
      await tf.nextFrame();
    }
  } finally {
    book.freezer.restore();
    optimizer.dispose();
    posWeights?.dispose();
  }
  return { members: book.members, steps: step, seconds: (Date.now() - start) / 1000 };
}

/**
 * Each member's rows cut into training rows and validation rows, the validation rows taken from
 * the end (as Keras does). In 'fit' order the split is model.fit's, floor(rows * (1 - split))
 * training rows: often one row fewer.
 */
function splitMemberRows(
  rowsOf: readonly Int32Array[],
  validationSplit: number,
  fitOrder: boolean,
) {
  const trainRows: Int32Array[] = [];
  const valRows: Int32Array[] = [];
  for (const rows of rowsOf) {
    // numTrain >= 1: validationSplit < 1 and floor() keep at least one row for training.
    const numTrain = fitOrder
      ? Math.max(1, Math.floor(rows.length * (1 - validationSplit)))
      : rows.length - Math.floor(rows.length * validationSplit);
    trainRows.push(rows.subarray(0, numTrain));
    valRows.push(rows.subarray(numTrain));
  }
  return { trainRows, valRows };
}

/** Every member's batches: its own row order per epoch, from its own seeded generator. */
class MemberBatches {
  readonly stepsPerEpoch: number[];
  readonly totalSteps: number[];
  private readonly rngs: Rng[];
  private readonly orders: Int32Array[];

  constructor(
    private readonly trainRows: readonly Int32Array[],
    seeds: readonly number[],
    private readonly batchSize: number,
    numEpochs: number,
    private readonly fitOrder: boolean,
  ) {
    this.stepsPerEpoch = trainRows.map((r) => Math.ceil(r.length / batchSize));
    this.totalSteps = this.stepsPerEpoch.map((s) => s * numEpochs);
    this.rngs = seeds.map((seed) => createRng(seed));
    this.orders = trainRows.map(() => new Int32Array(0));
  }

  /** Each active member's batch at `step`, as indices into its data; null for the others. */
  pick(step: number, active: readonly boolean[]): (Int32Array | null)[] {
    return active.map((isActive, k) => {
      if (!isActive) return null;
      const rows = this.trainRows[k];
      const b = step % this.stepsPerEpoch[k];
      if (b === 0 && !this.fitOrder) this.orders[k] = permutation(rows.length, this.rngs[k]);
      else if (b === 0) {
        if (this.orders[k].length === 0) this.orders[k] = Int32Array.from(rows, (_, i) => i);
        fitShuffle(this.orders[k], this.rngs[k]);
      }
      const slice = this.orders[k].subarray(b * this.batchSize, (b + 1) * this.batchSize);
      return slice.map((i) => rows[i]);
    });
  }
}

/**
 * One optimizer step for every member on its batch, in one graph; returns each member's batch
 * loss. Where batches differ in size (a member at rest, a last short batch), each member's rows
 * are weighted 1/its batch size, so its loss is the mean over its own rows.
 */
function stepMembers(
  ensemble: DenseEnsemble,
  data: HostData,
  picks: readonly (Int32Array | null)[],
  loss: EnsembleLoss,
  posWeights: tf.Tensor | null,
  optimizer: ReturnType<typeof optimizerStep>,
  recip: ReturnType<typeof reciprocals>,
): Float32Array | Int32Array | Uint8Array {
  const K = ensemble.numMembers;
  const sizes = picks.map((p) => (p ? p.length : 0));
  const B = Math.max(...sizes);
  const { xb, yb } = fillRows(data, picks, B);
  let weights: Float32Array | null = null;
  if (!sizes.every((n) => n === B)) {
    weights = new Float32Array(K * B);
    sizes.forEach((n, k) => {
      if (n > 0) weights!.fill(recip(n), k * B, k * B + n);
    });
  }
  const xs = tf.tensor3d(xb, [K, B, ensemble.options.numFeatures]);
  const ys = tf.tensor3d(yb, [K, B, data.yWidth]);
  const ws = weights ? tf.tensor2d(weights, [K, B]) : null;
  // Each member's batch loss, kept out of the gradient scope to be read after the step.
  const kept: tf.Tensor[] = [];
  try {
    // What optimizer.minimize does, with the update done by the fused step.
    const { value, grads } = tf.variableGrads(() => {
      const { kernels, biases, masks, options } = ensemble;
      const probs = forward(xs, kernels, biases, options.outputActivation, masks);
      const losses = memberLosses(lossTerms(loss, posWeights, ys, probs), ws);
      kept.push(tf.keep(losses));
      return tf.sum(losses) as tf.Scalar;
    }, ensemble.variables as tf.Variable[]);
    try {
      optimizer.apply(grads);
    } finally {
      tf.dispose([value, ...Object.values(grads)]);
    }
    return kept[0].dataSync();
  } finally {
    tf.dispose([xs, ys, ...(ws ? [ws] : []), ...kept]);
  }
}

/**
 * Every member's history: its epochs' losses, its early stopping, its best weights (Keras's
 * restore_best_weights, which TensorFlow.js's EarlyStopping does not implement) and, once it
 * stops, its frozen weights.
 */
class EpochBook {
  readonly members: MemberHistory[];
  readonly done: boolean[];
  readonly lossSums: Float64Array;
  readonly freezer: ReturnType<typeof memberFreezer>;
  private readonly stopping: EarlyStopping[] | null;
  private readonly restoreBest: boolean;
  private readonly bestWeights = new Map<number, Float32Array[]>();

  constructor(
    ensemble: DenseEnsemble,
    private readonly trainRows: readonly Int32Array[],
    private readonly numEpochs: number,
    earlyStopping: EarlyStoppingOptions | undefined,
    private readonly onEpochEnd: EnsembleTrainOptions['onEpochEnd'],
  ) {
    const K = ensemble.numMembers;
    this.members = Array.from({ length: K }, () => ({
      epochs: 0,
      history: {},
      stoppedEarly: false,
    }));
    this.done = new Array<boolean>(K).fill(false);
    this.lossSums = new Float64Array(K);
    this.freezer = memberFreezer(ensemble.variables, K);
    this.stopping = earlyStopping ? this.members.map(() => new EarlyStopping(earlyStopping)) : null;
    this.restoreBest = earlyStopping?.restoreBestWeights === true;
  }

  /** Records the epoch each member of `ended` just finished, and freezes those that stop. */
  endEpochs(ended: readonly number[], valRows: readonly Int32Array[], valLosses: number[] | null) {
    const improved: number[] = [];
    const stopped: number[] = [];
    for (const k of ended) {
      const m = this.members[k];
      const logs: Record<string, number> = { loss: this.lossSums[k] / this.trainRows[k].length };
      this.lossSums[k] = 0;
      if (valLosses && valRows[k].length > 0) logs.val_loss = valLosses[k];
      for (const [key, value] of Object.entries(logs)) (m.history[key] ??= []).push(value);
      const epoch = m.epochs++;
      this.onEpochEnd?.(k, epoch, logs);
      let stop = m.epochs === this.numEpochs;
      if (this.stopping) {
        const verdict = this.stopping[k].observe(logs);
        if (verdict.improved) improved.push(k);
        if (verdict.stop) [m.stoppedEarly, stop] = [true, true];
      }
      if (stop) {
        this.done[k] = true;
        stopped.push(k);
      }
    }
    if (this.restoreBest)
      for (const [k, w] of this.freezer.snapshot(improved)) this.bestWeights.set(k, w);
    // Members that finished are frozen before the next step moves them (the optimizer still
    // updates every slice); as Keras does, only a member that stopped early is rolled back.
    const rollBack = new Map(
      stopped
        .filter((k) => this.members[k].stoppedEarly && this.bestWeights.has(k))
        .map((k) => [k, this.bestWeights.get(k)!]),
    );
    this.freezer.save(stopped, rollBack);
  }
}

export function progressText(
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
