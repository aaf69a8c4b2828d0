/**
 * The curve charts: a chosen point marked on each curve in the curve's colour, and gradients on
 * a second y axis; both reject series that do not match their x values.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../src/core/validate';
import { lossAndGradientFigure, thresholdF1Figure } from '../../src/notebook/curve-charts';

test('the threshold chart marks each chosen threshold on its curve, in the curve colour', () => {
  const figure = thresholdF1Figure(
    ['a', 'b'],
    [0.25, 0.5, 0.75],
    [
      [0.2, 0.6, 0.4],
      [0.1, 0.3, 0.5],
    ],
    [
      { threshold: 0.5, f1: 0.6 },
      { threshold: 0.75, f1: 0.5 },
    ],
    { title: 't' },
  );
  assert.equal(figure.data.length, 4);
  const [curveB, markerB] = [figure.data[2], figure.data[3]] as {
    x: number[];
    y: number[];
    mode: string;
    line?: { color: string };
    marker?: { color: string };
  }[];
  assert.equal(markerB.mode, 'markers');
  assert.deepEqual([markerB.x, markerB.y], [[0.75], [0.5]]);
  assert.equal(markerB.marker?.color, curveB.line?.color);
  assert.throws(
    () =>
      thresholdF1Figure(['a'], [0.5], [[0.1, 0.2]], [{ threshold: 0.5, f1: 0.1 }], { title: 't' }),
    /f1\[0\] has 2 values for 1 thresholds/,
  );
  assert.throws(
    () => thresholdF1Figure(['a', 'b'], [0.5], [[0.1]], [], { title: 't' }),
    InputError,
  );
});

test('the loss-and-gradient chart puts gradients on the second axis', () => {
  const figure = lossAndGradientFigure(
    [-1, 0, 1],
    [
      { name: 'loss', values: [1.3, 0.7, 0.3], axis: 'loss' },
      { name: 'gradient', values: [-0.7, -0.5, -0.3], axis: 'gradient' },
    ],
    { title: 't', xTitle: 'z' },
  );
  assert.deepEqual(
    figure.data.map((d) => (d as { yaxis: string }).yaxis),
    ['y', 'y2'],
  );
  assert.equal((figure.layout?.yaxis2 as { overlaying: string }).overlaying, 'y');
  assert.throws(
    () =>
      lossAndGradientFigure([0, 1], [{ name: 'g', values: [0], axis: 'gradient' }], {
        title: 't',
        xTitle: 'z',
      }),
    /series "g" has 1 values for 2 logits/,
  );
  assert.throws(
    () =>
      lossAndGradientFigure([0], [{ name: 'g', values: [NaN], axis: 'loss' }], {
        title: 't',
        xTitle: 'z',
      }),
    /must be a finite number/,
  );
});
