/**
 * The update step of `tf.train`'s SGD, Adam and RMSprop, done in JavaScript for small weight
 * tensors: one read of the weights and the gradient and one write per tensor, instead of the 2 to
 * 13 backend ops per tensor the optimizers issue. Small networks train at a cost per op, not per
 * number, so this shortens their steps. Every intermediate value is rounded to float32 where a
 * TensorFlow.js op rounds it (each op's result is a float32 tensor, and a float64 result of +, -,
 * *, / or sqrt on float32 inputs rounds to the same float32 the op computes), so the weights are
 * the same bit for bit; `test/unit/optimizer-step.test.ts` checks it against `tf.train` on wasm
 * and cpu.
 * Tensors above `maxSize` numbers stay with `tf.train`, whose vectorised kernels are faster there.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, InputError } from './validate';

const f = Math.fround;

/** The settings `tf.train` ended up with (its defaults filled in), as `getConfig()` gives them. */
interface Settings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  decay: number;
  momentum: number;
  centered: boolean;
}

/** One tensor's update, in place on `w` (a copy of the weights), with its own state arrays. */
type Update = (w: Float32Array, g: Float32Array, state: Float32Array[]) => void;

/** A step for a fixed list of variables; `dispose` frees the `tf.train` optimizer it keeps. */
export interface OptimizerStep {
  /** Applies one step given the gradients, by variable name (as `tf.variableGrads` returns). */
  apply(grads: tf.NamedTensorMap): void;
  dispose(): void;
}

/**
 * A step for `variables` with `optimizer`, a `tf.train` SGD, Adam or RMSprop optimizer (as
 * `makeOptimizer` builds it), whose settings it reads; it takes the optimizer over and disposes it.
 * @param maxSize tensors with more numbers than this are updated by `optimizer` itself.
 * @throws InputError for another kind of optimizer.
 */
export function optimizerStep(
  optimizer: tf.Optimizer,
  variables: readonly tf.Variable[],
  maxSize = 8192,
): OptimizerStep {
  // By class name: tfjs's optimizers answer instanceof by shape, so Adam is an SGDOptimizer too.
  const kinds: Record<string, 'sgd' | 'adam' | 'rmsprop'> = {
    SGD: 'sgd',
    Adam: 'adam',
    RMSProp: 'rmsprop',
  };
  if (typeof (optimizer as Partial<tf.Optimizer> | null)?.getClassName !== 'function')
    throw new InputError(
      "optimizerStep: optimizer must be tf.train's SGD, Adam or RMSprop, " +
        `got ${describe(optimizer)}`,
    );
  if (!Array.isArray(variables))
    throw new InputError(
      `optimizerStep: variables must be an array of tf.Variable, got ${describe(variables)}`,
    );
  variables.forEach((v: unknown, i) => {
    if (!(v instanceof tf.Variable))
      throw new InputError(
        `optimizerStep: variables[${i}] must be a tf.Variable, got ${describe(v)}`,
      );
    if (v.isDisposed) throw new InputError(`optimizerStep: variables[${i}] is a disposed tensor`);
  });
  if (typeof maxSize !== 'number' || !(maxSize >= 0))
    throw new InputError(`optimizerStep: maxSize must be a number >= 0, got ${describe(maxSize)}`);
  const kind = kinds[optimizer.getClassName()] ?? null;
  if (kind === null)
    throw new InputError(
      `optimizer must be tf.train's SGD, Adam or RMSprop, got ${describe(optimizer)}`,
    );
  const config = optimizer.getConfig() as Partial<Settings> & { learningRate: number };
  const s: Settings = {
    learningRate: config.learningRate,
    beta1: config.beta1 ?? 0.9,
    beta2: config.beta2 ?? 0.999,
    epsilon: config.epsilon ?? tf.backend().epsilon(),
    decay: config.decay ?? 0.9,
    momentum: config.momentum ?? 0,
    centered: config.centered ?? false,
  };
  const small = variables.filter((v) => v.size <= maxSize);
  const large = variables.filter((v) => v.size > maxSize);
  const slots = kind === 'sgd' ? 0 : kind === 'adam' ? 2 : s.centered ? 3 : 2;
  const state = small.map((v) => Array.from({ length: slots }, () => new Float32Array(v.size)));
  // Adam's running products beta^t, float32 variables in tf.train.
  let acc1 = f(s.beta1);
  let acc2 = f(s.beta2);

  const update = (): Update => {
    if (kind === 'sgd') {
      const c = f(-s.learningRate);
      return (w, g) => {
        for (let i = 0; i < w.length; i++) w[i] = f(f(c * g[i]) + w[i]);
      };
    }
    if (kind === 'adam') {
      const [b1, c1, b2, c2] = [f(s.beta1), f(1 - s.beta1), f(s.beta2), f(1 - s.beta2)];
      const [eps, step] = [f(s.epsilon), f(-s.learningRate)];
      return (w, g, [m, v]) => {
        const [om1, om2] = [f(1 - acc1), f(1 - acc2)];
        for (let i = 0; i < w.length; i++) {
          const gi = g[i];
          const mi = f(f(m[i] * b1) + f(gi * c1));
          const vi = f(f(v[i] * b2) + f(f(gi * gi) * c2));
          m[i] = mi;
          v[i] = vi;
          const denominator = f(f(Math.sqrt(f(vi / om2))) + eps);
          w[i] = f(f(f(f(mi / om1) / denominator) * step) + w[i]);
        }
      };
    }
    const [decay, c, momentum] = [f(s.decay), f(1 - s.decay), f(s.momentum)];
    const [eps, lr] = [f(s.epsilon), f(s.learningRate)];
    if (!s.centered)
      return (w, g, [ms, mom]) => {
        for (let i = 0; i < w.length; i++) {
          const gi = g[i];
          const msi = f(f(ms[i] * decay) + f(f(gi * gi) * c));
          const momi = f(f(mom[i] * momentum) + f(f(gi * lr) / f(Math.sqrt(f(msi + eps)))));
          ms[i] = msi;
          mom[i] = momi;
          w[i] = f(w[i] - momi);
        }
      };
    return (w, g, [ms, mom, mg]) => {
      for (let i = 0; i < w.length; i++) {
        const gi = g[i];
        const msi = f(f(ms[i] * decay) + f(f(gi * gi) * c));
        const mgi = f(f(mg[i] * decay) + f(gi * c));
        const root = f(Math.sqrt(f(msi - f(f(mgi * mgi) + eps))));
        const momi = f(f(mom[i] * momentum) + f(f(gi * lr) / root));
        ms[i] = msi;
        mg[i] = mgi;
        mom[i] = momi;
        w[i] = f(w[i] - momi);
      }
    };
  };
  const run = update();

  return {
    apply(grads) {
      if (large.length > 0)
        optimizer.applyGradients(Object.fromEntries(large.map((v) => [v.name, grads[v.name]])));
      small.forEach((v, j) => {
        const g = grads[v.name] as tf.Tensor | undefined;
        if (!g) return; // as tf.train does: a variable without a gradient is left alone
        const w = Float32Array.from(v.dataSync() as Float32Array);
        run(w, g.dataSync() as Float32Array, state[j]);
        const next = tf.tensor(w, v.shape, 'float32');
        v.assign(next);
        next.dispose();
      });
      if (kind === 'adam') {
        acc1 = f(acc1 * f(s.beta1));
        acc2 = f(acc2 * f(s.beta2));
      }
    },
    dispose() {
      optimizer.dispose();
    },
  };
}
