/**
 * The training schedule both trainers share (`trainSeeded` for one model, `trainEnsemble` for K
 * at once): the checks of the schedule options, the early-stopping rule, and the progress text.
 */
import {
  assertFiniteNumber,
  assertInteger,
  assertObject,
  assertOptions,
  assertProbability,
  describe,
  InputError,
} from './validate';

/**
 * Stop when the monitored value has not improved by `minDelta` for `patience` epochs in a row
 * (Keras EarlyStopping semantics). With `restoreBestWeights`, a network that stops early gets
 * back the weights of its best epoch, as Keras's `restore_best_weights=True` does (TensorFlow.js's
 * EarlyStopping callback throws "not implemented" for it).
 */
export interface EarlyStoppingOptions {
  /** `'val_loss'` (the default) or `'loss'`; `trainSeeded` also takes a compiled metric's log. */
  monitor?: string;
  patience: number;
  /** An improvement smaller than this does not count (default 0). */
  minDelta?: number;
  restoreBestWeights?: boolean;
}

/** The schedule options both trainers take. */
export interface ScheduleOptions {
  numEpochs: number;
  batchSize: number;
  /**
   * Fraction of rows held out for validation, taken from the end before shuffling (as Keras
   * does).
   */
  validationSplit?: number;
  earlyStopping?: EarlyStoppingOptions;
}

/**
 * Checks the schedule options: epochs and batch size, a validation split in [0, 1), and early
 * stopping's `patience`, `minDelta`, `restoreBestWeights` and `monitor` (`'val_loss'` needs a
 * validation split above 0).
 * @throws InputError naming the option and what is wrong.
 */
export function checkSchedule(options: ScheduleOptions): void {
  assertObject('options', options, '{ numEpochs, batchSize, validationSplit?, earlyStopping? }');
  const { numEpochs, batchSize, validationSplit = 0, earlyStopping } = options;
  assertInteger('numEpochs', numEpochs, 1);
  assertInteger('batchSize', batchSize, 1);
  assertProbability('validationSplit', validationSplit);
  if (validationSplit >= 1)
    throw new InputError(`validationSplit must be below 1, got ${validationSplit}`);
  if (earlyStopping === undefined) return;
  assertOptions<EarlyStoppingOptions>(
    earlyStopping,
    { monitor: true, patience: true, minDelta: true, restoreBestWeights: true },
    { name: 'earlyStopping', required: true },
  );
  assertInteger('earlyStopping.patience', earlyStopping.patience, 0);
  const restore = earlyStopping.restoreBestWeights;
  if (restore !== undefined && typeof restore !== 'boolean')
    throw new InputError(
      `earlyStopping.restoreBestWeights must be true or false, got ${describe(restore)}`,
    );
  if (earlyStopping.minDelta !== undefined) {
    assertFiniteNumber('earlyStopping.minDelta', earlyStopping.minDelta);
    if (earlyStopping.minDelta < 0)
      throw new InputError(`earlyStopping.minDelta must be >= 0, got ${earlyStopping.minDelta}`);
  }
  const monitor: unknown = earlyStopping.monitor ?? 'val_loss';
  if (typeof monitor !== 'string' || monitor === '')
    throw new InputError(`earlyStopping.monitor must be a logged metric, got ${describe(monitor)}`);
  if (monitor.startsWith('val_') && validationSplit === 0)
    throw new InputError(
      `earlyStopping.monitor '${monitor}' needs a validationSplit above 0 (got 0), ` +
        "or monitor 'loss'",
    );
}

/**
 * The early-stopping rule for one network, epoch by epoch: `observe` takes the epoch's logs and
 * says whether the epoch was the best so far (keep its weights to restore them) and whether to
 * stop now.
 */
export class EarlyStopping {
  private best = Infinity;
  private sinceBest = 0;
  readonly monitor: string;

  constructor(private readonly options: EarlyStoppingOptions) {
    this.monitor = options.monitor ?? 'val_loss';
  }

  /** @throws InputError when the monitored value is not among the logs. */
  observe(logs: Record<string, number>): { improved: boolean; stop: boolean } {
    const value = logs[this.monitor];
    if (value === undefined)
      throw new InputError(
        `earlyStopping.monitor ${JSON.stringify(this.monitor)} is not among the logged ` +
          `metrics: ${Object.keys(logs).join(', ')}`,
      );
    if (value < this.best - (this.options.minDelta ?? 0)) {
      this.best = value;
      this.sinceBest = 0;
      return { improved: true, stop: false };
    }
    this.sinceBest += 1;
    return { improved: false, stop: this.sinceBest >= this.options.patience };
  }
}

/** One epoch's logs as progress text: `loss 0.1234 · val_loss 0.2345`. */
export function formatLogs(logs: Record<string, number>): string {
  assertObject('logs', logs, '{ loss: 0.1 }');
  return Object.entries(logs)
    .map(([k, v]) => `${k} ${v.toFixed(4)}`)
    .join(' · ');
}
