/**
 * A playground spec of two points with one checked prediction: the smallest input
 * `playgroundHtml` takes, for the tests of its checks and of the scripts it writes.
 */
import type { PlaygroundSpec } from '../../src/notebook/playground';

export const smallPlaygroundSpec = (): PlaygroundSpec => ({
  x: [
    [0, 0],
    [1, 2],
  ],
  y: [
    [1, 1],
    [0, 1],
  ],
  axes: ['x2', 'x3'],
  defaults: { hiddenUnits: 4, learningRate: 0.03, numEpochs: 2, batchSize: 2, seed: 1 },
  caption: 'try it',
  check: {
    points: [[0, 0]],
    weights: { sigmoid: [{ shape: [2], values: [0, 0] }], softmax: [] },
    expected: { sigmoid: [[0.5, 0.5]], softmax: [] },
  },
});
