/**
 * What an output layer costs, computed with plain numbers and never allocated: a 2^n-way softmax
 * (the label powerset) next to n sigmoids, and a memory budget checked before anything is built.
 */

import { formatBytes, formatCount } from './format';
import { assertPowersetNumLabels, pow2 } from './powerset';
import { InputError, assertFiniteNumber, assertInteger, describe } from './validate';

/** Size of a 2^n-way softmax output layer. */
export interface PowersetOutputCost {
  /** 2^numLabels. */
  numClasses: number;
  /** Weights plus biases: hiddenUnits * 2^n + 2^n. */
  params: number;
  /** params * bytesPerParam. */
  bytes: number;
}

/** Size of an n-unit sigmoid output layer. */
export interface SigmoidOutputCost {
  /** Weights plus biases: hiddenUnits * n + n. */
  params: number;
  /** params * bytesPerParam. */
  bytes: number;
}

function assertCostArgs(hiddenUnits: unknown, bytesPerParam: unknown): void {
  assertInteger('hiddenUnits', hiddenUnits, 1);
  assertFiniteNumber('bytesPerParam', bytesPerParam);
  if (bytesPerParam <= 0)
    throw new InputError(`bytesPerParam must be a number > 0, got ${describe(bytesPerParam)}`);
}

function assertExactParams(params: number, what: string): void {
  if (!Number.isSafeInteger(params)) {
    throw new InputError(
      `hiddenUnits is too large: ${what} would have about ${params.toExponential(3)} parameters, ` +
        `beyond 2^53 where plain numbers stop counting exactly`,
    );
  }
}

/**
 * Parameter count and memory of a 2^n-way softmax output layer (the label powerset), computed
 * with plain numbers and never allocated. Exact for every n up to `MAX_POWERSET_LABELS`.
 * Used in lessons: 05.
 *
 * @param numLabels n, an integer in [1, MAX_POWERSET_LABELS]
 * @param hiddenUnits width of the layer feeding the output, an integer >= 1
 * @param bytesPerParam bytes per weight, > 0 (default 4, float32)
 * @returns `{ numClasses: 2^n, params: hiddenUnits * 2^n + 2^n, bytes: params * bytesPerParam }`
 * @throws InputError if an argument is out of range or the count would exceed 2^53
 */
export function powersetOutputCost(
  numLabels: number,
  hiddenUnits: number,
  bytesPerParam = 4,
): PowersetOutputCost {
  assertPowersetNumLabels('numLabels', numLabels);
  assertCostArgs(hiddenUnits, bytesPerParam);
  const numClasses = pow2(numLabels);
  const params = hiddenUnits * numClasses + numClasses;
  assertExactParams(params, `a 2^${numLabels}-class softmax layer`);
  return { numClasses, params, bytes: params * bytesPerParam };
}

/**
 * Parameter count and memory of an n-unit sigmoid output layer (binary relevance), for comparison
 * with `powersetOutputCost`.
 * Used in lessons: 05.
 *
 * @param numLabels n, an integer >= 1
 * @param hiddenUnits width of the layer feeding the output, an integer >= 1
 * @param bytesPerParam bytes per weight, > 0 (default 4, float32)
 * @returns `{ params: hiddenUnits * n + n, bytes: params * bytesPerParam }`
 * @throws InputError if an argument is out of range or the count would exceed 2^53
 */
export function sigmoidOutputCost(
  numLabels: number,
  hiddenUnits: number,
  bytesPerParam = 4,
): SigmoidOutputCost {
  assertInteger('numLabels', numLabels, 1);
  assertCostArgs(hiddenUnits, bytesPerParam);
  const params = hiddenUnits * numLabels + numLabels;
  assertExactParams(params, `a ${numLabels}-unit sigmoid layer`);
  return { params, bytes: params * bytesPerParam };
}

function dtypeName(bytesPerParam: number): string {
  if (bytesPerParam === 4) return 'float32';
  if (bytesPerParam === 2) return 'float16';
  if (bytesPerParam === 8) return 'float64';
  return `${bytesPerParam}-byte`;
}

/**
 * Checks that a 2^n-way softmax output layer fits a memory budget, before anyone tries to build it.
 *
 * @param numLabels n, an integer in [1, MAX_POWERSET_LABELS]
 * @param hiddenUnits width of the layer feeding the output, an integer >= 1
 * @param memoryBudgetBytes the budget in bytes, a number > 0
 * @param bytesPerParam bytes per weight, > 0 (default 4, float32)
 * @returns the layer's cost, when it fits
 * @throws InputError if an argument is invalid, or if the layer is over budget, with a message like
 *   "a 2^24 = 16,777,216-class softmax output layer on 64 hidden units needs 1,090,519,040
 *   parameters (4.06 GiB of float32 weights), over the budget of 1.00 GiB ..."
 */
export function assertPowersetFits(
  numLabels: number,
  hiddenUnits: number,
  memoryBudgetBytes: number,
  bytesPerParam = 4,
): PowersetOutputCost {
  assertFiniteNumber('memoryBudgetBytes', memoryBudgetBytes);
  if (memoryBudgetBytes <= 0) {
    throw new InputError(
      `memoryBudgetBytes must be a number of bytes > 0, got ${describe(memoryBudgetBytes)}`,
    );
  }
  const cost = powersetOutputCost(numLabels, hiddenUnits, bytesPerParam);
  if (cost.bytes > memoryBudgetBytes) {
    const sigmoid = sigmoidOutputCost(numLabels, hiddenUnits, bytesPerParam);
    throw new InputError(
      `a 2^${numLabels} = ${formatCount(cost.numClasses)}-class softmax output layer ` +
        `on ${formatCount(hiddenUnits)} hidden units ` +
        `needs ${formatCount(cost.params)} parameters ` +
        `(${formatBytes(cost.bytes)} of ${dtypeName(bytesPerParam)} weights), ` +
        `over the budget of ${formatBytes(memoryBudgetBytes)} ` +
        `(memoryBudgetBytes = ${formatCount(memoryBudgetBytes)}); ` +
        `${numLabels} sigmoid outputs would need ${formatCount(sigmoid.params)} parameters ` +
        `(${formatBytes(sigmoid.bytes)})`,
    );
  }
  return cost;
}
