import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { outputActivation, powersetClassifier } from '../src/core/models';
import {
  bestOutputsForRow,
  compareHeads,
  dataHunger,
  fullPowerset,
  gapOverSizes,
  headDecisions,
  holdOutCombination,
  LESSON05,
  rankedFrequencies,
  trainHead,
  type HungerScore,
} from '../src/lessons/05-label-powerset';
import { denseEnsemble, repeatedRows } from '../src/core/ensemble';
import { SeenCombinationsCodec } from '../src/core/powerset';
import { headTrainingCost } from '../src/core/sizing';
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
  // Label 0 = x0 > 0, label 1 = x1 > 0, 24 features as the lesson's network expects.
  const x = Array.from({ length: 200 }, (_, i) =>
    Array.from({ length: LESSON05.numFeatures }, (_, j) => Math.sin(i * 1.7 + j * 2.3)),
  );
  const y = x.map((r) => [r[0] > 0 ? 1 : 0, r[1] > 0 ? 1 : 0]);

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

  it('trains both heads through one path, each member on its own rows', async () => {
    const data = {
      x,
      y,
      memberRows: [repeatedRows(100, 200), repeatedRows(200, 200)],
      seeds: [1, 2],
    };
    for (const head of ['sigmoid', 'powerset'] as const) {
      const before = tf.memory().numTensors;
      const ensemble = await trainHead(head, data, { numEpochs: 20 });
      assert.equal(ensemble.numMembers, 2);
      assert.equal(ensemble.options.numLabels, head === 'sigmoid' ? 2 : 4);
      // Both heads train on logits; the sigmoid or softmax comes in when deciding.
      assert.equal(ensemble.options.outputActivation, 'linear');
      const decisions = headDecisions(head, ensemble, [x, x], 2);
      for (const member of decisions) {
        const right = member.filter((r, i) => r.join() === y[i].join()).length / 200;
        assert.ok(right > 0.8, `${head} exact match on training rows ${right}`);
      }
      ensemble.dispose();
      // trainEnsemble's optimizer leaves at most a couple of TensorFlow.js scalars behind.
      assert.ok(tf.memory().numTensors - before <= 2, `${tf.memory().numTensors - before}`);
    }
  });

  it('refuses a powerset over the memory budget or over 30 labels before allocating', async () => {
    const wide = (n: number) => ({
      x: x.slice(0, 2),
      y: [new Array(n).fill(0), new Array(n).fill(1)],
      memberRows: [[0, 1]],
      seeds: [0],
    });
    const before = tf.memory().numTensors;
    await assert.rejects(
      trainHead('powerset', wide(24)),
      (e: unknown) =>
        e instanceof InputError && /2\^24 = 16,777,216-class.*over the budget/.test(e.message),
    );
    await assert.rejects(
      trainHead('powerset', wide(31)),
      (e: unknown) =>
        e instanceof InputError &&
        /at most 30, got 31.*2\^31 = 2,147,483,648 classes/.test(e.message),
    );
    assert.equal(tf.memory().numTensors, before);
    assert.throws(() => fullPowerset(31), /at most 30, got 31/);
    await assert.rejects(
      trainHead('powerset', { ...wide(2), x: x.slice(0, 3) }),
      /same number of rows/,
    );
    await assert.rejects(trainHead('softmax' as 'sigmoid', wide(2)), /head must be/);
  });

  it('decodes the most probable powerset class into its row, most significant bit first', () => {
    // One member, no hidden layer: logits = x W. Class 2 of 4 is the row [1, 0].
    const ensemble = denseEnsemble({
      numFeatures: 2,
      hiddenUnits: [],
      numLabels: 4,
      outputActivation: 'softmax',
      seeds: [0],
    });
    ensemble.kernels[0].assign(
      tf.tensor3d([
        [
          [0, 0, 5, 0],
          [0, 5, 0, 0],
        ],
      ]),
    );
    assert.deepEqual(
      headDecisions(
        'powerset',
        ensemble,
        [
          [
            [1, 0],
            [0, 1],
          ],
        ],
        2,
      ),
      [
        [
          [1, 0],
          [0, 1],
        ],
      ],
    );
    assert.throws(() => headDecisions('powerset', ensemble, [], 2), /one block of rows per member/);
    ensemble.dispose();
  });
});

describe('lesson 05 experiments', () => {
  it('a softmax over labels shares one unit among the true labels; sigmoids do not', () => {
    const softmax = bestOutputsForRow([1, 1, 0, 1], 'softmax');
    softmax.probs.forEach((p, j) => assert.ok(j === 2 ? p < 0.01 : Math.abs(p - 1 / 3) < 0.005));
    assert.ok(Math.abs(softmax.loss - 3 * Math.log(3)) < 0.01);
    const sigmoid = bestOutputsForRow([1, 1, 0, 1], 'sigmoid');
    sigmoid.probs.forEach((p, j) => assert.ok(j === 2 ? p < 0.05 : p > 0.95));
    assert.throws(() => bestOutputsForRow([1, 2], 'softmax'), InputError);
  });

  it('ranks combination counts, most frequent first', () => {
    const y = [
      [1, 0],
      [1, 0],
      [0, 1],
      [1, 0],
      [0, 0],
      [0, 1],
    ];
    assert.deepEqual(rankedFrequencies(y), [3, 2, 1]);
  });

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

  it('averages the paired gap over sizes within each repetition', () => {
    const score = (
      head: 'sigmoid' | 'powerset',
      trainingRows: number,
      repetition: number,
      exactMatch: number,
    ): HungerScore => ({
      numLabels: 8,
      trainingRows,
      repetition,
      head,
      exactMatch,
      hammingLoss: 0,
    });
    // Repetition 0: gaps 0.1 and 0.3 (mean 0.2); repetition 1: 0.0 and 0.2 (mean 0.1).
    const scores = [
      score('sigmoid', 100, 0, 0.5),
      score('powerset', 100, 0, 0.4),
      score('sigmoid', 300, 0, 0.7),
      score('powerset', 300, 0, 0.4),
      score('sigmoid', 100, 1, 0.5),
      score('powerset', 100, 1, 0.5),
      score('sigmoid', 300, 1, 0.6),
      score('powerset', 300, 1, 0.4),
    ];
    const gap = gapOverSizes(scores, 8, 'exactMatch');
    assert.ok(Math.abs(gap.mean - 0.15) < 1e-12);
    assert.equal(gap.n, 2);
    assert.ok(Math.abs(gap.sd - Math.sqrt(0.005)) < 1e-12);
    assert.throws(() => gapOverSizes(scores, 4, 'exactMatch'), /no score for numLabels 4/);
    assert.throws(
      () => gapOverSizes(scores.slice(1), 8, 'exactMatch'),
      /no powerset score for numLabels 8, 100 rows, repetition 0|no sigmoid score/,
    );
  });

  it('scores both heads on every size and repetition, with consistent metrics', async () => {
    const scores = await dataHunger(3, 5, { repetitions: 2, sizes: [100, 300] });
    assert.equal(scores.length, 2 * 2 * 2);
    for (const s of scores) {
      // A row with a wrong label is a wrong row, and a wrong row has 1 to n wrong labels.
      assert.ok(s.exactMatch <= 1 - s.hammingLoss + 1e-12, JSON.stringify(s));
      assert.ok(s.exactMatch >= 1 - 3 * s.hammingLoss - 1e-12, JSON.stringify(s));
      assert.ok(s.hammingLoss < 0.4, `better than chance: ${JSON.stringify(s)}`);
    }
  });

  it('a powerset over seen combinations has no class for a held-out one', async () => {
    const codec = new SeenCombinationsCodec();
    const result = await holdOutCombination([1, 0, 1], 3, codec, {
      repetitions: 2,
      poolRows: 300,
    });
    assert.equal(result.powersetHasClass, false);
    assert.ok(!codec.combinations.some((r) => r.join() === '1,0,1'));
    assert.equal(result.numClasses, codec.numClasses);
    assert.equal(result.perRepetition.length, 2);
    for (const r of result.perRepetition) {
      assert.equal(r.powersetHits, 0);
      assert.ok(r.sigmoidHits <= r.testRows);
    }
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
