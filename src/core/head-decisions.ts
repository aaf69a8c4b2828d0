/**
 * Decisions of the two output heads a multi-label network can have: n sigmoids (one per label),
 * or one softmax over label combinations (the label powerset), whose classes are numbered either
 * as binary numbers over all 2^n combinations or as the combinations a codec saw in training.
 */
import * as tf from '@tensorflow/tfjs';
import { decodePowersetRows, encodePowersetRows, pow2 } from './powerset';
import {
  decodeSeenCombinations,
  encodeSeenCombinations,
  type SeenCombinations,
} from './seen-combinations';
import { assertInteger, assertTensor, describe, InputError } from './validate';

/**
 * The two output heads: n sigmoids, or one softmax over label combinations.
 * Used in lessons: 05.
 */
export type Head = 'sigmoid' | 'powerset';

/**
 * How a powerset head numbers label rows: `numClasses` outputs, rows to classes and back.
 */
export interface ClassCoding {
  numClasses: number;
  encode(yTrue: number[][]): number[];
  decode(classIndices: ArrayLike<number>): number[][];
}

/**
 * All 2^n combinations, each read as a binary number (`encodePowersetRows`), or, given the
 * combinations seen in training (`fitSeenCombinations`), only those.
 * Used in lessons: 05.
 * @throws InputError for a label count outside [1, 30], or `seen` that is not a fitted value of
 *   `numLabels` labels.
 */
export function classCoding(numLabels: number, seen?: SeenCombinations): ClassCoding {
  assertInteger('numLabels', numLabels, 1);
  if (seen !== undefined) {
    decodeSeenCombinations([0], seen); // checks seen
    if (seen.numLabels !== numLabels)
      throw new InputError(`seen has ${seen.numLabels} labels, numLabels is ${numLabels}`);
    const encode = (yTrue: number[][]) => encodeSeenCombinations(yTrue, seen);
    const decode = (c: ArrayLike<number>) => decodeSeenCombinations(c, seen);
    return { numClasses: seen.combinations.length, encode, decode };
  }
  decodePowersetRows([0], numLabels); // checks numLabels
  const decode = (classIndices: ArrayLike<number>) => decodePowersetRows(classIndices, numLabels);
  return { numClasses: pow2(numLabels), encode: (y) => encodePowersetRows(y), decode };
}

/**
 * Every member's 0/1 label rows from its logits `[K, rows, outputs]`: z >= 0 (p >= 0.5) per
 * sigmoid output, or the class with the largest logit (the most probable) decoded to its row.
 * @throws InputError for logits that are not a rank-3 tensor.
 */
export function memberDecisions(head: Head, logits: tf.Tensor, coding: ClassCoding): number[][][] {
  if (head !== 'sigmoid' && head !== 'powerset')
    throw new InputError(`head must be 'sigmoid' or 'powerset', got ${describe(head)}`);
  if (!(logits instanceof tf.Tensor) || logits.rank !== 3)
    throw new InputError(`logits must be a [K, rows, outputs] tensor, got ${describe(logits)}`);
  assertTensor('memberDecisions', 'logits', logits, 3);
  if (typeof (coding as Partial<ClassCoding> | null)?.decode !== 'function')
    throw new InputError(`coding must be a ClassCoding (classCoding), got ${describe(coding)}`);
  const [K, rows, w] = logits.shape;
  const picked = tf.tidy(() => (head === 'powerset' ? logits.argMax(2) : logits.greaterEqual(0)));
  const v = picked.dataSync();
  picked.dispose();
  return Array.from({ length: K }, (_, k) =>
    head === 'powerset'
      ? coding.decode(v.subarray(k * rows, (k + 1) * rows))
      : Array.from({ length: rows }, (_, i) =>
          Array.from(v.subarray((k * rows + i) * w).slice(0, w)),
        ),
  );
}
