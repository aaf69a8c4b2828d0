/**
 * One rule for every size the library is asked to allocate: rows, features, labels, units,
 * members and classes are multiplied out and checked before any array or tensor is made, so a
 * size typed wrong (a billion rows) is an error that names it, not minutes of work or an
 * out-of-memory crash. The label powerset has its own budget (sizing.ts), in bytes of weights.
 */
import { formatBytes, formatCount } from './format';
import { assertObject, describe, InputError } from './validate';

/** The most numbers one array or tensor the library makes may hold: 2^27 (512 MiB of float32). */
export const MAX_ELEMENTS = 2 ** 27;

/** The most members one ensemble may have. */
export const MAX_MEMBERS = 1024;

/**
 * Checks that `what`, of the given sizes multiplied together, holds at most
 * {@link MAX_ELEMENTS} numbers, e.g. `assertAllocation('x', { rows: n, features: f })`.
 * @throws InputError naming what, each size, the product and the limit.
 */
export function assertAllocation(what: string, sizes: Record<string, number>): void {
  if (typeof what !== 'string' || what === '')
    throw new InputError(`assertAllocation: what must name the array, got ${describe(what)}`);
  assertObject('sizes', sizes, '{ rows: 100, features: 8 }');
  for (const [name, n] of Object.entries(sizes))
    if (typeof n !== 'number' || Number.isNaN(n) || n < 0)
      throw new InputError(`sizes.${name} must be a number >= 0, got ${describe(n)}`);
  const total = Object.values(sizes).reduce((a, b) => a * b, 1);
  if (total <= MAX_ELEMENTS) return;
  const bytes = Number.isFinite(total) ? formatBytes(total * 4) : 'beyond any memory';
  const parts = Object.entries(sizes)
    .map(([name, n]) => `${formatCount(n)} ${name}`)
    .join(' × ');
  throw new InputError(
    `${what} would hold ${parts} = ${formatCount(total)} numbers ` +
      `(${bytes} of float32), more than the ${formatCount(MAX_ELEMENTS)} ` +
      `(${formatBytes(MAX_ELEMENTS * 4)}) one array may hold here`,
  );
}
