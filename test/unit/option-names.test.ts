/**
 * Options are read by name and every name is checked: a misspelt or unknown option is refused,
 * naming it, the closest known name and the options there are, instead of being ignored.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { makeClassification } from '../../src/core/data';
import { denseEnsemble, trainEnsemble } from '../../src/core/ensemble';
import { makeLatentMultiLabel } from '../../src/core/latent';
import { positiveWeightsFromLabels } from '../../src/core/losses';
import { denseClassifier, powersetClassifier } from '../../src/core/models';
import { encodeSeenCombinations, fitSeenCombinations } from '../../src/core/seen-combinations';
import { makeImbalancedMultiLabel } from '../../src/core/synthetic';
import { trainSeeded } from '../../src/core/train';
import { assertOptions, InputError, type OptionNames } from '../../src/core/validate';
import { f1Score, jaccardScore, metricSummary, rocAucScore } from '../../src/eval/metrics';
import { tunePerLabelThresholds } from '../../src/eval/thresholds';
import { dataFrameHtml } from '../../src/notebook/tables';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const bad = (v: unknown) => v as Any;
const Y = [
  [1, 0],
  [0, 1],
];
const P = [
  [0.9, 0.2],
  [0.3, 0.6],
];

const CASES: [string, () => unknown, RegExp][] = [
  ['f1Score', () => f1Score(Y, Y, bad({ averge: 'micro' })), /averge .*did you mean average\?/],
  [
    'f1Score, scikit-learn spelling',
    () => f1Score(Y, Y, bad({ average: 'micro', zero_division: 1 })),
    /zero_division .*did you mean zeroDivision\?/,
  ],
  ['jaccardScore', () => jaccardScore(Y, Y, bad({ avg: 'micro' })), /options\.avg is not/],
  ['rocAucScore', () => rocAucScore(Y, P, bad({ averag: null })), /did you mean average\?/],
  ['metricSummary', () => metricSummary(Y, P, bad({ treshold: 0.3 })), /mean threshold\?/],
  [
    'tunePerLabelThresholds',
    () => tunePerLabelThresholds(Y, P, bad({ candidate: [0.5] })),
    /did you mean candidates\?/,
  ],
  ['dataFrameHtml', () => dataFrameHtml([{ a: 1 }], bad({ maxrows: 3 })), /mean maxRows\?/],
  [
    'positiveWeightsFromLabels',
    () => positiveWeightsFromLabels(Y, bad({ maxweight: 3 })),
    /did you mean maxWeight\?/,
  ],
  [
    'makeClassification',
    () => makeClassification(bad({ flip_y: 0.1 })),
    /options\.flip_y is not an option: did you mean flipY\?/,
  ],
  [
    'makeLatentMultiLabel',
    () => makeLatentMultiLabel(bad({ numSampels: 10 })),
    /did you mean numSamples\?/,
  ],
  [
    'makeImbalancedMultiLabel',
    () => makeImbalancedMultiLabel(bad({ labelFrequency: [0.5] })),
    /did you mean labelFrequencies\?/,
  ],
  ['denseClassifier', () => denseClassifier(bad({ hiddenUnit: [4] })), /mean hiddenUnits\?/],
  ['powersetClassifier', () => powersetClassifier(bad({ numLabel: 3 })), /mean numLabels\?/],
  ['denseEnsemble', () => denseEnsemble(bad({ seed: 1 })), /did you mean seeds\?/],
  [
    'encodeSeenCombinations',
    () => encodeSeenCombinations([[1]], fitSeenCombinations([[1]]), bad({ mapUnseen: true })),
    /options\.mapUnseen is not an option \(the options are mapUnseenToMinusOne\)/,
  ],
];

test(`${CASES.length} functions refuse an unknown option, naming the closest known one`, () => {
  for (const [what, call, message] of CASES)
    assert.throws(
      call,
      (e: unknown) => e instanceof InputError && message.test(e.message),
      `${what}: no InputError matching ${message}`,
    );
});

test('the trainers refuse an unknown option before training, leaving no tensor', async () => {
  const x = tf.zeros([4, 2]);
  const y = tf.zeros([4, 1]);
  const model = denseClassifier({
    numFeatures: 2,
    hiddenUnits: [3],
    numLabels: 1,
    outputActivation: 'sigmoid',
    seed: 0,
  });
  model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
  const ensemble = denseEnsemble({
    numFeatures: 2,
    hiddenUnits: [3],
    numLabels: 1,
    outputActivation: 'sigmoid',
    seeds: [0, 1],
  });
  const before = tf.memory().numTensors;
  await assert.rejects(
    trainSeeded(model, x, y, bad({ numEpoch: 1, batchSize: 2, seed: 0 })),
    /options\.numEpoch is not an option: did you mean numEpochs\?/,
  );
  await assert.rejects(
    trainEnsemble(ensemble, x, y, bad({ loss: 'binaryCrossentropy', epochs: 1 })),
    /options\.epochs is not an option/,
  );
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([x, y]);
  model.dispose();
  ensemble.dispose();
});

test('assertOptions: no options, null, an array, and suggestions only for near names', () => {
  interface Opts {
    alpha?: number;
    beta?: number;
  }
  const known: OptionNames<Opts> = { alpha: true, beta: true };
  assert.deepEqual(assertOptions(undefined, known), {});
  assert.throws(() => assertOptions(undefined, known, { required: true }), /got undefined/);
  assert.throws(
    () => assertOptions(null, known),
    /^InputError: options must be an object like \{ alpha, beta \}, got null$/,
  );
  assert.throws(() => assertOptions([1], known, { name: 'o' }), /^InputError: o must be an/);
  assert.throws(
    () => assertOptions({ gamma: 1 }, known),
    /^InputError: options\.gamma is not an option \(the options are alpha, beta\)$/,
  );
  assert.throws(() => assertOptions({ Alpha: 1 }, known), /did you mean alpha\?/);
});
