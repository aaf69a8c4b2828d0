/**
 * Lesson 02's slider: the probabilities two labels get from two logits under sigmoid (each label
 * on its own) and under softmax (the two competing), against one logit with a slider over the
 * other. Every step is computed in the kernel with `tf.sigmoid` and `tf.softmax`.
 */
import * as tf from '@tensorflow/tfjs';
import { assertList, describe, InputError } from '../core/validate';
import type { Figure } from './charts';
import { sliderFigure } from './slider-figure';

/**
 * The probabilities two labels get from their logits, on a grid: `tf.sigmoid` of each logit on
 * its own, and `tf.softmax` over the pair. Entry `[b][a]` is at `logits1[a]`, `logits2[b]`.
 */
export interface TwoLogitProbabilities {
  logits1: number[];
  logits2: number[];
  sigmoid1: number[][];
  sigmoid2: number[][];
  softmax1: number[][];
  softmax2: number[][];
}

/**
 * Sigmoid and softmax probabilities of two labels at every pair of logits (`logits1` x
 * `logits2`), computed by `tf.sigmoid` and `tf.softmax`, the functions the lesson's charts use.
 * Used in lessons: 02.
 * @throws InputError unless both grids are non-empty lists of finite numbers.
 */
export function twoLogitProbabilities(
  logits1: readonly number[],
  logits2: readonly number[],
): TwoLogitProbabilities {
  assertList('logits1', logits1);
  assertList('logits2', logits2);
  const pairs = logits2.flatMap((b) => logits1.map((a) => [a, b]));
  const [sig, soft] = tf.tidy(() => {
    const z = tf.tensor2d(pairs, [pairs.length, 2]);
    return [tf.sigmoid(z), tf.softmax(z)].map((t) => t.arraySync() as number[][]);
  });
  const grid = (p: number[][], j: number) =>
    logits2.map((_, b) => logits1.map((_, a) => p[b * logits1.length + a][j]));
  return {
    logits1: [...logits1],
    logits2: [...logits2],
    sigmoid1: grid(sig, 0),
    sigmoid2: grid(sig, 1),
    softmax1: grid(soft, 0),
    softmax2: grid(soft, 1),
  };
}

/**
 * The four probabilities of {@link twoLogitProbabilities} against logit 1, with a slider over
 * logit 2: sigmoid's two curves (solid) and softmax's (dashed), the 0.5 threshold dotted, and a
 * readout: sigmoid's P(label 2), which logit 1 does not move, softmax's sum, and all four
 * probabilities where logit 1 equals logit 2. Starts at the logit 2 nearest `start` (default 1).
 * Used in lessons: 02.
 * @throws InputError for a grid that is not {@link twoLogitProbabilities}'s.
 */
export function twoLogitSliderFigure(grid: TwoLogitProbabilities, start = 1): Figure {
  if (typeof grid !== 'object' || grid === null || !Array.isArray(grid.softmax2))
    throw new InputError(`grid must come from twoLogitProbabilities, got ${describe(grid)}`);
  assertList('start', [start]);
  const { logits1: x, logits2 } = grid;
  const round = (values: number[]) => values.map((v) => Math.round(v * 1e4) / 1e4);
  const p = (v: number) => v.toFixed(3);
  const nearest = (values: number[], z: number) =>
    values.reduce((best, v, i) => (Math.abs(v - z) < Math.abs(values[best] - z) ? i : best), 0);
  const colors = ['#1f77b4', '#ff7f0e'];
  const line = (name: string, label: 0 | 1, dash: 'solid' | 'dash', y: number[]) => ({
    type: 'scatter' as const,
    mode: 'lines' as const,
    name,
    x,
    y: round(y),
    line: { color: colors[label], dash, width: 2.5 },
  });
  const figure: Figure = {
    data: [
      line('sigmoid P(label 1)', 0, 'solid', grid.sigmoid1[0]),
      line('sigmoid P(label 2)', 1, 'solid', grid.sigmoid2[0]),
      line('softmax P(label 1)', 0, 'dash', grid.softmax1[0]),
      line('softmax P(label 2)', 1, 'dash', grid.softmax2[0]),
    ],
    layout: {
      title: { text: 'Two labels: sigmoid against softmax (slider: logit 2)' },
      height: 540,
      margin: { t: 110, r: 20, b: 60, l: 60 },
      xaxis: { title: { text: 'logit 1' }, range: [x[0], x[x.length - 1]] },
      yaxis: { title: { text: 'probability' }, range: [0, 1.02] },
      shapes: [
        {
          type: 'line',
          xref: 'paper',
          x0: 0,
          x1: 1,
          y0: 0.5,
          y1: 0.5,
          line: { color: '#888', dash: 'dot', width: 1 },
        },
      ],
    },
  };
  const steps = logits2.map((z2, b) => {
    const at = nearest(x, z2);
    const sumGap = Math.max(
      ...x.map((_, a) => Math.abs(grid.softmax1[b][a] + grid.softmax2[b][a] - 1)),
    );
    return {
      label: String(z2),
      traces: [grid.sigmoid2[b], grid.softmax1[b], grid.softmax2[b]].map((y) => ({
        y: round(y),
      })),
      readout:
        `sigmoid: P(label 2) = ${p(grid.sigmoid2[b][0])} whatever logit 1 · softmax: ` +
        `P(label 1) + P(label 2) = ${sumGap < 1e-6 ? '1' : `1 ± ${sumGap.toExponential(0)}`}` +
        `<br>at logit 1 = ${x[at]}: sigmoid ${p(grid.sigmoid1[b][at])} and ` +
        `${p(grid.sigmoid2[b][at])}, softmax ${p(grid.softmax1[b][at])} and ` +
        `${p(grid.softmax2[b][at])}`,
    };
  });
  return sliderFigure(figure, steps, {
    traces: [1, 2, 3],
    prefix: 'logit 2 = ',
    active: nearest(logits2, start),
  });
}
