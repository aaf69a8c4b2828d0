import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { classCoding, memberDecisions } from '../../src/core/head-decisions';
import { fitSeenCombinations } from '../../src/core/seen-combinations';
import { InputError } from '../../src/core/validate';

// The cpu backend prints an advert for tfjs-node on first use.
tf.env().set('PROD', true);

describe('head decisions', () => {
  it('codes all 2^n combinations, or only those seen in training', () => {
    const full = classCoding(3);
    assert.equal(full.numClasses, 8);
    assert.deepEqual(full.encode([[1, 0, 1]]), [5]);
    assert.deepEqual(full.decode([6]), [[1, 1, 0]]);
    assert.throws(() => classCoding(31), /at most 30, got 31/);
    const fitted = fitSeenCombinations([
      [1, 0],
      [0, 1],
    ]);
    const seen = classCoding(2, fitted);
    assert.equal(seen.numClasses, 2);
    assert.deepEqual(seen.decode(seen.encode([[0, 1]])), [[0, 1]]);
    assert.throws(() => classCoding(3, fitted), InputError);
    assert.throws(() => classCoding(2, { combinations: [], numLabels: 2 }), InputError);
  });

  it('decides from logits: z >= 0 per sigmoid, the largest class decoded for the powerset', () => {
    const logits = tf.tensor3d([
      [
        [0, -1, 5, 0.5],
        [-2, 3, 0, -1],
      ],
    ]);
    assert.deepEqual(memberDecisions('powerset', logits, classCoding(2)), [
      [
        [1, 0],
        [0, 1],
      ],
    ]);
    assert.deepEqual(memberDecisions('sigmoid', logits, classCoding(4)), [
      [
        [1, 0, 1, 1],
        [0, 1, 1, 0],
      ],
    ]);
    assert.throws(() => memberDecisions('sigmoid', tf.zeros([2, 2]), classCoding(2)), InputError);
    logits.dispose();
  });
});
