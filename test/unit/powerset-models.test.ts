import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { outputActivation, powersetClassifier } from '../../src/core/models';
import {
  compareHeads,
  gapsOf,
  heldOutRuns,
  hungerRuns,
  hungerScores,
  type HungerScore,
} from '../../src/lessons/05-label-powerset';
import { classCoding, memberDecisions } from '../../src/core/head-decisions';
import { repeatedRows, trainEnsemble } from '../../src/core/ensemble';
import { ensembleOf } from '../../src/core/model-ensemble';
import { headTrainingCost } from '../../src/core/sizing';
import { histogram } from '../../src/notebook/charts';
import { InputError } from '../../src/core/validate';

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

describe('headTrainingCost', () => {
  it('counts weights, gradients, two Adam moments and two values per output and row', () => {
    // n = 4, h = 32, batch 32, float32. Sigmoid: 4 outputs, 32*4 + 4 = 132 parameters.
    assert.deepEqual(headTrainingCost('sigmoid', 4, 32, 32), {
      outputs: 4,
      params: 132,
      weightBytes: 528,
      gradientBytes: 528,
      adamBytes: 1056,
      activationBytes: 2 * 32 * 4 * 4,
      totalBytes: 4 * 528 + 1024,
      forwardFlops: 2 * 32 * 4,
      trainingFlops: 6 * 32 * 4,
    });
    // Powerset: 16 outputs, 32*16 + 16 = 528 parameters.
    const p = headTrainingCost('powerset', 4, 32, 32);
    assert.equal(p.outputs, 16);
    assert.equal(p.params, 528);
    assert.equal(p.totalBytes, 4 * 528 * 4 + 2 * 32 * 16 * 4);
    assert.equal(p.trainingFlops, 6 * 32 * 16);
    assert.equal(headTrainingCost('powerset', 4, 32, 32, 2).totalBytes, p.totalBytes / 2);
  });

  it('refuses an unknown head, a bad batch size and more than 30 powerset labels', () => {
    assert.throws(
      () => headTrainingCost('softmax' as 'sigmoid', 4, 32, 32),
      (e: unknown) =>
        e instanceof InputError && /head must be 'sigmoid' or 'powerset'/.test(e.message),
    );
    assert.throws(() => headTrainingCost('sigmoid', 4, 32, 0), /batchSize must be an integer >= 1/);
    assert.throws(
      () => headTrainingCost('powerset', 31, 32, 32),
      (e: unknown) => e instanceof InputError && /at most 30, got 31/.test(e.message),
    );
    assert.equal(headTrainingCost('sigmoid', 31, 32, 32).outputs, 31);
  });
});

describe('lesson 05 heads', () => {
  it("repeats each member's rows to a common length", () => {
    const rows = repeatedRows(100, 300, 5);
    assert.equal(rows.length, 300);
    for (let r = 5; r < 105; r++) assert.equal(rows.filter((i) => i === r).length, 3);
    assert.ok(rows.every((i) => i >= 5 && i < 105));
    assert.throws(
      () => repeatedRows(300, 1000),
      (e: unknown) =>
        e instanceof InputError && /size must divide length 1000, got 300/.test(e.message),
    );
  });

  it('lays out the data-hunger members: one per size and repetition, equal row lists', () => {
    const runs = hungerRuns(3, 5, { sizes: [100, 300], repetitions: 2, rowsPerPass: 600 });
    assert.equal(runs.members.length, 4);
    assert.deepEqual(
      runs.members.map((m) => [m.size, m.repetition]),
      [
        [100, 0],
        [100, 1],
        [300, 0],
        [300, 1],
      ],
    );
    assert.deepEqual(runs.seeds, [5000, 5001, 5000, 5001]);
    assert.equal(runs.x.length, 600);
    assert.ok(runs.memberRows.every((rows) => rows.length === 600));
    // Repetition 1's rows start after repetition 0's pool of 300 rows.
    assert.deepEqual([...new Set(runs.memberRows[1])].sort((a, b) => a - b)[0], 300);
    assert.equal(new Set(runs.memberRows[3]).size, 300);
    assert.deepEqual(runs.xTest.shape, [4, 1000, 24]);
    const perfect = hungerScores(runs, 'sigmoid', runs.yTest);
    assert.ok(perfect.every((s) => s.exactMatch === 1 && s.hammingLoss === 0));
    runs.xTest.dispose();
  });

  it('holds a combination out of training and collects its test rows', () => {
    const runs = heldOutRuns([1, 0, 1], 3, { repetitions: 2, poolRows: 300 });
    assert.ok(runs.y.every((row) => row.join() !== '1,0,1'));
    assert.equal(runs.memberRows.length, 2);
    assert.equal(runs.memberRows[0].length + runs.memberRows[1].length, runs.y.length);
    runs.testRows.forEach((t, r) => {
      assert.ok(t > 0);
      assert.ok(runs.yTest[r].slice(0, t).every((row) => row.join() === '1,0,1'));
    });
    runs.xTest.dispose();
    assert.throws(() => heldOutRuns([1, 2], 3, { repetitions: 2, poolRows: 10 }), InputError);
  });

  it('both heads learn toy labels from logits, trained as K members of one builder', async () => {
    // Label 0 = x0 > 0, label 1 = x1 > 0, 24 features.
    const x = Array.from({ length: 200 }, (_, i) =>
      Array.from({ length: 24 }, (_, j) => Math.sin(i * 1.7 + j * 2.3)),
    );
    const y = x.map((r) => [r[0] > 0 ? 1 : 0, r[1] > 0 ? 1 : 0]);
    const build = (outputs: number) => (seed: number) => {
      const model = tf.sequential();
      model.add(tf.layers.dense({ inputShape: [24], units: 16, activation: 'relu' }));
      model.add(
        tf.layers.dense({
          units: outputs,
          activation: 'linear',
          kernelInitializer: tf.initializers.glorotUniform({ seed }),
        }),
      );
      return model;
    };
    const coding = classCoding(2);
    for (const head of ['sigmoid', 'powerset'] as const) {
      const many = ensembleOf(build(head === 'sigmoid' ? 2 : 4), [1, 2]);
      const targets = head === 'sigmoid' ? y : coding.encode(y).map((c) => [c]);
      const [xs, ys] = [tf.tensor2d(x), tf.tensor2d(targets)];
      await trainEnsemble(many, xs, ys, {
        loss:
          head === 'sigmoid'
            ? 'binaryCrossentropyFromLogits'
            : 'sparseCategoricalCrossentropyFromLogits',
        optimizer: { name: 'adam', learningRate: 0.02 },
        numEpochs: 20,
        batchSize: 32,
        seeds: [1, 2],
      });
      const logits = many.predict(xs);
      for (const member of memberDecisions(head, logits, coding)) {
        const right = member.filter((r, i) => r.join() === y[i].join()).length / 200;
        assert.ok(right > 0.8, `${head} exact match on training rows ${right}`);
      }
      tf.dispose([xs, ys, logits]);
      many.dispose();
    }
  });
});

describe('lesson 05 experiments', () => {
  it('compares the heads per cell, paired by repetition', () => {
    const score = (head: 'sigmoid' | 'powerset', repetition: number, exactMatch: number) => ({
      numLabels: 4,
      trainingRows: 100,
      repetition,
      head,
      exactMatch,
      hammingLoss: 1 - exactMatch,
    });
    // Listed out of order: the comparison pairs by repetition, not by position.
    const scores: HungerScore[] = [
      score('sigmoid', 0, 0.5),
      score('powerset', 1, 0.5),
      score('sigmoid', 1, 0.62),
      score('powerset', 0, 0.4),
      score('sigmoid', 2, 0.7),
      score('powerset', 2, 0.6),
    ];
    const [exact] = compareHeads(scores, 'exactMatch');
    assert.ok(Math.abs(exact.comparison.difference.mean - (0.1 + 0.12 + 0.1) / 3) < 1e-12);
    assert.equal(exact.comparison.wins, 3);
    assert.equal(exact.comparison.verdict, 'A better');
    const [hamming] = compareHeads(scores, 'hammingLoss');
    assert.equal(hamming.comparison.verdict, 'A better');
    assert.ok(hamming.comparison.difference.mean < 0);
    assert.throws(() => compareHeads(scores, 'f1' as 'exactMatch'), InputError);
  });

  it('lists the paired gap per repetition at one label count and size', () => {
    const score = (head: 'sigmoid' | 'powerset', repetition: number, exactMatch: number) => ({
      ...{ numLabels: 8, trainingRows: 300, repetition, head, exactMatch, hammingLoss: 0 },
    });
    // Listed out of order: the gaps follow the repetitions.
    const scores: HungerScore[] = [
      score('powerset', 1, 0.5),
      score('sigmoid', 0, 0.5),
      score('sigmoid', 1, 0.6),
      score('powerset', 0, 0.4),
    ];
    const gaps = gapsOf(scores, 8, 300, 'exactMatch');
    assert.equal(gaps.length, 2);
    assert.ok(Math.abs(gaps[0] - 0.1) < 1e-12 && Math.abs(gaps[1] - 0.1) < 1e-12);
    assert.throws(() => gapsOf(scores, 4, 300, 'exactMatch'), /both heads at n = 4/);
    assert.throws(() => gapsOf(scores.slice(1), 8, 300, 'exactMatch'), InputError);
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
