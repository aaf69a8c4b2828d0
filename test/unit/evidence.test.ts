import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClaimError } from '../../src/notebook/claims';
import { claimInterval, describeComparison } from '../../src/notebook/evidence';
import {
  figureBundle,
  groupedBars,
  lineChart,
  PLOTLY_MIME,
  type Figure,
} from '../../src/notebook/charts';
import { meanInterval, pairedComparison } from '../../src/eval/uncertainty';
import { assertInputError } from '../support/close';

test('claimInterval holds only when the whole interval is past the bound', () => {
  const diff = meanInterval([0.3, 0.32, 0.28, 0.31]);
  const lines: string[] = [];
  const log = console.log;
  console.log = (line: string) => void lines.push(line);
  try {
    claimInterval('sigmoid ahead by more than 0.2', diff, { above: 0.2 });
  } finally {
    console.log = log;
  }
  assert.equal(
    lines[0],
    '✔ sigmoid ahead by more than 0.2 (0.302 ± 0.027, interval [0.275, 0.330], 4 seeds)',
  );
  assert.throws(() => claimInterval('ahead by more than 0.29', diff, { above: 0.29 }), ClaimError);
  assert.throws(() => claimInterval('below 0.31', diff, { below: 0.31 }), ClaimError);
  assertInputError(() => claimInterval('x', diff, {}), /bounds must give above, below or both/);
});

test('describeComparison names the winner only outside noise', () => {
  const b = [0.5, 0.6, 0.55, 0.58];
  const better = pairedComparison(
    b.map((v) => v + 0.05),
    b,
  );
  assert.match(
    describeComparison('shared', 'separate', better),
    /^shared − separate: \+0\.050 ± 0\.000, ahead on 4 of 4 seeds → shared better$/,
  );
  const noisy = pairedComparison([0.51, 0.59, 0.56, 0.57], b);
  assert.match(describeComparison('shared', 'separate', noisy), /→ within noise$/);
  // For a loss, "ahead" is the lower value: A's lower loss is ahead on every seed.
  const loss = pairedComparison(
    b.map((v) => v - 0.05),
    b,
    { higherIsBetter: false },
  );
  assert.match(
    describeComparison('shared', 'separate', loss),
    /^shared − separate: -0\.050 ± 0\.000, ahead on 4 of 4 seeds → shared better$/,
  );
});

test('charts carry error bars as Plotly error_y, and refuse bad ones', () => {
  const fig = lineChart(
    [100, 1000],
    [{ name: 'gap', values: [0.01, 0.02], errors: [0.005, 0.004] }],
    {
      title: 't',
      logX: true,
    },
  );
  const json = figureBundle(fig, { includeLibrary: false })[PLOTLY_MIME] as Figure;
  assert.deepEqual((json.data[0] as { error_y: unknown }).error_y, {
    type: 'data',
    array: [0.005, 0.004],
    visible: true,
    thickness: 1.5,
  });
  assert.equal((json.layout?.xaxis as { type: string }).type, 'log');
  const bars = groupedBars(['a'], [{ name: 's', values: [1], errors: [0.1] }], { title: 't' });
  assert.ok('error_y' in bars.data[0]);
  assertInputError(
    () => groupedBars(['a', 'b'], [{ name: 's', values: [1, 2], errors: [0.1] }], { title: 't' }),
    /series "s" has 1 errors for 2 values/,
  );
  assertInputError(
    () => lineChart([1], [{ name: 's', values: [1], errors: [-1] }], { title: 't' }),
    /series "s" errors\[0\] must be a half width >= 0, got -1/,
  );
});
