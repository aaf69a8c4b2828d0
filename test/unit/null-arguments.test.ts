/**
 * Arguments that are missing or of the wrong kind are named, not met by a TypeError from deep
 * inside ("Cannot read properties of undefined"): the notebook helpers a reader calls most, with
 * null, undefined or a string where an object or array is expected.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { standardize } from '../../src/core/standardizer';
import { InputError } from '../../src/core/validate';
import { curveChart, histogram, scatterByGroup } from '../../src/notebook/charts';
import { claimInterval, describeComparison, intervalCell } from '../../src/notebook/evidence';
import { intervalRows, metricInterval } from '../../src/notebook/interval-tables';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const bad = (v: unknown) => v as any;
const TEXT = { title: 't', xTitle: 'x', yTitle: 'y' };

const CASES: [string, () => unknown, RegExp][] = [
  ['standardize', () => standardize([[1]], bad(null)), /^standardizer must be an object like/],
  ['standardize', () => standardize([[1]], bad({ sd: [1] })), /^standardizer\.mean must be an/],
  ['intervalCell', () => intervalCell(bad(null)), /^interval must be an object like \{ mean/],
  ['intervalCell', () => intervalCell(bad({ mean: 1 })), /^interval\.halfWidth must be a finite/],
  [
    'claimInterval',
    () => claimInterval('s', bad({ mean: 1, halfWidth: 0.1 }), bad(undefined)),
    /^bounds must be an object like \{ above\?, below\? \}, got undefined$/,
  ],
  ['describeComparison', () => describeComparison('a', 'b', bad('x')), /^comparison must be/],
  ['metricInterval', () => metricInterval(bad(null), 'f1Micro'), /^summaries must be an array/],
  ['intervalRows', () => intervalRows(bad(undefined), ['f1Micro']), /^runs must be an object/],
  ['intervalRows', () => intervalRows({}, bad('f1Micro')), /^metrics must be an array of at/],
  ['histogram', () => histogram(bad(null), bad(TEXT)), /^series must be an array/],
  ['histogram', () => histogram([{ name: 'a', values: [1] }], bad(TEXT)), /^text\.bins must be/],
  ['scatterByGroup', () => scatterByGroup(bad(undefined), TEXT), /^points must be an object/],
  ['curveChart', () => curveChart(bad('x'), TEXT), /^curves must be an array/],
];

test(`${CASES.length} calls with a missing or wrong argument name it`, () => {
  for (const [what, call, message] of CASES)
    assert.throws(
      call,
      (e: unknown) => e instanceof InputError && message.test(e.message),
      `${what}: no InputError matching ${message}`,
    );
});
