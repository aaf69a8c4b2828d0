/**
 * Losses for independent labels: binary cross-entropy written out once by hand, the same loss on
 * logits (TensorFlow.js has no `fromLogits` option), and a per-label positive-weight variant for
 * rare labels (`classWeight` in `fit` cannot do that: it reduces a multi-hot row to its argmax).
 *
 * Every loss here takes `(yTrue, yPred)` tensors of shape `[rows, numLabels]` and returns a scalar,
 * the mean over rows and labels, so it can be passed as `model.compile({ loss })`.
 */
import * as tf from '@tensorflow/tfjs';
import type { Matrix } from './validate';
import {
  assertBinaryMatrix,
  assertFiniteNumber,
  assertOptions,
  assertTensor,
  describe,
  InputError,
} from './validate';

/**
 * The clipping constant of Keras and TensorFlow.js (`epsilon()`): probabilities are kept in
 * [1e-7, 1 - 1e-7].
 */
export const EPSILON = 1e-7;

/** A loss as `model.compile({ loss })` takes it. */
export type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

function assertPair(fn: string, yTrue: unknown, yPred: unknown, predName: string): void {
  if (!(yTrue instanceof tf.Tensor))
    throw new InputError(`yTrue must be a tensor, got ${describe(yTrue)}`);
  if (!(yPred instanceof tf.Tensor))
    throw new InputError(`${predName} must be a tensor, got ${describe(yPred)}`);
  assertTensor(fn, 'yTrue', yTrue);
  assertTensor(fn, predName, yPred);
  if (
    yTrue.shape.length !== yPred.shape.length ||
    yTrue.shape.some((d: number, i: number) => d !== yPred.shape[i])
  ) {
    throw new InputError(
      `yTrue and ${predName} must have the same shape, ` +
        `got [${yTrue.shape.join(', ')}] and [${yPred.shape.join(', ')}]`,
    );
  }
}

/** Labels must be 0/1 and probabilities in [0, 1]: a logit taken as a probability is clipped
 * to 1e-7 or 1 - 1e-7 and gives a wrong loss without a word. */
function assertLabelsAndProbabilities(yTrue: tf.Tensor, probs: tf.Tensor): void {
  const y = yTrue.dataSync();
  const badLabel = y.findIndex((v) => v !== 0 && v !== 1);
  if (badLabel >= 0)
    throw new InputError(
      `yTrue must hold 0/1 labels, got ${y[badLabel]} at flat index ${badLabel}`,
    );
  const p = probs.dataSync();
  const badProb = p.findIndex((v) => !(v >= 0 && v <= 1));
  if (badProb >= 0)
    throw new InputError(
      `probs must be probabilities in [0, 1], got ${p[badProb]} at flat index ${badProb}` +
        (Number.isFinite(p[badProb])
          ? ': these look like logits (use sigmoidCrossEntropyFromLogits, or pass sigmoid(logits))'
          : ''),
    );
}

/**
 * Binary cross-entropy written out: `-mean(y log p + (1 - y) log(1 - p))` over every entry, with
 * `p` clipped to [1e-7, 1 - 1e-7] as TensorFlow.js clips it (so a confident wrong answer costs
 * about 16.1, not infinity). Equals `tf.metrics.binaryCrossentropy(yTrue, probs).mean()`.
 * Used in lessons: 02.
 * @param yTrue 0/1 targets `[rows, numLabels]`.
 * @param probs probabilities of the same shape.
 * It reads its inputs to check them (labels 0/1, probabilities in [0, 1]), which costs a copy
 * of both; to train on binary cross-entropy, compile with the string `'binaryCrossentropy'`.
 * @returns the mean loss, a scalar tensor.
 * @throws InputError when either is not a tensor, the shapes differ, a label is not 0 or 1, or
 *   a probability is outside [0, 1] (the message says when they look like logits).
 */
export function binaryCrossentropyByHand(yTrue: tf.Tensor, probs: tf.Tensor): tf.Scalar {
  assertPair('binaryCrossentropyByHand', yTrue, probs, 'probs');
  assertLabelsAndProbabilities(yTrue, probs);
  return tf.tidy(() => {
    const p = tf.clipByValue(probs, EPSILON, 1 - EPSILON);
    const y = tf.cast(yTrue, 'float32');
    const perEntry = tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p))));
    return tf.neg(tf.mean(perEntry)) as tf.Scalar;
  });
}

/**
 * Binary cross-entropy on logits (the raw outputs of a Dense layer without activation): the
 * loss Keras computes with `BinaryCrossentropy(from_logits=True)`, built on
 * `tf.losses.sigmoidCrossEntropy`, which uses the stable form `max(z, 0) - z y + log(1 + e^-|z|)`.
 * Pair it with a `'linear'` output layer and apply `tf.sigmoid` to get probabilities.
 * Used in lessons: 02.
 * @param yTrue 0/1 targets `[rows, numLabels]`.
 * @param logits raw scores of the same shape.
 * @returns the mean loss, a scalar tensor.
 * @throws InputError when either is not a tensor or the shapes differ.
 */
export function sigmoidCrossEntropyFromLogits(yTrue: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return meanFromLogits(
    'sigmoidCrossEntropyFromLogits',
    tf.losses.sigmoidCrossEntropy,
    yTrue,
    logits,
  );
}

/** The mean over every entry of a `tf.losses` loss on logits, after checking the pair. */
function meanFromLogits(
  fn: string,
  loss: typeof tf.losses.sigmoidCrossEntropy,
  yTrue: tf.Tensor,
  logits: tf.Tensor,
): tf.Scalar {
  assertPair(fn, yTrue, logits, 'logits');
  return tf.tidy(
    () => loss(tf.cast(yTrue, 'float32'), logits, undefined, 0, tf.Reduction.MEAN) as tf.Scalar,
  );
}

/**
 * Categorical cross-entropy on logits: the loss Keras computes with
 * `CategoricalCrossentropy(from_logits=True)`, `logSumExp(z) - sum_c y_c z_c` per row, averaged.
 * Built on `tf.losses.softmaxCrossEntropy`, whose gradient is `softmax(z) - y` in one step; the
 * softmax-then-clip form takes the gradient through the clip and the softmax, which costs more
 * per step when there are many classes (lesson 05's 256-class powerset trains about 1.4 times
 * faster from logits on the wasm backend). Pair it with a `'linear'` output layer and apply
 * `tf.softmax` to get probabilities. (`trainEnsemble` takes the same loss with class indices as
 * `'sparseCategoricalCrossentropyFromLogits'`.)
 * @param yTrue one-hot (or probability) targets `[rows, numClasses]`.
 * @param logits raw scores of the same shape.
 * @returns the mean loss, a scalar tensor.
 * @throws InputError when either is not a tensor or the shapes differ.
 */
export function softmaxCrossEntropyFromLogits(yTrue: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return meanFromLogits(
    'softmaxCrossEntropyFromLogits',
    tf.losses.softmaxCrossEntropy,
    yTrue,
    logits,
  );
}

function assertWeights(posWeights: unknown): number[] {
  if (!Array.isArray(posWeights) || posWeights.length === 0) {
    throw new InputError(
      'posWeights must be a non-empty array of positive numbers (one per label), ' +
        `got ${describe(posWeights)}`,
    );
  }
  posWeights.forEach((w: unknown, j) => {
    assertFiniteNumber(`posWeights[${j}]`, w);
    if (w <= 0) throw new InputError(`posWeights[${j}] must be a positive number, got ${w}`);
  });
  return [...(posWeights as number[])];
}

/**
 * Binary cross-entropy with a weight on each label's positive term:
 * `-mean(w_j y log p + (1 - y) log(1 - p))`, probabilities clipped as in
 * {@link binaryCrossentropyByHand}. A weight above 1 makes a missed positive of that label cost
 * more, which moves its predicted probabilities up; negatives cost what they cost in plain BCE.
 * With every weight 1 it is plain binary cross-entropy.
 * @param posWeights one positive weight per label, e.g. from {@link positiveWeightsFromLabels}.
 * @returns a loss for `model.compile({ loss })` on sigmoid outputs.
 * @throws InputError for an empty array or a weight that is not a positive finite number; the
 *   returned loss throws when the targets do not have `posWeights.length` columns.
 */
export function weightedBinaryCrossentropy(posWeights: readonly number[]): LossFunction {
  const weights = assertWeights(posWeights);
  return (yTrue: tf.Tensor, probs: tf.Tensor): tf.Scalar => {
    assertPair('weightedBinaryCrossentropy loss', yTrue, probs, 'probs');
    const cols = yTrue.shape[yTrue.shape.length - 1];
    if (cols !== weights.length)
      throw new InputError(
        `posWeights has ${weights.length} entries but the targets have ${cols} label columns`,
      );
    return tf.tidy(() => {
      const w = tf.tensor1d(weights);
      const p = tf.clipByValue(probs, EPSILON, 1 - EPSILON);
      const y = tf.cast(yTrue, 'float32');
      const positive = tf.mul(w, tf.mul(y, tf.log(p)));
      const negative = tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)));
      return tf.neg(tf.mean(tf.add(positive, negative))) as tf.Scalar;
    });
  };
}

/** Options of {@link positiveWeightsFromLabels}. */
export interface PositiveWeightOptions {
  /** Upper clip (default 10): a 1% label would otherwise weigh 99. */
  maxWeight?: number;
  /**
   * Exponent applied to the ratio before clipping (default 1; 0.5 is a gentler square-root
   * weighting).
   */
  power?: number;
}

/**
 * One positive weight per label, `(negatives / positives) ^ power`, clipped to [1, maxWeight]:
 * common labels keep weight 1, rare ones get up to `maxWeight`, and a label with no positives
 * gets `maxWeight` (its positive term is empty anyway). Compute it on the training rows only.
 * Used in lessons: 02.
 * @param yTrue 0/1 multi-hot training targets.
 * @param options `{ maxWeight = 10, power = 1 }`.
 * @returns one weight per label, each in [1, maxWeight].
 * @throws InputError for a non-binary or empty matrix, `maxWeight` below 1, or `power` not above 0.
 */
export function positiveWeightsFromLabels(
  yTrue: Matrix,
  options: PositiveWeightOptions = {},
): number[] {
  const [rows, cols] = assertBinaryMatrix('yTrue', yTrue);
  assertOptions<PositiveWeightOptions>(options, { maxWeight: true, power: true });
  const { maxWeight = 10, power = 1 } = options;
  assertFiniteNumber('options.maxWeight', maxWeight);
  assertFiniteNumber('options.power', power);
  if (maxWeight < 1) throw new InputError(`options.maxWeight must be >= 1, got ${maxWeight}`);
  if (power <= 0) throw new InputError(`options.power must be > 0, got ${power}`);
  const positives = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) positives[j] += yTrue[i][j];
  return Array.from(positives, (pos) =>
    pos === 0 ? maxWeight : Math.min(maxWeight, Math.max(1, ((rows - pos) / pos) ** power)),
  );
}
