import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { classCoding, memberDecisions } from '../../src/core/head-decisions';
import { SeenCombinationsCodec } from '../../src/core/powerset';
import { InputError } from '../../src/core/validate';

// The cpu backend prints an advert for tfjs-node on first use.
tf.env().set('PROD', true);

describe('head decisions', () => {
  it('codes all 2^n combinations, or only those a codec saw', () => {
    const full = classCoding(3);
    assert.equal(full.numClasses, 8);
    assert.deepEqual(full.encode([[1, 0, 1]]), [5]);
    assert.deepEqual(full.decode([6]), [[1, 1, 0]]);
    assert.throws(() => classCoding(31), /at most 30, got 31/);
    const codec = new SeenCombinationsCodec().fit([
      [1, 0],
      [0, 1],
    ]);
    const seen = classCoding(2, codec);
    assert.equal(seen.numClasses, 2);
    assert.deepEqual(seen.decode(seen.encode([[0, 1]])), [[0, 1]]);
    assert.throws(() => classCoding(2, new SeenCombinationsCodec()), InputError);
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
