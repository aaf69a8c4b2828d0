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
 * Used in lessons: 05.
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

/** An output head on the last hidden layer: n sigmoids, or a softmax over the 2^n combinations. */
export type OutputHead = 'sigmoid' | 'powerset';

/**
 * What training an output head costs, counted with plain numbers: the memory of one training step
 * with Adam, and the arithmetic per example of the head's matrix product.
 */
export interface HeadTrainingCost {
  /** Output units: n for sigmoids, 2^n for the powerset softmax. */
  outputs: number;
  /** Weights plus biases: hiddenUnits * outputs + outputs. */
  params: number;
  /** The weights themselves. */
  weightBytes: number;
  /** One gradient per weight. */
  gradientBytes: number;
  /** Adam's two moment estimates per weight. */
  adamBytes: number;
  /** The batch's logits and outputs, kept from the forward pass for the backward pass. */
  activationBytes: number;
  /** The sum of the four above. */
  totalBytes: number;
  /** FLOPs of the forward product per example (2 per multiply-add): 2 * hiddenUnits * outputs. */
  forwardFlops: number;
  /**
   * Per training example: the forward product and the two backward ones (the weights' gradient
   * and the hidden layer's), 6 * hiddenUnits * outputs.
   */
  trainingFlops: number;
}

/**
 * The memory and arithmetic of training an output head with Adam: weights, gradients and two
 * moment estimates per parameter (4 values per parameter), plus the batch's logits and outputs
 * (2 values per output and row); and the FLOPs of the head's matrix product per example (2 per
 * multiply-add; the backward pass costs two products like the forward one). Bias additions and
 * activation functions are left out: they add a few operations per output, not per weight.
 * Every count is linear in the number of outputs, so a powerset head's cost doubles exactly with
 * each label while a sigmoid head's grows by the same step per label.
 * Used in lessons: 05.
 *
 * @param head `'sigmoid'` (n outputs) or `'powerset'` (2^n outputs)
 * @param numLabels n, an integer >= 1 (at most `MAX_POWERSET_LABELS` for a powerset)
 * @param hiddenUnits width of the layer feeding the head, an integer >= 1
 * @param batchSize rows per training step, an integer >= 1
 * @param bytesPerValue bytes per stored number, > 0 (default 4, float32)
 * @returns the counts, exact while they stay below 2^53
 * @throws InputError for an unknown head, an argument out of range, or a count beyond 2^53
 */
export function headTrainingCost(
  head: OutputHead,
  numLabels: number,
  hiddenUnits: number,
  batchSize: number,
  bytesPerValue = 4,
): HeadTrainingCost {
  if (head !== 'sigmoid' && head !== 'powerset')
    throw new InputError(`head must be 'sigmoid' or 'powerset', got ${describe(head)}`);
  assertInteger('batchSize', batchSize, 1);
  const { params, bytes } =
    head === 'sigmoid'
      ? sigmoidOutputCost(numLabels, hiddenUnits, bytesPerValue)
      : powersetOutputCost(numLabels, hiddenUnits, bytesPerValue);
  const outputs = head === 'sigmoid' ? numLabels : pow2(numLabels);
  const activationBytes = 2 * batchSize * outputs * bytesPerValue;
  const trainingFlops = 6 * hiddenUnits * outputs;
  const values = 2 * batchSize * outputs + 4 * params;
  if (!Number.isSafeInteger(values) || !Number.isSafeInteger(trainingFlops))
    throw new InputError(
      `batchSize ${batchSize} and hiddenUnits ${hiddenUnits} are too large for a ${head} head ` +
        `on ${numLabels} labels: about ${Math.max(values, trainingFlops).toExponential(3)} ` +
        `values or FLOPs, beyond 2^53 where plain numbers stop counting exactly`,
    );
  return {
    outputs,
    params,
    weightBytes: bytes,
    gradientBytes: bytes,
    adamBytes: 2 * bytes,
    activationBytes,
    totalBytes: 4 * bytes + activationBytes,
    forwardFlops: 2 * hiddenUnits * outputs,
    trainingFlops,
  };
}
