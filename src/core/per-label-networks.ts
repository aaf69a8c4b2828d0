/**
 * Per-label networks held as one masked network: `numLabels` small networks of `h` hidden units
 * each, hidden block j feeding only output j (binary relevance), or, for a classifier chain,
 * block j also reading the labels before j. Held as one `DenseEnsemble` with masks, every
 * member's per-label networks train in one pass; a chain then predicts link after link.
 */
import * as tf from '@tensorflow/tfjs';
import { DenseEnsemble } from './ensemble';
import {
  assertArray,
  assertInteger,
  assertMatrix,
  describe,
  InputError,
  type Matrix,
} from './validate';

/**
 * The masks (one 0/1 matrix `[in, out]` per layer) of per-label networks with `h` hidden units
 * per label: hidden block j (units j*h .. j*h+h-1) feeds only output j, so the blocks are
 * separate networks. For a chain the inputs are the features and then one column per label
 * ({@link withLabelColumns}), and block j reads label l only when l < j.
 * @throws InputError for sizes that are not positive integers.
 */
export function perLabelMasks(
  kind: 'separate' | 'chain',
  numFeatures: number,
  numLabels: number,
  h: number,
): number[][][] {
  if (kind !== 'separate' && kind !== 'chain')
    throw new InputError(`kind must be 'separate' or 'chain', got ${describe(kind)}`);
  assertInteger('numFeatures', numFeatures, 1);
  assertInteger('numLabels', numLabels, 1);
  assertInteger('h', h, 1);
  const hidden = numLabels * h;
  const block = (unit: number) => Math.floor(unit / h);
  const inputs = kind === 'chain' ? numFeatures + numLabels : numFeatures;
  const first = Array.from({ length: inputs }, (_, i) =>
    Array.from({ length: hidden }, (_, unit) =>
      i < numFeatures || i - numFeatures < block(unit) ? 1 : 0,
    ),
  );
  const second = Array.from({ length: hidden }, (_, unit) =>
    Array.from({ length: numLabels }, (_, j) => (block(unit) === j ? 1 : 0)),
  );
  return [first, second];
}

/** An ensemble and one block of rows per member. */
function assertMembers(ensemble: unknown, blocks: unknown, name = 'blocks'): void {
  if (!(ensemble instanceof DenseEnsemble))
    throw new InputError(`ensemble must be a DenseEnsemble, got ${describe(ensemble)}`);
  assertArray(name, blocks, 'row blocks (one per member)', 1);
  if (blocks.length !== ensemble.numMembers)
    throw new InputError(
      `${name} must hold one block per member (${ensemble.numMembers}), got ${blocks.length}`,
    );
}

/**
 * Each row of `x` followed by the same row of `labels`: what a chain's links read (the true
 * labels in training, the chain's own decisions when predicting).
 */
export function withLabelColumns(x: Matrix, labels: Matrix): number[][] {
  const [rows] = assertMatrix('x', x);
  assertMatrix('labels', labels);
  if (labels.length !== rows)
    throw new InputError(`labels must have one row per row of x (${rows}), got ${labels.length}`);
  return x.map((row, i) => [...row, ...labels[i]]);
}

/**
 * Every member's outputs for its own block of rows (`blocks[k]` for member k).
 */
export function predictMemberBlocks(ensemble: DenseEnsemble, blocks: number[][][]): number[][][] {
  assertMembers(ensemble, blocks);
  return tf.tidy(() => ensemble.predict(tf.tensor3d(blocks)).arraySync() as number[][][]);
}

/**
 * A chain's probabilities, link after link: link j of member k reads the features of `xs[k]` and
 * the 0/1 decisions (p >= 0.5) that links 0..j-1 of the same member made for the same row (its
 * masks hide the later labels). The ensemble must have been built with the chain's masks.
 */
export function predictChain(
  ensemble: DenseEnsemble,
  xs: number[][][],
  numLabels: number,
): number[][][] {
  assertMembers(ensemble, xs, 'xs');
  assertInteger('numLabels', numLabels, 1);
  return tf.tidy(() => {
    const x = tf.tensor3d(xs);
    const [K, n] = x.shape;
    let probs: tf.Tensor = tf.zeros([K, n, numLabels]);
    let decisions: tf.Tensor = tf.zeros([K, n, numLabels]);
    for (let j = 0; j < numLabels; j++) {
      // Label columns j and later are still 0, and the masks hide them from link j anyway.
      const out = ensemble.predict(tf.concat([x, decisions], 2));
      const column = tf.oneHot(j, numLabels).reshape([1, 1, numLabels]);
      probs = probs.add(out.mul(column));
      decisions = decisions.add(out.greaterEqual(0.5).cast('float32').mul(column));
    }
    return probs.arraySync() as number[][][];
  });
}
