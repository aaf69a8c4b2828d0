/**
 * An ensemble of K members is K separate trainings (denseClassifier + trainSeeded) done at once.
 *
 * Tolerances found, on the wasm backend (what the lessons use) and on cpu:
 * - weights: 0. Every member's weights are bit-for-bit those of its separate training, for
 *   sigmoid and softmax outputs, SGD, Adam and RMSprop, shared or own data, row subsets of
 *   different sizes, and wide layers. The float32 sums of a stacked product [K, B, in] x
 *   [K, in, out] are taken in the order of the single model's [B, in] x [in, out]: the cpu kernel
 *   runs the same loop for each matrix of the stack; on wasm, src/core/wasm-matmul.ts
 *   runs each member's slice through XNNPACK as the single model does, except small products
 *   with at most 48 shared terms, which wasm's plain loop sums in XNNPACK's order (that loop sums
 *   wider products in blocks of 48, which differs in the last bits). Every other operation is
 *   element-wise or reduces within one member's slice in the same order, and zero-weight padding
 *   rows only add exact zeros.
 * - 'linear' output: up to a few float32 ulps (about 1e-7 after a few epochs). A Dense layer
 *   with a linear activation fuses its bias into the matMul kernel (XNNPACK starts the sum from
 *   the bias); the wasm fused kernel only takes a rank-1 bias, so the ensemble adds it after.
 * - predictions: about 1e-7 for the same reason (at inference TensorFlow.js also fuses the
 *   hidden layers' bias and relu); exact on cpu.
 * - reported losses: about 1e-7, because per-epoch means are accumulated in float64 here and in
 *   float32 tensors by model.fit, and validation losses are averaged over chunks of rows rather
 *   than fit's batches.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {
  denseEnsemble,
  makeOptimizer,
  predictEnsembleProbs,
  trainEnsemble,
  type DenseEnsembleOptions,
  type EnsembleLoss,
  type EnsembleTrainOptions,
  type OptimizerSpec,
} from '../../src/core/ensemble';
import {
  sigmoidCrossEntropyFromLogits,
  softmaxCrossEntropyFromLogits,
  weightedBinaryCrossentropy,
} from '../../src/core/losses';
import { denseClassifier, predictProbs } from '../../src/core/models';
import { trainSeeded, type TrainHistory } from '../../src/core/train';
import { InputError } from '../../src/core/validate';
import { useFastWasmMatMul } from '../../src/core/wasm-matmul';
import { chooseBackend } from '../../src/notebook/backend';
import { assertArrayClose } from '../support/close';

/** Largest |difference| allowed between a member's weights and its separate training's. */
const WEIGHT_TOL = 0;
/** The same for a 'linear' output layer (bias fused into the matMul by Dense, not here). */
const LINEAR_WEIGHT_TOL = 1e-6;
/** Per-epoch losses: float64 sums here, float32 tensor sums in model.fit. */
const LOSS_TOL = 1e-6;
/** Predictions: fused bias and relu in model.predict, separate operations here. */
const PREDICT_TOL = 1e-6;

const F = 6;
const L = 3;
const N = 240;
const INIT_SEEDS = [1, 7, 42, 1000];
const SHUFFLE_SEEDS = [5, 6, 7, 8];

before(async () => {
  await chooseBackend({ prefer: 'wasm' });
});

/** Seeded features; multi-hot labels, one-hot classes and class indices from a linear rule. */
function problem(rows = N, seed = 3) {
  return tf.tidy(() => {
    const x = tf.randomNormal([rows, F], 0, 1, 'float32', seed);
    const z = tf.matMul(x, tf.randomNormal([F, L], 0, 1, 'float32', seed + 1));
    const classes = tf.argMax(z, 1);
    return {
      x,
      multiHot: tf.cast(tf.greater(z, 0.3), 'float32'),
      oneHot: tf.cast(tf.oneHot(classes, L), 'float32'),
      classIndex: tf.cast(tf.reshape(classes, [-1, 1]), 'float32'),
    };
  });
}

interface Case {
  activation: 'sigmoid' | 'softmax' | 'linear';
  loss: EnsembleLoss;
  optimizer: OptimizerSpec;
  posWeights?: number[];
  /** Hidden layers (default [8, 5]). */
  hiddenUnits?: number[];
}

function arch(activation: Case['activation'], hiddenUnits = [8, 5]): DenseEnsembleOptions {
  return {
    numFeatures: F,
    hiddenUnits,
    numLabels: L,
    outputActivation: activation,
    seeds: INIT_SEEDS,
  };
}

/** The architecture of one member: the ensemble's options without its seeds. */
function oneOf(options: DenseEnsembleOptions): Omit<DenseEnsembleOptions, 'seeds'> {
  const { seeds, ...one } = options;
  void seeds;
  return one;
}

/** The loss a single compiled model uses for the same case. */
function singleLoss(c: Case): string | ((a: tf.Tensor, b: tf.Tensor) => tf.Scalar) {
  if (c.posWeights) return weightedBinaryCrossentropy(c.posWeights);
  if (c.loss === 'binaryCrossentropyFromLogits') return sigmoidCrossEntropyFromLogits;
  if (c.loss === 'sparseCategoricalCrossentropyFromLogits') return softmaxCrossEntropyFromLogits;
  return c.loss;
}

/** Member k trained on its own, as the ensemble claims to train it. */
async function separately(
  c: Case,
  k: number,
  x: tf.Tensor,
  y: tf.Tensor,
  train: Omit<EnsembleTrainOptions, 'loss' | 'optimizer'>,
): Promise<{ model: tf.Sequential; history: TrainHistory }> {
  const model = denseClassifier({
    ...oneOf(arch(c.activation, c.hiddenUnits)),
    seed: INIT_SEEDS[k],
  });
  model.compile({ optimizer: makeOptimizer(c.optimizer), loss: singleLoss(c) as 'mse' });
  const rows = train.memberRows?.[k];
  const [xk, yk] = rows
    ? tf.tidy(() => {
        const idx = tf.tensor1d(Array.from(rows), 'int32');
        return [tf.gather(x, idx), tf.gather(y, idx)];
      })
    : x.rank === 3
      ? [x, y].map((t) => tf.tidy(() => tf.squeeze(tf.slice(t, [k, 0, 0], [1, -1, -1]), [0])))
      : [x, y];
  try {
    const history = await trainSeeded(model, xk, yk, {
      numEpochs: train.numEpochs,
      batchSize: train.batchSize,
      seed: train.seeds[k],
      validationSplit: train.validationSplit,
      earlyStopping: train.earlyStopping,
    });
    return { model, history };
  } finally {
    if (xk !== x) tf.dispose([xk, yk]);
  }
}

function maxAbsDiff(a: tf.Tensor[], b: tf.Tensor[]): number {
  assert.equal(a.length, b.length);
  return Math.max(
    ...a.map((t, i) => {
      assert.deepEqual(t.shape, b[i].shape);
      return tf.tidy(() => tf.max(tf.abs(tf.sub(t, b[i]))).dataSync()[0]);
    }),
  );
}

/**
 * Trains the ensemble and the K separate models, and asserts weights, epochs and per-epoch
 * losses agree. Returns the largest weight difference found.
 */
async function assertSameAsSeparate(
  c: Case,
  x: tf.Tensor,
  y: tf.Tensor,
  train: Omit<EnsembleTrainOptions, 'loss' | 'optimizer'>,
  weightTol = WEIGHT_TOL,
  yReference = y,
): Promise<{ worst: number; epochs: number[] }> {
  const ensemble = denseEnsemble(arch(c.activation, c.hiddenUnits));
  let worst = 0;
  const epochs: number[] = [];
  try {
    const options = { ...train, loss: c.loss, optimizer: c.optimizer, posWeights: c.posWeights };
    const h = await trainEnsemble(ensemble, x, y, options);
    for (let k = 0; k < ensemble.numMembers; k++) {
      const { model, history } = await separately(c, k, x, yReference, train);
      const mine = ensemble.memberWeights(k);
      const theirs = model.getWeights();
      const diff = maxAbsDiff(mine, theirs);
      tf.dispose(mine);
      model.dispose();
      worst = Math.max(worst, diff);
      const what = `${c.activation}/${c.loss}/${c.optimizer.name} member ${k}`;
      assert.ok(diff <= weightTol, `${what}: weights differ by ${diff}`);
      const m = h.members[k];
      assert.equal(m.epochs, history.epochs, `${what}: epochs`);
      assert.equal(m.stoppedEarly, history.stoppedEarly, `${what}: stoppedEarly`);
      assertArrayClose(m.history.loss, history.history.loss, LOSS_TOL, `${what}: loss`);
      if (history.history.val_loss)
        assertArrayClose(m.history.val_loss, history.history.val_loss, LOSS_TOL, `${what}: val`);
      epochs.push(m.epochs);
    }
  } finally {
    ensemble.dispose();
  }
  return { worst, epochs };
}

test('member k starts with the weights of denseClassifier({ seed: seeds[k] })', () => {
  const ensemble = denseEnsemble(arch('sigmoid'));
  for (let k = 0; k < INIT_SEEDS.length; k++) {
    const model = denseClassifier({ ...oneOf(arch('sigmoid')), seed: INIT_SEEDS[k] });
    const mine = ensemble.memberWeights(k);
    assert.equal(maxAbsDiff(mine, model.getWeights()), 0, `member ${k}`);
    tf.dispose(mine);
    model.dispose();
  }
  ensemble.dispose();
});

const OPTIMIZERS: OptimizerSpec[] = [
  { name: 'sgd', learningRate: 0.1 },
  { name: 'adam', learningRate: 0.01 },
  { name: 'rmsprop', learningRate: 0.005 },
];

for (const optimizer of OPTIMIZERS) {
  for (const [activation, loss] of [
    ['sigmoid', 'binaryCrossentropy'],
    ['softmax', 'categoricalCrossentropy'],
  ] as const) {
    const name = `K = 4 ${activation} + ${loss} with ${optimizer.name}`;
    test(`${name}: the 4 separate trainings, bit for bit`, async () => {
      const p = problem();
      const y = activation === 'sigmoid' ? p.multiHot : p.oneHot;
      const { worst } = await assertSameAsSeparate({ activation, loss, optimizer }, p.x, y, {
        numEpochs: 4,
        batchSize: 32,
        seeds: SHUFFLE_SEEDS,
      });
      assert.equal(worst, 0);
      tf.dispose(Object.values(p));
    });
  }
}

test('wide layers (products over more than 48 terms, split per member), bit for bit', async () => {
  const p = problem();
  const { worst } = await assertSameAsSeparate(
    {
      activation: 'sigmoid',
      loss: 'binaryCrossentropy',
      optimizer: { name: 'rmsprop', learningRate: 0.001 },
      hiddenUnits: [96, 64],
    },
    p.x,
    p.multiHot,
    { numEpochs: 2, batchSize: 64, seeds: SHUFFLE_SEEDS },
  );
  assert.equal(worst, 0);
  tf.dispose(Object.values(p));
});

test('stacked products through the splitting kernel equal one product per matrix', () => {
  const dataIds = () => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
  const before = dataIds();
  const a = tf.randomNormal([5, 33, 70], 0, 1, 'float32', 1);
  const b = tf.randomNormal([5, 70, 20], 0, 1, 'float32', 2);
  const one = tf.randomNormal([33, 70], 0, 1, 'float32', 3);
  // useFastWasmMatMul(false) puts the backend's own kernel back; trainEnsemble and predict put
  // the wrapper back in place when it is missing.
  useFastWasmMatMul(false);
  assert.equal(useFastWasmMatMul(), true);
  for (const [transposeA, transposeB] of [
    [false, false],
    [true, false],
    [false, true],
  ] as const) {
    const left = transposeA ? tf.transpose(a, [0, 2, 1]) : a;
    const right = transposeB ? tf.transpose(b, [0, 2, 1]) : b;
    const stacked = tf.matMul(left, right, transposeA, transposeB);
    const shared = tf.matMul(one, b);
    for (let k = 0; k < 5; k++) {
      const single = tf.tidy(() =>
        tf.matMul(
          tf.squeeze(tf.slice(left, [k, 0, 0], [1, -1, -1]), [0]),
          tf.squeeze(tf.slice(right, [k, 0, 0], [1, -1, -1]), [0]),
          transposeA,
          transposeB,
        ),
      );
      const mine = tf.tidy(() => tf.squeeze(tf.slice(stacked, [k, 0, 0], [1, -1, -1]), [0]));
      assert.equal(maxAbsDiff([mine], [single]), 0, `member ${k} ${transposeA} ${transposeB}`);
      const sharedK = tf.tidy(() => tf.squeeze(tf.slice(shared, [k, 0, 0], [1, -1, -1]), [0]));
      const expected = tf.tidy(() =>
        tf.matMul(one, tf.squeeze(tf.slice(b, [k, 0, 0], [1, -1, -1]), [0])),
      );
      assert.equal(maxAbsDiff([sharedK], [expected]), 0, `shared left operand, member ${k}`);
      tf.dispose([single, mine, sharedK, expected]);
    }
    tf.dispose([stacked, shared, ...(transposeA ? [left] : []), ...(transposeB ? [right] : [])]);
  }
  tf.dispose([a, b, one]);
  assert.equal(dataIds(), before, 'the kernel frees its slices');
});

test('row subsets of different sizes (a prefix, a strided subset, a bootstrap), Adam', async () => {
  const p = problem();
  const rng = (i: number) => (i * 7919 + 13) % N;
  const memberRows = [
    Array.from({ length: N }, (_, i) => i),
    Array.from({ length: 100 }, (_, i) => i),
    Array.from({ length: 77 }, (_, i) => (i * 3) % N),
    Array.from({ length: N }, (_, i) => rng(i)),
  ];
  // 8, 4, 3 and 8 steps per epoch: the small members finish their epochs early and are frozen
  // while Adam keeps stepping the others.
  await assertSameAsSeparate(
    { activation: 'sigmoid', loss: 'binaryCrossentropy', optimizer: OPTIMIZERS[1] },
    p.x,
    p.multiHot,
    { numEpochs: 3, batchSize: 32, seeds: SHUFFLE_SEEDS, memberRows, validationSplit: 0.2 },
  );
  tf.dispose(Object.values(p));
});

test('per-member data [K, rows, features] (one data seed per member) with RMSprop', async () => {
  const blocks = INIT_SEEDS.map((_, k) => problem(120, 50 + k));
  const x = tf.stack(blocks.map((b) => b.x));
  const y = tf.stack(blocks.map((b) => b.oneHot));
  await assertSameAsSeparate(
    { activation: 'softmax', loss: 'categoricalCrossentropy', optimizer: OPTIMIZERS[2] },
    x,
    y,
    { numEpochs: 3, batchSize: 16, seeds: SHUFFLE_SEEDS },
  );
  tf.dispose([x, y, ...blocks.flatMap((b) => Object.values(b))]);
});

for (const restoreBestWeights of [false, true])
  test(`early stopping freezes each member at its own epoch, as trainSeeded stops it${
    restoreBestWeights ? ', and rolls it back to its best epoch' : ''
  }`, async () => {
    const p = problem(160);
    const { epochs } = await assertSameAsSeparate(
      {
        activation: 'sigmoid',
        loss: 'binaryCrossentropy',
        optimizer: { name: 'adam', learningRate: 0.05 },
      },
      p.x,
      p.multiHot,
      {
        numEpochs: 30,
        batchSize: 16,
        seeds: SHUFFLE_SEEDS,
        validationSplit: 0.25,
        earlyStopping: { patience: 2, restoreBestWeights },
      },
    );
    assert.ok(new Set(epochs).size > 1, `members should stop at different epochs, got ${epochs}`);
    assert.ok(Math.min(...epochs) < 30, `some member should stop early, got ${epochs}`);
    tf.dispose(Object.values(p));
  });

test('sparse categorical cross-entropy, weighted BCE, and both from logits', async () => {
  const p = problem();
  const train = { numEpochs: 3, batchSize: 32, seeds: SHUFFLE_SEEDS };
  const adam = OPTIMIZERS[1];
  await assertSameAsSeparate(
    { activation: 'softmax', loss: 'sparseCategoricalCrossentropy', optimizer: adam },
    p.x,
    p.classIndex,
    train,
  );
  await assertSameAsSeparate(
    { activation: 'sigmoid', loss: 'binaryCrossentropy', optimizer: adam, posWeights: [1, 2.5, 4] },
    p.x,
    p.multiHot,
    train,
  );
  const { worst } = await assertSameAsSeparate(
    { activation: 'linear', loss: 'binaryCrossentropyFromLogits', optimizer: adam },
    p.x,
    p.multiHot,
    train,
    LINEAR_WEIGHT_TOL,
  );
  assert.ok(worst <= LINEAR_WEIGHT_TOL);
  const fromLogits = await assertSameAsSeparate(
    { activation: 'linear', loss: 'sparseCategoricalCrossentropyFromLogits', optimizer: adam },
    p.x,
    p.classIndex,
    train,
    LINEAR_WEIGHT_TOL,
    // A compiled model takes a custom loss only with targets shaped like its output: one-hot.
    p.oneHot,
  );
  assert.ok(fromLogits.worst <= LINEAR_WEIGHT_TOL);
  tf.dispose(Object.values(p));
});

test('the cpu backend gives the same bit-for-bit equality', async () => {
  await chooseBackend({ prefer: 'cpu' });
  try {
    const p = problem(120);
    const { worst } = await assertSameAsSeparate(
      { activation: 'sigmoid', loss: 'binaryCrossentropy', optimizer: OPTIMIZERS[2] },
      p.x,
      p.multiHot,
      {
        numEpochs: 2,
        batchSize: 32,
        seeds: SHUFFLE_SEEDS,
        memberRows: [[0, 1, 2, 3, 4, 5, 6], [...Array(120).keys()], [9, 9, 9, 50], [119]],
      },
    );
    assert.equal(worst, 0);
    tf.dispose(Object.values(p));
  } finally {
    await chooseBackend({ prefer: 'wasm' });
  }
});

test('predictions: [K, rows, labels], member k as a tf.LayersModel, and plain arrays', async () => {
  const p = problem();
  const ensemble = denseEnsemble(arch('softmax'));
  await trainEnsemble(ensemble, p.x, p.oneHot, {
    loss: 'categoricalCrossentropy',
    optimizer: OPTIMIZERS[1],
    numEpochs: 2,
    batchSize: 32,
    seeds: SHUFFLE_SEEDS,
  });
  const probs = ensemble.predict(p.x);
  assert.deepEqual(probs.shape, [4, N, L]);
  const arrays = predictEnsembleProbs(ensemble, p.x);
  const rows = p.x.arraySync() as number[][];
  assertArrayClose(predictEnsembleProbs(ensemble, rows), arrays, 0, 'plain rows as input');
  const stacked = tf.stack(INIT_SEEDS.map(() => p.x));
  const perMember = ensemble.predict(stacked);
  assertArrayClose(perMember.arraySync(), arrays, 0, 'one block per member');
  for (let k = 0; k < 4; k++) {
    const model = ensemble.toModel(k);
    const weights = ensemble.memberWeights(k);
    assert.equal(maxAbsDiff(model.getWeights(), weights), 0);
    assertArrayClose(predictProbs(model, p.x), arrays[k], PREDICT_TOL, `member ${k}`);
    tf.dispose(weights);
    model.dispose();
  }
  // Members that differ only by seed learn different functions.
  assert.notDeepEqual(arrays[0][0], arrays[1][0]);
  tf.dispose([probs, stacked, perMember, ...Object.values(p)]);
  ensemble.dispose();
});

test('predictions of many rows of a wide ensemble go through in chunks, same values', () => {
  // 4 members x 4096 units: chunks of 256 rows (16 MB of activations at most).
  const ensemble = denseEnsemble({ ...arch('sigmoid', [4096]) });
  const x = tf.randomNormal([600, F], 0, 1, 'float32', 9);
  const whole = predictEnsembleProbs(ensemble, x);
  assert.equal(whole[0].length, 600);
  const model = ensemble.toModel(2);
  assertArrayClose(whole[2], predictProbs(model, x), PREDICT_TOL, 'member 2');
  const stacked = tf.stack(INIT_SEEDS.map(() => x));
  assertArrayClose(predictEnsembleProbs(ensemble, stacked), whole, 0, 'one block per member');
  tf.dispose([x, stacked]);
  model.dispose();
  ensemble.dispose();
});

test('the same inputs give the same numbers; other seeds give others', async () => {
  const p = problem();
  const run = async (shuffle: number[]) => {
    const ensemble = denseEnsemble(arch('sigmoid'));
    const h = await trainEnsemble(ensemble, p.x, p.multiHot, {
      loss: 'binaryCrossentropy',
      optimizer: OPTIMIZERS[2],
      numEpochs: 2,
      batchSize: 32,
      seeds: shuffle,
    });
    const out = predictEnsembleProbs(ensemble, p.x);
    ensemble.dispose();
    return { losses: h.members.map((m) => m.history.loss), out };
  };
  const a = await run(SHUFFLE_SEEDS);
  assert.deepEqual(await run(SHUFFLE_SEEDS), a);
  assert.notDeepEqual((await run([9, 10, 11, 12])).losses, a.losses);
  tf.dispose(Object.values(p));
});

test('training, prediction and member extraction leave no tensors behind', async () => {
  const p = problem();
  const ensemble = denseEnsemble(arch('sigmoid'));
  const options: EnsembleTrainOptions = {
    loss: 'binaryCrossentropy',
    posWeights: [1, 2, 3],
    optimizer: OPTIMIZERS[1],
    numEpochs: 6,
    batchSize: 32,
    seeds: SHUFFLE_SEEDS,
    // Ragged members, validation and early stopping: padding weights, freezing and evaluation.
    memberRows: [[...Array(N).keys()], [...Array(90).keys()], [3, 4, 5, 6, 7, 8], [1, 2, 3, 4]],
    validationSplit: 0.25,
    earlyStopping: { monitor: 'loss', patience: 1, minDelta: 0.05 },
  };
  await trainEnsemble(ensemble, p.x, p.multiHot, options);
  const before = tf.memory().numTensors;
  await trainEnsemble(ensemble, p.x, p.multiHot, options);
  tf.dispose(ensemble.predict(p.x));
  predictEnsembleProbs(ensemble, [[1, 2, 3, 4, 5, 6]]);
  ensemble.toModel(2).dispose();
  tf.dispose(ensemble.memberWeights(3));
  // An error in the middle of training (here from a callback) frees everything too.
  await assert.rejects(
    trainEnsemble(ensemble, p.x, p.multiHot, {
      ...options,
      onEpochEnd: (member, epoch) => {
        if (member === 1 && epoch === 1) throw new Error('stop here');
      },
    }),
    /stop here/,
  );
  assert.equal(tf.memory().numTensors, before);
  ensemble.dispose();
  assert.equal(tf.memory().numTensors, before - ensemble.variables.length);
  tf.dispose(Object.values(p));
});

async function assertRejectsInput(work: () => Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(work, (e: unknown) => {
    assert.ok(e instanceof InputError, `expected an InputError, got ${String(e)}`);
    assert.match(e.message, pattern);
    return true;
  });
}

test('bad input is named', async () => {
  assert.throws(
    () => denseEnsemble({ ...arch('sigmoid'), seeds: [] }),
    (e: unknown) =>
      e instanceof InputError && /seeds must be a non-empty array.*K >= 1/.test(e.message),
  );
  assert.throws(
    () => denseEnsemble({ ...arch('sigmoid'), seeds: [1, -2] }),
    (e: unknown) => e instanceof InputError && /seeds\[1\] must be an integer/.test(e.message),
  );
  const p = problem();
  const ensemble = denseEnsemble(arch('sigmoid'));
  const ok: EnsembleTrainOptions = {
    loss: 'binaryCrossentropy',
    optimizer: OPTIMIZERS[0],
    numEpochs: 1,
    batchSize: 32,
    seeds: SHUFFLE_SEEDS,
  };
  const train =
    (x: tf.Tensor, y: tf.Tensor, extra: Partial<EnsembleTrainOptions> = {}) =>
    () =>
      trainEnsemble(ensemble, x, y, { ...ok, ...extra });
  const nanX = tf.tidy(() => tf.concat([tf.fill([1, F], NaN), p.x.slice(1)]));
  const y2 = p.multiHot.mul(2);
  const short = p.multiHot.slice(0, 10);
  const flat = p.x.reshape([-1]);
  const wide = tf.concat([p.x, p.x], 1);
  const threeD = tf.stack([p.x, p.x]);
  const threeDy = tf.stack([p.multiHot, p.multiHot]);
  await assertRejectsInput(
    train(flat, p.multiHot),
    /x must be a 2-D tensor .* got a tensor of shape \[1440\]/,
  );
  await assertRejectsInput(
    train(wide, p.multiHot),
    /x must have 6 columns \(numFeatures\), got 12/,
  );
  await assertRejectsInput(train(p.x, short), /same number of rows, got 240 and 10/);
  await assertRejectsInput(train(threeD, threeDy), /one block per member \(4\), got \[2, 240, 6\]/);
  await assertRejectsInput(train(nanX, p.multiHot), /x\[0\]\[0\] must be a finite number, got NaN/);
  await assertRejectsInput(train(p.x, y2), /y\[\d+\]\[\d+\] must be 0 or 1 \(a label\).*got 2/);
  await assertRejectsInput(
    train(p.x, p.multiHot, { seeds: [1, 2, 3] }),
    /seeds must have one shuffle seed per member \(4\)/,
  );
  await assertRejectsInput(
    train(p.x, p.multiHot, { memberRows: [[0], [1], [2], [3, 240]] }),
    /memberRows\[3\]\[1\] must be a row index in \[0, 239\], got 240/,
  );
  await assertRejectsInput(
    train(p.x, p.multiHot, { memberRows: [[0]] }),
    /memberRows must have one list .* \(4\)/,
  );
  await assertRejectsInput(
    train(p.x, p.multiHot, { memberRows: [[0], [], [1], [2]] }),
    /memberRows\[1\] must be a non-empty array/,
  );
  await assertRejectsInput(
    train(p.x, p.multiHot, {
      memberRows: [[0], [1, 2], [1, 2], [1, 2]],
      validationSplit: 0.5,
      earlyStopping: { patience: 1 },
    }),
    /needs validation rows, but validationSplit 0.5 of member 0's 1 rows is none/,
  );
  await assertRejectsInput(
    train(p.x, p.oneHot, { loss: 'categoricalCrossentropy' }),
    /needs a softmax output, but the ensemble's is 'sigmoid'/,
  );
  await assertRejectsInput(
    train(p.x, p.multiHot, { posWeights: [1, 2] }),
    /posWeights must be an array of 3 positive numbers/,
  );
  await assertRejectsInput(
    train(p.x, p.multiHot, {
      validationSplit: 0.5,
      earlyStopping: { patience: 1, restoreBestWeights: 'yes' as unknown as boolean },
    }),
    /earlyStopping.restoreBestWeights must be true or false, got the string "yes"/,
  );
  await assertRejectsInput(
    train(p.x, p.multiHot, { numEpochs: 0 }),
    /numEpochs must be an integer >= 1, got 0/,
  );
  await assertRejectsInput(
    train(p.x, p.multiHot, { earlyStopping: { patience: 2 } }),
    /'val_loss' needs a validationSplit above 0/,
  );
  await assertRejectsInput(
    train(p.x, p.multiHot, {
      optimizer: { name: 'adagrad', learningRate: 1 } as unknown as OptimizerSpec,
    }),
    /optimizer.name must be 'sgd', 'adam' or 'rmsprop', got the string "adagrad"/,
  );
  const softmax = denseEnsemble(arch('softmax'));
  await assertRejectsInput(
    () =>
      trainEnsemble(softmax, p.x, p.classIndex.add(1), {
        ...ok,
        loss: 'sparseCategoricalCrossentropy',
      }),
    /y\[\d+\]\[0\] must be a class index in \[0, 2\], got 3/,
  );
  softmax.dispose();
  assert.throws(
    () => ensemble.predict(wide),
    /x must be \[rows, 6\] or \[4, rows, 6\], got a tensor of shape \[240, 12\]/,
  );
  assert.throws(() => ensemble.toModel(4), /k must be an integer in \[0, 3\], got 4/);
  ensemble.dispose();
  await assertRejectsInput(train(p.x, p.multiHot), /ensemble was already disposed/);
  assert.throws(() => ensemble.predict(p.x), /ensemble was already disposed/);
  tf.dispose([nanX, y2, short, flat, wide, threeD, threeDy, ...Object.values(p)]);
});
