/** Numbers for people: counts with thousands separators, and byte sizes in binary units. */

import { InputError, assertFiniteNumber, describe } from './validate';

const COUNT = new Intl.NumberFormat('en-US');
const TWO_DECIMALS = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/**
 * Groups digits with commas ("1,073,741,824"); beyond 2^53, where doubles stop counting
 * exactly, says "about 1.126e+15" instead of printing digits that are not exact.
 * Used in lessons: 05.
 */
export function formatCount(value: number): string {
  if (typeof value !== 'number' || Number.isNaN(value))
    throw new InputError(`value must be a number, got ${describe(value)}`);
  if (!Number.isInteger(value)) return String(value);
  if (!Number.isSafeInteger(value)) return `about ${value.toExponential(3)}`;
  return COUNT.format(value);
}

/**
 * Formats a byte count for tables: "512 B", "1.50 KiB", "3.25 MiB", "4.06 GiB" (binary units,
 * two decimals; GiB is the largest unit, with thousands separators, e.g. "4,096.00 GiB").
 * Used in lessons: 05.
 *
 * @param bytes a finite number >= 0
 * @returns the formatted size
 * @throws InputError if `bytes` is negative, NaN or infinite
 */
export function formatBytes(bytes: number): string {
  assertFiniteNumber('bytes', bytes);
  if (bytes < 0) throw new InputError(`bytes must be a number >= 0, got ${describe(bytes)}`);
  if (bytes < 1024) return `${Number.isInteger(bytes) ? bytes : bytes.toFixed(2)} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let u = 0;
  // Compare the rounded text, not the raw value, so 1,048,575 B prints "1.00 MiB",
  // not "1024.00 KiB".
  while (u < units.length - 1 && Number(value.toFixed(2)) >= 1024) {
    value /= 1024;
    u++;
  }
  return `${TWO_DECIMALS.format(value)} ${units[u]}`;
}
