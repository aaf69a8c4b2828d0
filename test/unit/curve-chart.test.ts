import assert from 'node:assert/strict';
import { test } from 'node:test';
import { curveChart } from '../../src/notebook/charts';
import { InputError } from '../../src/core/validate';

test('curveChart: one line trace per curve with its own x values', () => {
  const figure = curveChart(
    [
      { name: 'a', x: [0, 0.5, 1], y: [1, 0.8, 0.3] },
      { name: 'b', x: [0, 1], y: [1, 0.1] },
    ],
    { title: 'PR', xTitle: 'recall', yTitle: 'precision' },
  );
  assert.equal(figure.data.length, 2);
  assert.deepEqual((figure.data[1] as { x: number[] }).x, [0, 1]);
  assert.equal((figure.data[0] as { name: string }).name, 'a');
  assert.throws(() => curveChart([], { title: 't' }), InputError);
  assert.throws(() => curveChart([{ name: 'c', x: [0], y: [1, 2] }], { title: 't' }), /curve "c"/);
});
