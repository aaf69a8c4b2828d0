/**
 * Many seeds for the price of one: K dense classifiers of one architecture trained together (see
 * train.ts for what equals K separate trainings). By role: model.ts (the members' variables,
 * forward pass and predictions), losses.ts, checks.ts (options and data, checked before anything
 * is allocated) and train.ts (the training loop); the optimizer specs are in optimizer-spec.ts.
 */
export {
  denseEnsemble,
  DenseEnsemble,
  predictEnsembleProbs,
  type DenseEnsembleOptions,
} from './model';
export { type EnsembleLoss } from './losses';
export { makeOptimizer, type OptimizerSpec } from '../optimizer-spec';
export {
  repeatedRows,
  trainEnsemble,
  type EnsembleHistory,
  type EnsembleTrainOptions,
  type MemberHistory,
} from './train';
