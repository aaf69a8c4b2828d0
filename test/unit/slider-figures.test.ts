/**
 * The slider figures: the generic builder (one `update` step per position, the active step's
 * values and readout shown before any move) and the two lessons' sliders, whose every step holds
 * the numbers of the formulas they show: sigmoid and softmax of two logits (lesson 02), and
 * `headTrainingCost` of both heads with the budget check (lesson 05).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, formatCount } from '../../src/core/format';
import { headTrainingCost, powersetOutputCost } from '../../src/core/sizing';
import { headCostSliderFigure } from '../../src/notebook/cost-slider';
import { twoLogitProbabilities, twoLogitSliderFigure } from '../../src/notebook/logit-slider';
import { sliderFigure, sliderReadouts } from '../../src/notebook/slider-figure';
import { assertArrayClose, assertClose, isInputError } from '../support/close';

interface Step {
  label: string;
  method: string;
  args: [{ x?: number[][]; y: number[][] }, Record<string, string>, number[]];
}
const stepsOf = (figure: { layout?: { sliders?: { steps?: unknown[] }[] } }) =>
  figure.layout!.sliders![0].steps as Step[];
const yOf = (figure: { data: unknown[] }, t: number) => (figure.data[t] as { y: number[] }).y;

test('sliderFigure: one update step per position; the figure starts at the active one', () => {
  const base = {
    data: [
      { type: 'scatter' as const, x: [0, 1], y: [0, 0] },
      { type: 'scatter' as const, x: [0, 1], y: [5, 5] },
    ],
    layout: { annotations: [{ text: 'kept' }] },
  };
  const steps = [0, 1, 2].map((k) => ({
    label: `k${k}`,
    traces: [{ y: [k, 2 * k] }],
    readout: `readout ${k}`,
  }));
  const figure = sliderFigure(base, steps, { traces: [0], prefix: 'k = ', active: 2 });
  const slider = figure.layout!.sliders![0];
  assert.equal(slider.active, 2);
  assert.deepEqual(yOf(figure, 0), [2, 4]);
  assert.deepEqual(yOf(figure, 1), [5, 5], 'a trace the slider does not move is kept');
  assert.equal(figure.layout!.annotations![0].text, 'kept');
  assert.equal(figure.layout!.annotations![1].text, 'readout 2');
  const step = stepsOf(figure)[1];
  assert.equal(step.method, 'update');
  assert.deepEqual(step.args, [{ y: [[1, 2]] }, { 'annotations[1].text': 'readout 1' }, [0]]);
  assert.deepEqual(sliderReadouts(figure), ['readout 0', 'readout 1', 'readout 2']);
  assert.throws(
    () => sliderFigure(base, steps, { traces: [2], prefix: '' }),
    isInputError(/options\.traces\[0\] must be a trace index in \[0, 1\], got 2/),
  );
  assert.throws(
    () =>
      sliderFigure(base, [{ label: 'a', traces: [{ y: [NaN] }], readout: '' }], {
        traces: [0],
        prefix: '',
      }),
    isInputError(/steps\[0\]\.traces\[0\]\.y\[0\] must be a finite number/),
  );
  assert.throws(() => sliderReadouts(base), isInputError(/must have a slider/));
});

test('lesson 02: the slider holds sigmoid and softmax of every pair of logits', () => {
  const z = [-6, -2, 0, 2, 6];
  const grid = twoLogitProbabilities(z, z);
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
  z.forEach((b, j) =>
    z.forEach((a, i) => {
      assertClose(grid.sigmoid1[j][i], sigmoid(a), 1e-6);
      assertClose(grid.sigmoid2[j][i], sigmoid(b), 1e-6);
      assertClose(grid.softmax1[j][i], Math.exp(a) / (Math.exp(a) + Math.exp(b)), 1e-6);
      assertClose(grid.softmax1[j][i] + grid.softmax2[j][i], 1, 1e-6);
    }),
  );
  const figure = twoLogitSliderFigure(grid, 2);
  assert.equal(figure.layout!.sliders![0].active, 3, 'starts at logit 2 = 2');
  const steps = stepsOf(figure);
  assert.deepEqual(
    steps.map((s) => s.label),
    ['-6', '-2', '0', '2', '6'],
  );
  const at2 = steps[3].args[0].y;
  assertArrayClose(at2, [grid.sigmoid2[3], grid.softmax1[3], grid.softmax2[3]], 1e-4);
  assertArrayClose(yOf(figure, 0), grid.sigmoid1[0], 1e-4);
  assert.ok(at2[0][3] > 0.85 && Math.abs(at2[1][3] - 0.5) < 1e-4, 'at (2, 2)');
  assert.match(
    sliderReadouts(figure)[3],
    /P\(label 2\) = 0\.881 .* = 1<br>at logit 1 = 2: sigmoid 0\.881 and 0\.881, softmax 0\.500 and 0\.500$/,
  );
  assert.throws(() => twoLogitProbabilities([1, NaN], z), isInputError(/logits1\[1\]/));
});

test('lesson 05: the slider holds headTrainingCost of both heads and the budget check', () => {
  const costOf = (head: 'sigmoid' | 'powerset', n: number) => headTrainingCost(head, n, 32, 64);
  const ns = Array.from({ length: 30 }, (_, i) => i + 1);
  const budget = 64 * 1024 ** 2;
  const figure = headCostSliderFigure(costOf, ns, budget, 4);
  assert.equal(figure.layout!.sliders![0].active, 3);
  const readouts = sliderReadouts(figure);
  for (const n of ns) {
    const [p, s] = [costOf('powerset', n), costOf('sigmoid', n)];
    const { y, x } = stepsOf(figure)[n - 1].args[0];
    assert.deepEqual(y, [
      [2 ** n, n, 33 * 2 ** n, 33 * n],
      [p.totalBytes, s.totalBytes, p.weightBytes],
    ]);
    assert.deepEqual(x, [
      [n, n, n, n],
      [n, n, n],
    ]);
    for (const cell of [p.params, s.params, p.trainingFlops].map(formatCount))
      assert.ok(readouts[n - 1].includes(cell), `n = ${n}: ${cell}`);
    for (const cell of [p.totalBytes, s.totalBytes].map(formatBytes))
      assert.ok(readouts[n - 1].includes(cell), `n = ${n}: ${cell}`);
    const fits = powersetOutputCost(n, 32).bytes <= budget;
    assert.match(readouts[n - 1], fits ? /are within the 64\.00 MiB/ : /are over the 64\.00 MiB/);
  }
  assert.ok(readouts[17].includes('within') && readouts[18].includes('over'), '18 fits, 19 not');
  assert.throws(
    () => headCostSliderFigure(costOf, [2, 1], budget),
    isInputError(/numLabels\[1\] must be an integer >= 3/),
  );
  assert.throws(() => headCostSliderFigure(costOf, ns, budget, 31), isInputError(/start must/));
});
