import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { outputActivation, powersetClassifier } from '../src/core/models';
import { fitPowerset, predictLabels } from '../src/lessons/05-label-powerset';
import { histogram } from '../src/notebook/charts';
import { InputError } from '../src/core/validate';

// The cpu backend prints an advert for tfjs-node on first use.
tf.env().set('PROD', true);

const MiB = 1024 * 1024;

describe('powersetClassifier', () => {
  it('has output shape [null, 2^n] and a softmax last layer', () => {
    const model = powersetClassifier({
      numFeatures: 5,
      hiddenUnits: [8],
      numLabels: 4,
      memoryBudgetBytes: MiB,
      seed: 0,
    });
    assert.deepEqual(model.outputs[0].shape, [null, 16]);
    assert.equal(outputActivation(model), 'softmax');
    assert.equal(model.layers[1].countParams(), 8 * 16 + 16);
    model.dispose();
  });

  it('refuses a layer over budget before allocating, giving its size', () => {
    const before = tf.memory().numTensors;
    assert.throws(
      () =>
        powersetClassifier({
          numFeatures: 5,
          hiddenUnits: [64],
          numLabels: 24,
          memoryBudgetBytes: 64 * MiB,
          seed: 0,
        }),
      (e: unknown) =>
        e instanceof InputError &&
        /2\^24 = 16,777,216-class/.test(e.message) &&
        /1,090,519,040 parameters/.test(e.message) &&
        /4\.06 GiB/.test(e.message) &&
        /64\.00 MiB/.test(e.message),
    );
    assert.equal(tf.memory().numTensors, before);
  });

  it('checks the budget against the last hidden layer width (no hidden layer: features)', () => {
    // 10 features -> 2^10 classes: 10*1024 + 1024 = 11,264 params = 45,056 bytes.
    assert.throws(
      () =>
        powersetClassifier({
          numFeatures: 10,
          hiddenUnits: [],
          numLabels: 10,
          memoryBudgetBytes: 45055,
          seed: 0,
        }),
      InputError,
    );
    const model = powersetClassifier({
      numFeatures: 10,
      hiddenUnits: [],
      numLabels: 10,
      memoryBudgetBytes: 45056,
      seed: 0,
    });
    assert.equal(model.countParams(), 11264);
    model.dispose();
  });
});

describe('lesson 05 powerset training', () => {
  it('decodes argmax classes back to label rows that fit the data', async () => {
    const x = Array.from({ length: 200 }, (_, i) => [Math.sin(i * 1.7), Math.cos(i * 2.3)]);
    const y = x.map((r) => [r[0] > 0 ? 1 : 0, r[1] > 0 ? 1 : 0]);
    const model = await fitPowerset(
      x,
      y,
      { hiddenUnits: 8, learningRate: 0.05, numEpochs: 30, batchSize: 32, memoryBudgetBytes: MiB },
      0,
    );
    assert.deepEqual(model.outputs[0].shape, [null, 4]);
    const pred = predictLabels('powerset', model, x, 2);
    const right = pred.filter((r, i) => r.join() === y[i].join()).length / 200;
    assert.ok(right > 0.8, `exact match ${right}`);
    model.dispose();
  });
});

describe('histogram', () => {
  it('builds one histogram trace per series with the given bins', () => {
    const fig = histogram([{ name: 'a', values: [0.1, 0.2, 2.5] }], {
      title: 't',
      bins: { start: 0, end: 3, size: 0.5 },
    });
    assert.equal(fig.data.length, 1);
    assert.equal((fig.data[0] as { type: string }).type, 'histogram');
    assert.deepEqual((fig.data[0] as { xbins: unknown }).xbins, { start: 0, end: 3, size: 0.5 });
  });

  it('rejects empty series and bad bins', () => {
    assert.throws(
      () => histogram([], { title: 't', bins: { start: 0, end: 1, size: 0.1 } }),
      InputError,
    );
    assert.throws(
      () =>
        histogram([{ name: 'a', values: [] }], {
          title: 't',
          bins: { start: 0, end: 1, size: 0.1 },
        }),
      InputError,
    );
    assert.throws(
      () =>
        histogram([{ name: 'a', values: [1] }], {
          title: 't',
          bins: { start: 1, end: 0, size: 0.1 },
        }),
      InputError,
    );
  });
});
