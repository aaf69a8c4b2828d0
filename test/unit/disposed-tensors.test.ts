/**
 * A disposed tensor passed to the library is named with the function and the parameter
 * ("predictProbs: x is a disposed tensor"), instead of TensorFlow.js's "Cannot read properties
 * of null (reading 'backend')" from inside, and leaves no tensor behind.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { memberDecisions, classCoding } from '../../src/core/head-decisions';
import {
  binaryCrossentropyByHand,
  sigmoidCrossEntropyFromLogits,
  softmaxCrossEntropyFromLogits,
} from '../../src/core/losses';
import { denseClassifier, predictClass, predictProbs } from '../../src/core/models';
import { tensorArgMax, tensorRows } from '../../src/core/rows';
import { InputError } from '../../src/core/validate';

const disposed = (rows: number[][]) => {
  const t = tf.tensor2d(rows);
  t.dispose();
  return t;
};
const Y = [
  [1, 0],
  [0, 1],
];

test('a disposed tensor is named with its function and parameter', () => {
  const model = denseClassifier({
    numFeatures: 2,
    hiddenUnits: [],
    numLabels: 2,
    outputActivation: 'sigmoid',
    seed: 0,
  });
  const live = tf.tensor2d(Y);
  const logits = tf.zeros([1, 2, 2]);
  logits.dispose();
  const cases: [string, () => unknown][] = [
    ['predictProbs: x', () => predictProbs(model, disposed(Y))],
    ['predictClass: x', () => predictClass(model, disposed(Y))],
    ['tensorRows: t', () => tensorRows(disposed(Y))],
    ['tensorArgMax: t', () => tensorArgMax(disposed(Y))],
    ['binaryCrossentropyByHand: probs', () => binaryCrossentropyByHand(live, disposed(Y))],
    [
      'sigmoidCrossEntropyFromLogits: yTrue',
      () => sigmoidCrossEntropyFromLogits(disposed(Y), live),
    ],
    [
      'softmaxCrossEntropyFromLogits: logits',
      () => softmaxCrossEntropyFromLogits(live, disposed(Y)),
    ],
    ['memberDecisions: logits', () => memberDecisions('sigmoid', logits, classCoding(2))],
  ];
  const before = tf.memory().numTensors;
  for (const [named, call] of cases)
    assert.throws(
      call,
      (e: unknown) => e instanceof InputError && e.message === `${named} is a disposed tensor`,
      named,
    );
  assert.equal(tf.memory().numTensors, before);
  live.dispose();
  model.dispose();
});
