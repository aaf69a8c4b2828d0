/**
 * Where TensorFlow.js 4.22 differs from the Keras the lessons translate (docs/keras-to-tfjs.md):
 * one test per difference, each on a case where the two readings give different numbers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { seedMathRandom } from '../../src/core/random';
import { toDecisions } from '../../src/eval/thresholds';
import { chooseBackend } from '../../src/notebook/backend';
import { assertClose } from '../support/close';

const logit = (p: number) => Math.log(p / (1 - p));
const EPSILON = 1e-7;
/** 1 - 1e-7 in float32 is 1 - 1.19e-7: a negative's loss stops at 15.9, a positive's at 16.1. */
const ONE_MINUS_EPSILON = Math.fround(1 - EPSILON);

/**
 * A model whose output for row i of the identity matrix is `activation(logits[i])`: one Dense
 * layer without bias, its kernel the logits. It gives each row the outputs a case needs.
 */
function tableModel(logits: number[][], activation: 'sigmoid' | 'linear') {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [logits.length],
      units: logits[0].length,
      useBias: false,
      activation,
    }),
  );
  tf.tidy(() => model.setWeights([tf.tensor2d(logits)]));
  return { model, x: tf.eye(logits.length) };
}

/** Binary cross-entropy of one entry, its probability clipped as TensorFlow.js clips it. */
function bce(y: number, p: number): number {
  const q = Math.min(Math.max(p, EPSILON), ONE_MINUS_EPSILON);
  return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
}

/** Disposes a model and its optimizer, which the model owns only when given by name. */
function disposeModel(model: tf.LayersModel) {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer?.dispose();
}

const argMax = (row: number[]) => row.indexOf(Math.max(...row));
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
/** The values of what `evaluate` returns, which it then disposes. */
const scalars = (out: tf.Scalar | tf.Scalar[]) => {
  const list = Array.isArray(out) ? out : [out];
  const values = list.map((s) => s.dataSync()[0]);
  tf.dispose(list);
  return values;
};

test('from_logits: sigmoidCrossEntropy on logits equals BCE until probabilities clip', async () => {
  await chooseBackend({ prefer: 'wasm' });
  const sigmoidCrossEntropyFromLogits = (yTrue: tf.Tensor, logits: tf.Tensor) =>
    tf.losses.sigmoidCrossEntropy(yTrue, logits, undefined, 0, tf.Reduction.MEAN);
  const y = tf.tensor2d([
    [1, 0, 1],
    [0, 1, 1],
  ]);
  const lossOf = (logits: number[][]) => {
    const losses = (['linear', 'sigmoid'] as const).map((activation) => {
      const { model, x } = tableModel(logits, activation);
      model.compile({
        optimizer: 'sgd',
        loss: activation === 'linear' ? sigmoidCrossEntropyFromLogits : 'binaryCrossentropy',
      });
      const [loss] = scalars(model.evaluate(x, y) as tf.Scalar);
      model.dispose();
      x.dispose();
      return loss;
    });
    return { fromLogits: losses[0], onProbs: losses[1] };
  };
  const byHand = (logits: number[][], capped: boolean) => {
    const targets = y.arraySync();
    return mean(
      logits.flatMap((row, i) =>
        row.map((z, j) =>
          capped
            ? bce(targets[i][j], 1 / (1 + Math.exp(-z)))
            : Math.max(z, 0) - z * targets[i][j] + Math.log1p(Math.exp(-Math.abs(z))),
        ),
      ),
    );
  };

  const moderate = [
    [1.5, -0.7, 3],
    [-2.2, 0.4, -4],
  ];
  const m = lossOf(moderate);
  assertClose(m.fromLogits, m.onProbs, 1e-5, 'the same loss at moderate logits');
  assertClose(m.fromLogits, byHand(moderate, false), 1e-5);

  // Confidently wrong: a positive at logit -30 and a negative at +30.
  const large = [
    [-30, -0.7, 3],
    [30, 0.4, -4],
  ];
  const l = lossOf(large);
  assertClose(l.fromLogits, byHand(large, false), 1e-4, 'the logits loss grows like |z|');
  assertClose(l.onProbs, byHand(large, true), 1e-4, 'the probability loss stops near 16');
  assert.ok(l.fromLogits - l.onProbs > 4, `${l.fromLogits} vs ${l.onProbs}`);
  y.dispose();
});

test("'accuracy' is binary accuracy with the built-in BCE, else categorical (argmax)", async () => {
  await chooseBackend({ prefer: 'wasm' });
  const yTrue = [
    [1, 1, 0],
    [0, 1, 1],
    [1, 0, 1],
    [0, 0, 0],
  ];
  const probs = [
    [0.3, 0.8, 0.1],
    [0.2, 0.7, 0.9],
    [0.9, 0.2, 0.6],
    [0.1, 0.2, 0.3],
  ];
  const binary = mean(
    yTrue.map((row, i) => mean(row.map((t, j) => (t === (probs[i][j] > 0.5 ? 1 : 0) ? 1 : 0)))),
  );
  const categorical = mean(yTrue.map((row, i) => (argMax(row) === argMax(probs[i]) ? 1 : 0)));
  assert.ok(binary - categorical > 0.5, 'the case tells the two metrics apart');

  const { model, x } = tableModel(
    probs.map((row) => row.map(logit)),
    'sigmoid',
  );
  const y = tf.tensor2d(yTrue);
  const accuracyWith = (loss: string | ((a: tf.Tensor, b: tf.Tensor) => tf.Tensor)) => {
    model.optimizer?.dispose();
    model.compile({ optimizer: tf.train.sgd(0), loss, metrics: ['accuracy'] });
    return scalars(model.evaluate(x, y) as tf.Scalar[]);
  };
  const [bceLoss, withBuiltIn] = accuracyWith('binaryCrossentropy');
  assertClose(withBuiltIn, binary, 1e-6, "'accuracy' with 'binaryCrossentropy'");
  const [, withCategorical] = accuracyWith('categoricalCrossentropy');
  assertClose(withCategorical, categorical, 1e-6, "'accuracy' with 'categoricalCrossentropy'");
  // The same loss values in a function of one's own: the identity check fails.
  const [ownLoss, withOwn] = accuracyWith((a, b) => tf.metrics.binaryCrossentropy(a, b));
  assertClose(ownLoss, bceLoss, 1e-6);
  assertClose(withOwn, categorical, 1e-6, "'accuracy' with a wrapped binary cross-entropy");

  // fit logs it as 'acc' (Keras 2.3+ logs 'accuracy'): EarlyStopping monitors 'val_acc'.
  accuracyWith('binaryCrossentropy');
  const history = await model.fit(x, y, { epochs: 1, verbose: 0 });
  assert.deepEqual(Object.keys(history.history).sort(), ['acc', 'loss']);
  disposeModel(model);
  tf.dispose([x, y]);
});

test('classWeight weighs a multi-hot row by its argmax label, not each label', async () => {
  await chooseBackend({ prefer: 'wasm' });
  const yTrue = [
    [1, 1, 0],
    [0, 1, 1],
    [0, 0, 1],
    [0, 0, 0],
    [1, 0, 1],
  ];
  const probs = [
    [0.6, 0.3, 0.2],
    [0.4, 0.2, 0.7],
    [0.1, 0.5, 0.3],
    [0.3, 0.6, 0.2],
    [0.7, 0.4, 0.1],
  ];
  const classWeight = { 0: 1, 1: 4, 2: 9 };
  const weights = [1, 4, 9];
  const entry = (i: number, j: number) => bce(yTrue[i][j], probs[i][j]);
  const byArgMax = mean(
    yTrue.map((row, i) => weights[argMax(row)] * mean(row.map((_, j) => entry(i, j)))),
  );
  const byLabel = mean(
    yTrue.flatMap((row, i) => row.map((t, j) => (t === 1 ? weights[j] : 1) * entry(i, j))),
  );
  assert.ok(Math.abs(byArgMax - byLabel) > 0.5, 'the case tells the two readings apart');

  const { model, x } = tableModel(
    probs.map((row) => row.map(logit)),
    'sigmoid',
  );
  const y = tf.tensor2d(yTrue);
  // Learning rate 0: the weights stay put, so the reported loss is that of `probs`.
  model.compile({ optimizer: tf.train.sgd(0), loss: 'binaryCrossentropy' });
  const history = await model.fit(x, y, {
    epochs: 1,
    batchSize: yTrue.length,
    shuffle: false,
    verbose: 0,
    classWeight,
  });
  const reported = (history.history.loss as number[])[0];
  assertClose(reported, byArgMax, 1e-5, 'one weight per row, its argmax label');
  assert.ok(Math.abs(reported - byLabel) > 0.5, `not per label: ${reported} vs ${byLabel}`);
  disposeModel(model);
  tf.dispose([x, y]);
});

/**
 * What Keras's `EarlyStopping(restore_best_weights=True)` adds, as a callback: keeps a copy of
 * the weights of the epoch with the lowest `monitor` and puts them back when training ends.
 */
function keepBestWeights(model: tf.LayersModel, monitor = 'val_loss') {
  let best = Infinity;
  let bestWeights: tf.Tensor[] = [];
  return new tf.CustomCallback({
    onEpochEnd: async (_epoch, logs) => {
      const value = logs?.[monitor];
      if (value !== undefined && value < best) {
        best = value;
        tf.dispose(bestWeights);
        bestWeights = model.getWeights().map((w) => w.clone());
      }
    },
    onTrainEnd: async () => {
      if (bestWeights.length > 0) model.setWeights(bestWeights);
      tf.dispose(bestWeights);
      bestWeights = [];
    },
  });
}

test("earlyStopping has no restoreBestWeights: it ends on the last epoch's weights", async () => {
  await chooseBackend({ prefer: 'wasm' });
  assert.throws(
    () => tf.callbacks.earlyStopping({ restoreBestWeights: true }),
    /restoreBestWeights = True is not implemented/,
  );
  // Six training rows say 1; of the four validation rows (the last 40%) three say 1 and one 0,
  // so the validation loss is lowest near p = 0.75 and rises as training pushes p towards 1.
  const x = tf.ones([10, 1]);
  const y = tf.tensor2d([1, 1, 1, 1, 1, 1, 1, 1, 1, 0], [10, 1]);
  const build = () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [1], units: 1, activation: 'sigmoid' }));
    tf.tidy(() => model.setWeights([tf.zeros([1, 1]), tf.zeros([1])]));
    model.compile({ optimizer: tf.train.sgd(0.3), loss: 'binaryCrossentropy' });
    return model;
  };
  const options = { epochs: 20, validationSplit: 0.4, shuffle: false, verbose: 0 as const };
  const flat = (tensors: tf.Tensor[]) => tensors.map((t) => Array.from(t.dataSync()));

  const model = build();
  const perEpoch: number[][][] = [];
  const record = new tf.CustomCallback({
    onEpochEnd: async () => {
      perEpoch.push(flat(model.getWeights()));
    },
  });
  const history = await model.fit(x, y, {
    ...options,
    callbacks: [tf.callbacks.earlyStopping({ patience: 2 }), record],
  });
  const valLoss = history.history.val_loss as number[];
  const best = valLoss.indexOf(Math.min(...valLoss));
  assert.ok(valLoss.length < 20, 'it stopped early');
  assert.equal(best, valLoss.length - 3, 'two epochs after the best, with patience 2');
  assert.ok(best > 0, 'the best epoch is not the first');
  assert.deepEqual(flat(model.getWeights()), perEpoch[perEpoch.length - 1], 'the last epoch’s');
  assert.notDeepEqual(flat(model.getWeights()), perEpoch[best], 'not the best epoch’s');
  disposeModel(model);

  // The same run with keepBestWeights ends on the best epoch's weights.
  const restored = build();
  await restored.fit(x, y, {
    ...options,
    callbacks: [tf.callbacks.earlyStopping({ patience: 2 }), keepBestWeights(restored)],
  });
  assert.deepEqual(flat(restored.getWeights()), perEpoch[best]);
  disposeModel(restored);
  tf.dispose([x, y]);
});

test("fit's shuffle uses Math.random: two fits are equal only when it is seeded", async () => {
  await chooseBackend({ prefer: 'wasm' });
  const x = tf.randomNormal([64, 4], 0, 1, 'float32', 1);
  const y = tf.tidy(() => tf.randomUniformInt([64, 3], 0, 2, 2).cast('float32'));
  const fitFrom = async (seed?: number) => {
    const model = tf.sequential();
    model.add(
      tf.layers.dense({
        inputShape: [4],
        units: 3,
        activation: 'sigmoid',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 42 }),
      }),
    );
    model.compile({ optimizer: tf.train.sgd(0.5), loss: 'binaryCrossentropy' });
    const restore = seed === undefined ? () => {} : seedMathRandom(seed);
    try {
      await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 });
    } finally {
      restore();
    }
    const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
    disposeModel(model);
    return weights;
  };
  assert.notDeepEqual(await fitFrom(), await fitFrom(), 'unseeded: two row orders');
  assert.deepEqual(await fitFrom(7), await fitFrom(7), 'seeded: the same, bit for bit');
  assert.notDeepEqual(await fitFrom(7), await fitFrom(8), 'another seed, another order');
  tf.dispose([x, y]);
});

test('tf.randomNormal and normal initializers take seed 0 for no seed', async () => {
  await chooseBackend({ prefer: 'wasm' });
  const normal = (seed: number) =>
    tf.tidy(() => Array.from(tf.randomNormal([4], 0, 1, 'float32', seed).dataSync()));
  const glorotNormal = (seed: number) =>
    tf.tidy(() => Array.from(tf.initializers.glorotNormal({ seed }).apply([4, 1]).dataSync()));
  const uniform = (seed: number) =>
    tf.tidy(() => Array.from(tf.randomUniform([4], 0, 1, 'float32', seed).dataSync()));
  assert.deepEqual(normal(1), normal(1));
  assert.notDeepEqual(normal(0), normal(0), 'seed 0 draws its seed from Math.random');
  assert.deepEqual(glorotNormal(1), glorotNormal(1));
  assert.notDeepEqual(glorotNormal(0), glorotNormal(0));
  assert.deepEqual(uniform(0), uniform(0), 'randomUniform (and glorotUniform) keep seed 0');
});

test('binaryAccuracy counts p > 0.5 (p = 0.5 is a miss); the lessons decide p >= 0.5', async () => {
  await chooseBackend({ prefer: 'wasm' });
  const probs = [
    [0.5, 0.2],
    [0.9, 0.5],
  ];
  const yTrue = [
    [1, 0],
    [1, 1],
  ];
  const { model, x } = tableModel(
    probs.map((row) => row.map(logit)),
    'sigmoid',
  );
  const predicted = tf.tidy(() => (model.predict(x) as tf.Tensor).arraySync() as number[][]);
  assert.equal(predicted[0][0], 0.5, 'sigmoid(0) is exactly 0.5');
  assert.equal(predicted[1][1], 0.5);
  const y = tf.tensor2d(yTrue);
  model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['binaryAccuracy'] });
  const [, reported] = scalars(model.evaluate(x, y) as tf.Scalar[]);
  assertClose(reported, 0.5, 1e-7, 'binaryAccuracy misses both labels at exactly 0.5');
  // The lessons' decision rule, and the tfjs spelling of `(probs >= 0.5).astype(int)`.
  assert.deepEqual(toDecisions(predicted), yTrue);
  const decisions = tf.tidy(() => tf.greaterEqual(tf.tensor2d(predicted), 0.5).toInt());
  assert.deepEqual(decisions.arraySync(), yTrue);
  model.dispose();
  tf.dispose([x, y, decisions]);
});

test('SGD(momentum, nesterov=True) is tf.train.momentum(lr, m, true), step for step', async () => {
  await chooseBackend({ prefer: 'wasm' });
  const sgd = tf.train.sgd(0.1);
  assert.deepEqual(Object.keys(sgd.getConfig()), ['learningRate']);
  sgd.dispose();
  const [learningRate, momentum] = [0.1, 0.5];
  const gradient = (w: number) => w + 0.3; // of f(w) = w^2 / 2 + 0.3 w
  const keras = (nesterov: boolean) => {
    // Keras SGD: v = m v - lr g; w = w + m v - lr g (nesterov), w = w + v (plain momentum).
    let [w, v] = [1, 0];
    for (let step = 0; step < 2; step++) {
      const g = gradient(w);
      v = momentum * v - learningRate * g;
      w = nesterov ? w + momentum * v - learningRate * g : w + v;
    }
    return w;
  };
  const tfjs = (nesterov: boolean) => {
    const w = tf.tidy(() => tf.variable(tf.scalar(1)));
    const optimizer = tf.train.momentum(learningRate, momentum, nesterov);
    for (let step = 0; step < 2; step++)
      optimizer.minimize(() => tf.add(tf.mul(0.5, tf.square(w)), tf.mul(0.3, w)) as tf.Scalar);
    const value = w.dataSync()[0];
    optimizer.dispose();
    // Momentum's dispose leaves its learning-rate scalar, which SGD's dispose frees.
    tf.SGDOptimizer.prototype.dispose.call(optimizer);
    w.dispose();
    return value;
  };
  assertClose(tfjs(true), keras(true), 1e-6, 'nesterov');
  assertClose(tfjs(false), keras(false), 1e-6, 'plain momentum');
  assert.ok(Math.abs(keras(true) - keras(false)) > 0.01, 'the case tells the two apart');
});

/**
 * Keras 2's `SGD(decay=d)`: before each batch, the learning rate `lr / (1 + d * iterations)`.
 * `setLearningRate` is what SGD and momentum read; assigning `learningRate` changes nothing.
 */
function inverseTimeDecay(optimizer: tf.SGDOptimizer, learningRate: number, decay: number) {
  return new tf.CustomCallback({
    onBatchBegin: async () => {
      optimizer.setLearningRate(learningRate / (1 + decay * optimizer.iterations));
    },
  });
}

test("SGD's decay: no option, no scheduler; setLearningRate in a callback does it", async () => {
  await chooseBackend({ prefer: 'wasm' });
  assert.deepEqual(Object.keys(tf.callbacks), ['earlyStopping']);
  const [learningRate, decay, steps] = [0.1, 0.5, 4];
  // f(w) = (w - 0)^2 on one row: the gradient is 2 w.
  let expected = 1;
  for (let t = 0; t < steps; t++) expected -= (learningRate / (1 + decay * t)) * 2 * expected;
  const train = async (callback: (opt: tf.SGDOptimizer) => tf.CustomCallback | null) => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [1], units: 1, useBias: false }));
    tf.tidy(() => model.setWeights([tf.ones([1, 1])]));
    const optimizer = tf.train.sgd(learningRate);
    model.compile({ optimizer, loss: 'meanSquaredError' });
    const [x, y] = [tf.ones([1, 1]), tf.zeros([1, 1])];
    const extra = callback(optimizer);
    await model.fit(x, y, { epochs: steps, verbose: 0, callbacks: extra ? [extra] : [] });
    const w = model.getWeights()[0].dataSync()[0];
    disposeModel(model);
    tf.dispose([x, y]);
    return w;
  };
  const decayed = await train((opt) => inverseTimeDecay(opt, learningRate, decay));
  assertClose(decayed, expected, 1e-6, 'Keras 2 decay');
  const constant = await train(() => null);
  assertClose(constant, (1 - 2 * learningRate) ** steps, 1e-6, 'no decay');
  const assigned = await train(
    (opt) =>
      new tf.CustomCallback({
        onBatchBegin: async () => {
          (opt as unknown as { learningRate: number }).learningRate =
            learningRate / (1 + decay * opt.iterations);
        },
      }),
  );
  assert.equal(assigned, constant, 'assigning learningRate does not change the step');
});

test('Keras spellings: unknown strings, optimizer defaults, input shapes', async () => {
  await chooseBackend({ prefer: 'wasm' });
  /** Compiles a fresh model with `args` and returns its optimizer's class and config. */
  const compiled = (args: tf.ModelCompileArgs) => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [5], units: 2, activation: 'sigmoid' }));
    try {
      model.compile(args);
      return { name: model.optimizer.getClassName(), ...model.optimizer.getConfig() };
    } finally {
      disposeModel(model);
    }
  };
  const loss = 'binaryCrossentropy';
  assert.throws(
    () => compiled({ optimizer: 'sgd', loss: 'binary_crossentropy' }),
    /Unknown loss binary_crossentropy/,
  );
  assert.throws(
    () => compiled({ optimizer: 'sgd', loss, metrics: ['binary_accuracy'] }),
    /Unknown metric binary_accuracy/,
  );
  assert.throws(() => compiled({ optimizer: 'RMSprop', loss }), /Unknown Optimizer RMSprop/);
  const close = (actual: Record<string, unknown>, expected: Record<string, number | string>) => {
    for (const [key, value] of Object.entries(expected))
      if (typeof value === 'number') assertClose(Number(actual[key]), value, 1e-12, key);
      else assert.equal(actual[key], value, key);
  };
  // Keras: RMSprop(0.001, rho=0.9, momentum=0, epsilon=1e-7), Adam(0.001, 0.9, 0.999, 1e-7),
  // SGD(0.01).
  close(compiled({ optimizer: 'rmsprop', loss }), {
    name: 'RMSProp',
    learningRate: 0.001,
    decay: 0.9,
    momentum: 0,
    epsilon: 1e-7,
  });
  close(compiled({ optimizer: 'adam', loss }), {
    name: 'Adam',
    learningRate: 0.001,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-7,
  });
  close(compiled({ optimizer: 'sgd', loss }), { name: 'SGD', learningRate: 0.01 });

  const inputShapes = [
    [tf.layers.dense({ inputShape: [5], units: 2 })],
    [tf.layers.dense({ inputDim: 5, units: 2 })],
    [tf.layers.inputLayer({ inputShape: [5] }), tf.layers.dense({ units: 2 })],
  ].map((layers) => {
    const built = tf.sequential({ layers });
    const shape = built.inputs[0].shape;
    built.dispose();
    return shape;
  });
  assert.deepEqual(inputShapes, [
    [null, 5],
    [null, 5],
    [null, 5],
  ]);
});
