import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { makeOptimizer, type OptimizerSpec } from '../../src/core/ensemble';
import { optimizerStep } from '../../src/core/optimizer-step';
import { InputError } from '../../src/core/validate';
import { chooseBackend } from '../../src/notebook/backend';

const SPECS: OptimizerSpec[] = [
  { name: 'sgd', learningRate: 0.1 },
  { name: 'adam', learningRate: 0.01 },
  { name: 'adam', learningRate: 0.003, beta1: 0.8, beta2: 0.99, epsilon: 1e-6 },
  { name: 'rmsprop', learningRate: 0.001 },
  { name: 'rmsprop', learningRate: 0.01, momentum: 0.9, centered: true, decay: 0.8 },
];

/** Two weight tensors, one below and one above the size at which the step hands over. */
const SHAPES = [
  [3, 4],
  [30, 20],
];
const MAX_SIZE = 100;

function variables(tag: string): tf.Variable[] {
  // tidy frees the initial values; variables outlive it.
  return tf.tidy(() =>
    SHAPES.map((shape, i) =>
      tf.variable(tf.randomNormal(shape, 0, 1, 'float32', 10 + i), true, `${tag}-${i}`),
    ),
  );
}

/** Weights after `steps` updates with the same gradients, by tf.train and by optimizerStep. */
function bothWays(
  spec: OptimizerSpec,
  steps: number,
): { theirs: Float32Array[]; mine: Float32Array[] } {
  const a = variables(`a-${Math.random()}`);
  const b = variables(`b-${Math.random()}`);
  const reference = makeOptimizer(spec);
  const fused = optimizerStep(makeOptimizer(spec), b, MAX_SIZE);
  for (let t = 0; t < steps; t++) {
    // Gradients of every sign and size, with some exact zeros (ReLU units that did not fire).
    const grads = SHAPES.map((shape, i) =>
      tf.tidy(() => {
        const g = tf.mul(tf.randomNormal(shape, 0, 1, 'float32', 100 * t + i), 10 ** ((t % 4) - 2));
        return tf.where(tf.greater(tf.randomUniform(shape, 0, 1, 'float32', 7 * t + i), 0.8), 0, g);
      }),
    );
    // At one step the small tensor gets no gradient: both leave it alone (and keep its slots).
    const given = (i: number) => (t === 5 && i === 0 ? null : grads[i]) as tf.Tensor;
    reference.applyGradients(Object.fromEntries(a.map((v, i) => [v.name, given(i)])));
    fused.apply(Object.fromEntries(b.map((v, i) => [v.name, given(i)])));
    tf.dispose(grads);
  }
  const read = (vs: tf.Variable[]) =>
    vs.map((v) => Float32Array.from(v.dataSync() as Float32Array));
  const out = { theirs: read(a), mine: read(b) };
  reference.dispose();
  fused.dispose();
  tf.dispose([...a, ...b]);
  return out;
}

for (const backend of ['wasm', 'cpu'] as const) {
  test(`on ${backend}, every optimizer's step gives tf.train's weights bit for bit`, async () => {
    await chooseBackend({ prefer: backend });
    for (const spec of SPECS) {
      const { theirs, mine } = bothWays(spec, 12);
      theirs.forEach((w, i) => {
        const differing = w.findIndex((x, j) => !Object.is(x, mine[i][j]));
        assert.equal(
          differing,
          -1,
          `${JSON.stringify(spec)}, tensor ${i}: ${w[differing]} vs ${mine[i][differing]}`,
        );
      });
    }
  });
}

test('the step leaves no tensors behind and frees its optimizer', async () => {
  await chooseBackend({ prefer: 'wasm' });
  bothWays({ name: 'adam', learningRate: 0.01 }, 3);
  const before = tf.memory().numTensors; // after a first run has made tfjs's cached constants
  bothWays({ name: 'adam', learningRate: 0.01 }, 3);
  assert.equal(tf.memory().numTensors, before);
});

test('another kind of optimizer is refused by name', () => {
  const momentum = tf.train.momentum(0.1, 0.9);
  assert.throws(
    () => optimizerStep(momentum, []),
    (e: unknown) =>
      e instanceof InputError && /must be tf.train's SGD, Adam or RMSprop/.test(e.message),
  );
  momentum.dispose();
});
