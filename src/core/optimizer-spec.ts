/**
 * Optimizers as plain data: a spec the K-member trainer steps with `optimizer-step.ts`, and the
 * `tf.train` optimizer it describes, so that a single model can be compiled with the same one.
 */
import * as tf from '@tensorflow/tfjs';
import { assertFiniteNumber, assertOptions, describe, InputError } from './validate';

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
  const known: Record<string, readonly string[]> = {
    sgd: ['name', 'learningRate'],
    adam: ['name', 'learningRate', 'beta1', 'beta2', 'epsilon'],
    rmsprop: ['name', 'learningRate', 'decay', 'momentum', 'epsilon', 'centered'],
  };
  const names = known[spec.name as string];
  if (names !== undefined)
    assertOptions(spec, Object.fromEntries(names.map((n) => [n, true as const])), {
      name: 'optimizer',
    });
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
