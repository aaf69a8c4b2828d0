/**
 * The threshold slider figure: one restyle step per threshold with that threshold's per-label
 * precision, recall and F1, starting at 0.5.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { precisionRecallFscoreSupport } from '../../src/eval/metrics';
import { thresholdSliderFigure } from '../../src/notebook/threshold-slider';
import { isInputError, assertArrayClose } from '../support/close';

test('thresholdSliderFigure: one restyle step per threshold, starting at 0.5', () => {
  const y = [
    [1, 0],
    [0, 1],
    [1, 1],
  ];
  const p = [
    [0.9, 0.4],
    [0.3, 0.6],
    [0.45, 0.7],
  ];
  const figure = thresholdSliderFigure(y, p, ['a', 'b'], [0.4, 0.5], 'title');
  assert.equal(figure.data.length, 3);
  const slider = figure.layout!.sliders![0];
  assert.equal(slider.active, 1);
  assert.equal(slider.steps!.length, 2);
  const step = slider.steps![0] as { method: string; args: [{ y: number[][] }, number[]] };
  assert.equal(step.method, 'restyle');
  assert.deepEqual(step.args[1], [0, 1, 2]);
  const at = (t: number) =>
    precisionRecallFscoreSupport(
      y,
      p.map((r) => r.map((v) => (v >= t ? 1 : 0))),
    );
  const expected = at(0.4);
  assertArrayClose(step.args[0].y, [expected.precision, expected.recall, expected.fScore], 1e-3);
  assertArrayClose((figure.data[0] as { y: number[] }).y, at(0.5).precision, 1e-3);
  assert.throws(
    () => thresholdSliderFigure(y, p, ['a'], [0.5], 't'),
    isInputError(/labelNames must name the 2 labels/),
  );
});
