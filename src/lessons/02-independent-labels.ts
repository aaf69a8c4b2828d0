/**
 * Lesson 02's data recipe: an imbalanced multi-label set with two common labels and four rare ones.
 */
import { makeImbalancedMultiLabel, type MultiLabelArrays } from '../core/synthetic';

/** Lesson 02's imbalanced example: 12 features, two common labels and four rare ones. */
export const LESSON02_DATA = {
  numFeatures: 12,
  labelFrequencies: [0.35, 0.2, 0.05, 0.03, 0.02, 0.01],
  featuresPerLabel: 3,
  noise: 0.5,
  parents: [-1, -1, 0, -1, 1, -1],
  parentWeight: 0.6,
} as const;

/**
 * Lesson 02's imbalanced data (see {@link LESSON02_DATA}).
 * Used in lessons: 02.
 * @throws InputError for a bad row count or seed.
 */
export function makeLesson02Data(numSamples: number, seed: number): MultiLabelArrays {
  return makeImbalancedMultiLabel({
    ...LESSON02_DATA,
    parents: [...LESSON02_DATA.parents],
    labelFrequencies: [...LESSON02_DATA.labelFrequencies],
    numSamples,
    seed,
  });
}
