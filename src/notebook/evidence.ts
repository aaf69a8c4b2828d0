/**
 * Claims and tables decided on intervals over seeds. A lesson states a comparison's verdict
 * from `pairedComparison`; the claim that can fail is about the interval itself (its whole range
 * above or below a bound), so it holds at any `SEED` when the effect is real, and fails loudly
 * when it is not.
 */
import {
  assertFiniteNumber,
  assertInteger,
  assertObject,
  assertOptions,
  describe,
  InputError,
} from '../core/validate';
import {
  assertInterval,
  formatInterval,
  type Interval,
  type PairedComparison,
} from '../eval/uncertainty';
import { claim } from './claims';

/**
 * One line for a paired comparison: `shared − separate: +0.010 ± 0.012, ahead on 5 of 8 seeds →
 * within noise`, where "ahead" means better on that seed (a lower value, for a loss).
 * Used in lessons: 01, 03.
 */
export function describeComparison(
  nameA: string,
  nameB: string,
  comparison: PairedComparison,
  digits = 3,
): string {
  for (const [name, value] of [
    ['nameA', nameA],
    ['nameB', nameB],
  ] as const)
    if (typeof value !== 'string' || value === '')
      throw new InputError(`${name} must be a non-empty string, got ${describe(value)}`);
  assertObject('comparison', comparison, '{ difference, ... } (from pairedComparison)');
  assertInterval('comparison.difference', comparison.difference);
  const d = comparison.difference;
  const sign = d.mean >= 0 ? '+' : '';
  const verdict =
    comparison.verdict === 'within noise'
      ? 'within noise'
      : comparison.verdict === 'A better'
        ? `${nameA} better`
        : `${nameB} better`;
  return (
    `${nameA} − ${nameB}: ${sign}${formatInterval(d, digits)}, ` +
    `ahead on ${comparison.wins} of ${d.n} seeds → ${verdict}`
  );
}

/**
 * Claims that a whole interval lies above `above` and/or below `below`, printing the interval as
 * the evidence: "sigmoid beats softmax by more than 0.2" is `{ above: 0.2 }` on the difference.
 * Used in lessons: 01, 02, 03, 04, 05, 06.
 * @throws ClaimError when part of the interval is outside the bounds.
 * @throws InputError when neither bound is given.
 */
export function claimInterval(
  statement: string,
  interval: Interval,
  bounds: { above?: number; below?: number },
  digits = 3,
): void {
  assertInterval('interval', interval);
  assertObject('bounds', bounds, '{ above?, below? }');
  assertOptions<{ above?: number; below?: number }>(
    bounds,
    { above: true, below: true },
    { name: 'bounds' },
  );
  for (const side of ['above', 'below'] as const)
    if (bounds[side] !== undefined) assertFiniteNumber(`bounds.${side}`, bounds[side]);
  assertInteger('digits', digits, 0, 10);
  if (bounds.above === undefined && bounds.below === undefined) {
    throw new InputError('bounds must give above, below or both, got neither');
  }
  const holds =
    (bounds.above === undefined || interval.low > bounds.above) &&
    (bounds.below === undefined || interval.high < bounds.below);
  const range = `[${interval.low.toFixed(digits)}, ${interval.high.toFixed(digits)}]`;
  claim(
    statement,
    holds,
    `${formatInterval(interval, digits)}, interval ${range}, ${interval.n} seeds`,
  );
}

/**
 * A table cell for a mean over seeds: `0.504 ± 0.012`.
 * Used in lessons: 01, 02, 03, 04, 05, 06.
 */
export function intervalCell(interval: Interval, digits = 3): string {
  return formatInterval(interval, digits);
}
