/**
 * Per-label networks as one masked network: the masks of binary relevance and of a chain, the
 * chain's inputs, and a chain predicting link after link from its own decisions.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { denseEnsemble } from '../../src/core/ensemble';
import {
  perLabelMasks,
  predictChain,
  predictMemberBlocks,
  withLabelColumns,
} from '../../src/core/per-label-networks';
import { chooseBackend } from '../../src/notebook/backend';
import { isInputError } from '../support/close';

test('perLabelMasks: a block feeds its own output; chain links read earlier labels', () => {
  const [first, second] = perLabelMasks('separate', 2, 3, 2);
  assert.deepEqual(first, [
    [1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1],
  ]);
  assert.deepEqual(second, [
    [1, 0, 0],
    [1, 0, 0],
    [0, 1, 0],
    [0, 1, 0],
    [0, 0, 1],
    [0, 0, 1],
  ]);
  const [chainFirst, chainSecond] = perLabelMasks('chain', 2, 3, 2);
  assert.deepEqual(chainSecond, second);
  // Inputs: 2 features, then labels 0, 1, 2; hidden blocks 0 (units 0-1), 1 (2-3), 2 (4-5).
  assert.deepEqual(chainFirst, [
    [1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1],
    [0, 0, 1, 1, 1, 1],
    [0, 0, 0, 0, 1, 1],
    [0, 0, 0, 0, 0, 0],
  ]);
});

test("withLabelColumns appends each row's labels", () => {
  assert.deepEqual(withLabelColumns([[0.5, 2]], [[1, 0]]), [[0.5, 2, 1, 0]]);
  assert.throws(() => perLabelMasks('chain', 0, 2, 1), isInputError(/numFeatures/));
});

test('predictChain: link j reads the decisions of links 0..j-1, not the true labels', async () => {
  await chooseBackend({ prefer: 'wasm' });
  const ensemble = denseEnsemble({
    numFeatures: 2 + 2,
    hiddenUnits: [4],
    numLabels: 2,
    outputActivation: 'sigmoid',
    seeds: [1, 2],
    masks: perLabelMasks('chain', 2, 2, 2),
  });
  const xs = [[[0.3, -1]], [[2, 0.5]]];
  const probs = predictChain(ensemble, xs, 2);
  // Link 0 reads no label; link 1 reads link 0's decision of the same member.
  const decided = xs.map((x, k) => [...x[0], probs[k][0][0] >= 0.5 ? 1 : 0, 0]);
  const direct = predictMemberBlocks(
    ensemble,
    decided.map((row) => [row]),
  );
  for (let k = 0; k < 2; k++) {
    assert.equal(probs[k][0][1], direct[k][0][1]);
    assert.equal(probs[k][0][0], direct[k][0][0]);
  }
  ensemble.dispose();
});
