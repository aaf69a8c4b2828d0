/**
 * Lesson 03's data recipe: the question's shape (21 features, 26 labels, ~82k rows) with label
 * frequencies from 40% down to 1%.
 */
import { makeImbalancedMultiLabel, type MultiLabelArrays } from '../core/synthetic';
import { createRng, permutation } from '../core/random';

/**
 * Label frequencies of lesson 03: 26 labels from 40% down to 1%, geometrically, in a shuffled
 * column order.
 */
function lesson03Frequencies(): number[] {
  const sortedDesc = Array.from({ length: 26 }, (_, j) => 0.4 * (0.01 / 0.4) ** (j / 25));
  const order = permutation(26, createRng(2603));
  return Array.from(order, (k) => Number(sortedDesc[k].toFixed(4)));
}

/**
 * Lesson 03's generator settings (all but the row count and seed): 21 features, 26 labels, six of
 * them children of another.
 */
export const LESSON03_DATA = {
  numFeatures: 21,
  labelFrequencies: lesson03Frequencies(),
  featuresPerLabel: 4,
  noise: 0.5,
  parents: [
    -1, -1, -1, -1, -1, -1, 0, -1, -1, 2, -1, -1, -1, 1, -1, -1, -1, 6, -1, -1, -1, 9, -1, -1, 13,
    -1,
  ],
  parentWeight: 0.8,
} as const;

/** Row count of the question lesson 03 answers ("~82k samples"). */
export const LESSON03_ROWS = 82000;

/**
 * Lesson 03's data: the question's shape (21 features, 26 labels) with frequencies from 40% to 1%.
 * Used in lessons: 03.
 * @throws InputError for a bad row count or seed.
 */
export function makeLesson03Data(numSamples: number, seed: number): MultiLabelArrays {
  return makeImbalancedMultiLabel({
    ...LESSON03_DATA,
    parents: [...LESSON03_DATA.parents],
    labelFrequencies: [...LESSON03_DATA.labelFrequencies],
    numSamples,
    seed,
  });
}
