/**
 * The losses the K-member trainer computes, per member: each member's loss is the mean over its own
 * batch, so the sum over members has each member's gradient as its own loss's.
 */
import * as tf from '@tensorflow/tfjs';

/** The clipping constant TensorFlow.js uses in its cross-entropies (`backend().epsilon()`). */
export const EPSILON = 1e-7;

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

export const LOSSES: readonly EnsembleLoss[] = [
  'binaryCrossentropy',
  'binaryCrossentropyFromLogits',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'sparseCategoricalCrossentropyFromLogits',
];

/** A loss's per-example terms: per row `[K, B]`, or per entry `[K, B, L]` (mean over entries). */
export interface LossTerms {
  values: tf.Tensor;
  perEntry: boolean;
}

export function lossTerms(
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
export function memberLosses(terms: LossTerms, weights: tf.Tensor | null): tf.Tensor {
  const K = terms.values.shape[0];
  if (weights === null) return tf.mean(tf.reshape(terms.values, [K, -1]), 1);
  const w = terms.perEntry ? tf.expandDims(weights, 2) : weights;
  return tf.sum(tf.reshape(tf.mul(terms.values, w), [K, -1]), 1);
}

/** `1 / n` rounded as float32 division rounds it, which is how TensorFlow.js's mean scales. */
export function reciprocals(): (n: number) => number {
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
