/**
 * Repeated draws: one draw per seed, stacked per member, with the validation rows at the end of
 * the fit rows (as Keras' validation_split takes them) and the test rows after them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { drawRepeated } from '../../src/core/repeated-draws';
import { toRows } from '../../src/core/rows';
import { makeImbalancedMultiLabel } from '../../src/core/synthetic';

const SIZES = { fitRows: 60, testRows: 20, validationSplit: 0.33 };
const make = (numSamples: number, seed: number) =>
  makeImbalancedMultiLabel({ numFeatures: 5, labelFrequencies: [0.3, 0.2, 0.1], numSamples, seed });

test('drawRepeated stacks one draw per seed; the validation rows are the last 33%', () => {
  const before = tf.memory().numTensors;
  const draws = drawRepeated(make, SIZES, [3, 4]);
  try {
    assert.deepEqual(draws.xFit.shape, [2, 60, 5]);
    assert.deepEqual(draws.yFit.shape, [2, 60, 3]);
    assert.deepEqual(draws.xVal.shape, [2, 19, 5]);
    assert.deepEqual(draws.xTest.shape, [2, 20, 5]);
    const d = make(80, 4);
    assert.deepEqual(draws.yTest[1], toRows(d.y, 3, 60, 80));
    assert.deepEqual(draws.yVal[1], toRows(d.y, 3, 41, 60));
    assert.deepEqual(draws.xVal.arraySync()[1], toRows(d.x, 5, 41, 60));
    assert.deepEqual(draws.yFit.arraySync()[0], toRows(make(80, 3).y, 3, 0, 60));
  } finally {
    draws.dispose();
  }
  assert.equal(tf.memory().numTensors, before, 'dispose releases every tensor');
});

test('drawRepeated names what it cannot use', () => {
  assert.throws(() => drawRepeated(make, SIZES, []), /seeds must be a non-empty/);
  assert.throws(() => drawRepeated(make, { ...SIZES, testRows: 0 }, [1]), /sizes.testRows/);
  assert.throws(
    () => drawRepeated(make, { ...SIZES, validationSplit: 2 }, [1]),
    /sizes.validationSplit must be a number in \[0, 1\]/,
  );
});
