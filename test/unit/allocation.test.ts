/**
 * Sizes are refused before anything is allocated, by one rule: each generator, codec and model
 * checks the numbers it would make against MAX_ELEMENTS (and an ensemble its members against
 * MAX_MEMBERS), at once, leaving no tensor behind.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { assertAllocation, MAX_ELEMENTS, MAX_MEMBERS } from '../../src/core/allocation';
import { makeClassification } from '../../src/core/data';
import { denseEnsemble } from '../../src/core/ensemble';
import { toMultiHot } from '../../src/core/labels';
import { makeLatentMultiLabel } from '../../src/core/latent';
import { denseClassifier } from '../../src/core/models';
import { makeImbalancedMultiLabel } from '../../src/core/synthetic';
import { InputError } from '../../src/core/validate';

const BILLION = 1e9;

test('assertAllocation names each size, the product and the limit', () => {
  assertAllocation('x', { rows: MAX_ELEMENTS, features: 1 });
  assert.throws(
    () => assertAllocation('x', { rows: 1_000_000, features: 200 }),
    new RegExp(
      '^InputError: x would hold 1,000,000 rows × 200 features = 200,000,000 numbers ' +
        '\\(762\\.94 MiB of float32\\), more than the 134,217,728 \\(512\\.00 MiB\\) one ' +
        'array may hold here$',
    ),
  );
  assert.throws(() => assertAllocation('y', { a: 1e200, b: 1e200 }), /beyond any memory/);
});

test('generators, codecs and models refuse a billion of anything, leaving no tensor', () => {
  const arch = { numFeatures: 4, hiddenUnits: [3], numLabels: 2, outputActivation: 'sigmoid' };
  const cases: [string, () => unknown, RegExp][] = [
    [
      'makeClassification',
      () =>
        makeClassification({
          numSamples: BILLION,
          numFeatures: 5,
          numClasses: 3,
          classSep: 1,
          flipY: 0,
          seed: 0,
        }),
      /makeClassification would hold 1,000,000,000 rows × 5 features/,
    ],
    [
      'makeLatentMultiLabel',
      () =>
        makeLatentMultiLabel({
          numSamples: BILLION,
          numFeatures: 4,
          numLatents: 2,
          numLabels: 3,
          featureNoise: 0.1,
          seed: 0,
        }),
      /makeLatentMultiLabel would hold 1,000,000,000 rows/,
    ],
    [
      'makeImbalancedMultiLabel',
      () =>
        makeImbalancedMultiLabel({
          numSamples: BILLION,
          numFeatures: 4,
          labelFrequencies: [0.5],
          seed: 0,
        }),
      /makeImbalancedMultiLabel would hold/,
    ],
    [
      'toMultiHot',
      () => toMultiHot([[0]], BILLION),
      /toMultiHot would hold 1 rows × 1,000,000,000/,
    ],
    [
      'denseClassifier',
      () => denseClassifier({ ...arch, numFeatures: BILLION, seed: 0 } as never),
      /layer 1's kernel would hold 1,000,000,000 inputs × 3 units/,
    ],
    [
      'denseEnsemble (members)',
      () =>
        denseEnsemble({
          ...arch,
          seeds: Array.from({ length: MAX_MEMBERS + 1 }, (_, k) => k),
        } as never),
      /seeds has 1,?025 members, more than the 1024/,
    ],
    [
      'denseEnsemble (stacked kernels)',
      () => denseEnsemble({ ...arch, hiddenUnits: [10_000_000], seeds: [0, 1, 2, 3] } as never),
      /layer 1's stacked kernel would hold 4 members × 4 inputs × 10,000,000 units/,
    ],
  ];
  const before = tf.memory().numTensors;
  for (const [what, call, message] of cases) {
    const started = Date.now();
    assert.throws(call, (e: unknown) => e instanceof InputError && message.test(e.message), what);
    assert.ok(Date.now() - started < 1000, `${what} took ${Date.now() - started} ms to refuse`);
  }
  assert.equal(tf.memory().numTensors, before);
});
