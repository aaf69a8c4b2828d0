/**
 * The training schedule both trainers share: the early-stopping rule epoch by epoch (Keras's
 * semantics) and the checks of the schedule options.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSchedule, EarlyStopping, formatLogs } from '../../src/core/schedule';
import { InputError } from '../../src/core/validate';

test('early stopping: stops after `patience` epochs without an improvement of minDelta', () => {
  const rule = new EarlyStopping({ patience: 2, minDelta: 0.1 });
  const seen = [1.0, 0.8, 0.75, 0.72, 0.6, 0.65].map((v) => rule.observe({ val_loss: v }));
  assert.deepEqual(seen, [
    { improved: true, stop: false }, // 1.0: the first value is the best so far
    { improved: true, stop: false }, // 0.8 < 1.0 - 0.1
    { improved: false, stop: false }, // 0.75: not below 0.7
    { improved: false, stop: true }, // 0.72: the second epoch without improvement
    { improved: true, stop: false }, // (were it to go on) 0.6 < 0.7
    { improved: false, stop: false },
  ]);
  const onLoss = new EarlyStopping({ monitor: 'loss', patience: 0 });
  assert.deepEqual(onLoss.observe({ loss: 1 }), { improved: true, stop: false });
  assert.deepEqual(onLoss.observe({ loss: 1 }), { improved: false, stop: true });
  assert.throws(
    () => new EarlyStopping({ monitor: 'val_auc', patience: 1 }).observe({ loss: 1 }),
    /monitor "val_auc" is not among the logged metrics: loss/,
  );
});

test('schedule options are checked, each naming the option', () => {
  const ok = { numEpochs: 3, batchSize: 8 };
  checkSchedule(ok);
  checkSchedule({ ...ok, validationSplit: 0.2, earlyStopping: { patience: 1 } });
  const cases: [object, RegExp][] = [
    [{ ...ok, numEpochs: 0 }, /^numEpochs must be an integer >= 1, got 0$/],
    [{ ...ok, validationSplit: 1 }, /^validationSplit must be below 1, got 1$/],
    [{ ...ok, earlyStopping: { patience: 1 } }, /monitor 'val_loss' needs a validationSplit/],
    [{ ...ok, earlyStopping: { patience: -1, monitor: 'loss' } }, /earlyStopping\.patience/],
    [{ ...ok, earlyStopping: { patience: 1, monitor: 'loss', minDelta: -1 } }, /minDelta must/],
    [{ ...ok, earlyStopping: { patience: 1, monitor: '' } }, /monitor must be a logged metric/],
    [{ ...ok, earlyStopping: { patiense: 1 } }, /earlyStopping\.patiense .*patience\?/],
    [{ ...ok, earlyStopping: null }, /^earlyStopping must be an object like/],
    [
      { ...ok, earlyStopping: { patience: 1, monitor: 'loss', restoreBestWeights: 1 } },
      /restoreBestWeights must be true or false, got 1/,
    ],
  ];
  for (const [options, message] of cases)
    assert.throws(
      () => checkSchedule(options as never),
      (e: unknown) => e instanceof InputError && message.test(e.message),
      `${JSON.stringify(options)} should throw ${message}`,
    );
});

test('progress text: each log with four decimals', () => {
  assert.equal(formatLogs({ loss: 0.123456, val_loss: 2 }), 'loss 0.1235 · val_loss 2.0000');
});
