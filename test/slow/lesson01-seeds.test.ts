/**
 * Lesson 01's claims hold beyond the seed the lesson fixes: the same experiment with five other
 * seeds (for the data, the split, the weights and the shuffling) must pass the same margins.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../../src/notebook/backend';
import { LESSON01_OPTIONS, lesson01Labels } from '../../src/lessons/01-sigmoid-vs-softmax';
import { makeClassification, trainTestSplit } from '../../src/core/data';
import {
  buildLesson01Model,
  LESSON01_MARGINS as M,
  reportByCombination,
  trainLesson01Model,
} from '../../src/lessons/01-sigmoid-vs-softmax';

async function experiment(seed: number) {
  const d = makeClassification({ ...LESSON01_OPTIONS, seed });
  const x = tf.tensor2d(d.x, [d.numSamples, d.numFeatures]);
  const y = tf.tensor2d(Array.from(d.classIndex, lesson01Labels));
  const split = trainTestSplit(x, y, { testFraction: 0.2, seed });
  const yTest = split.yTest.arraySync();
  const result: Record<
    string,
    { accuracy: number; report: ReturnType<typeof reportByCombination> }
  > = {};
  for (const kind of ['sigmoid', 'softmax'] as const) {
    const model = buildLesson01Model(kind, d.numFeatures, seed);
    await trainLesson01Model(model, split.xTrain, split.yTrain, seed);
    const probs = tf.tidy(() => model.predict(split.xTest) as tf.Tensor);
    const accuracy = tf.tidy(
      () => tf.metrics.binaryAccuracy(split.yTest, probs).mean().dataSync()[0],
    );
    result[kind] = {
      accuracy,
      report: reportByCombination(yTest, probs.arraySync() as number[][]),
    };
    probs.dispose();
    model.dispose();
  }
  tf.dispose([x, y, split.xTrain, split.yTrain, split.xTest, split.yTest]);
  return result;
}

test('lesson 01 claims hold for seeds 1 to 5', async () => {
  await chooseBackend();
  for (const seed of [1, 2, 3, 4, 5]) {
    const { sigmoid, softmax } = await experiment(seed);
    const at = (report: typeof sigmoid.report, c: string) =>
      report.find((r) => r.combination === c)!;
    assert.ok(
      sigmoid.accuracy >= M.sigmoidBinaryAccuracy,
      `seed ${seed}: sigmoid binary accuracy ${sigmoid.accuracy}`,
    );
    for (const r of sigmoid.report)
      assert.ok(
        r.exactMatch >= M.sigmoidExactMatch,
        `seed ${seed}: sigmoid exact match ${r.exactMatch} on ${r.combination}`,
      );
    const both = at(softmax.report, '{1,1}');
    assert.ok(
      both.meanProbs.every((p) => Math.abs(p - 0.5) <= M.softmaxSplitTolerance),
      `seed ${seed}: softmax on {1,1} ${both.meanProbs}`,
    );
    assert.equal(
      at(softmax.report, '{0,0}').exactMatch,
      0,
      `seed ${seed}: softmax exact match on {0,0}`,
    );
    assert.ok(
      softmax.accuracy <= M.softmaxBinaryAccuracy,
      `seed ${seed}: softmax binary accuracy ${softmax.accuracy}`,
    );
    console.log(
      `seed ${seed}: sigmoid ${sigmoid.accuracy.toFixed(4)} (exact ` +
        sigmoid.report.map((r) => `${r.combination} ${r.exactMatch.toFixed(3)}`).join(', ') +
        `), softmax ${softmax.accuracy.toFixed(4)} ` +
        `({1,1} mean [${both.meanProbs.map((p) => p.toFixed(3))}])`,
    );
  }
});
