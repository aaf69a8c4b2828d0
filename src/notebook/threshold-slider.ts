/**
 * A chart the reader drives: per-label precision, recall and F1 at one threshold, with a slider
 * over the threshold. Every step is precomputed, so the figure needs nothing beyond plotly.js and
 * works in JupyterLab and in exported HTML alike.
 */
import {
  assertArray,
  assertBinaryMatrix,
  assertList,
  assertProbability,
  assertProbabilityMatrix,
  assertSameShape,
  describe,
  InputError,
  type Matrix,
} from '../core/validate';
import { precisionRecallFscoreSupport } from '../eval/metrics';
import { toDecisions } from '../eval/thresholds';
import type { Figure } from './charts';

/**
 * A bar chart of per-label precision, recall and F1 at one threshold for all labels, with a
 * slider over `thresholds`: each slider step restyles the three traces with that threshold's
 * values. It starts at 0.5 when 0.5 is one of the thresholds, else at the first.
 * Used in lessons: 06.
 * @throws InputError for bad matrices, names that do not match the labels, or thresholds outside
 *   [0, 1] (or none).
 */
export function thresholdSliderFigure(
  yTrue: Matrix,
  probs: Matrix,
  labelNames: readonly string[],
  thresholds: readonly number[],
  title: string,
): Figure {
  const shape = assertBinaryMatrix('yTrue', yTrue);
  assertSameShape('yTrue', shape, 'probs', assertProbabilityMatrix('probs', probs));
  const numLabels = shape[1];
  assertArray('labelNames', labelNames, 'label names');
  assertList('thresholds', thresholds, 'probability');
  if (typeof title !== 'string')
    throw new InputError(`title must be a string, got ${describe(title)}`);
  if (labelNames.length !== numLabels)
    throw new InputError(`labelNames must name the ${numLabels} labels, got ${labelNames.length}`);
  if (thresholds.length === 0) throw new InputError('thresholds must not be empty');
  thresholds.forEach((t, i) => assertProbability(`thresholds[${i}]`, t));
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const steps = thresholds.map((t) => {
    const prf = precisionRecallFscoreSupport(yTrue, toDecisions(probs, t));
    return { t, values: [prf.precision, prf.recall, prf.fScore].map((a) => a.map(round)) };
  });
  const start = Math.max(
    0,
    thresholds.findIndex((t) => Math.abs(t - 0.5) < 1e-9),
  );
  return {
    data: ['precision', 'recall', 'F1'].map((name, s) => ({
      type: 'bar' as const,
      name,
      x: [...labelNames],
      y: steps[start].values[s],
    })),
    layout: {
      title: { text: title },
      barmode: 'group',
      height: 480,
      margin: { t: 60, r: 20, b: 60, l: 60 },
      xaxis: { title: { text: 'label' } },
      yaxis: { title: { text: 'score on the rows shown' }, range: [0, 1.05] },
      sliders: [
        {
          active: start,
          currentvalue: { prefix: 'threshold: ' },
          pad: { t: 50 },
          steps: steps.map((step) => ({
            label: step.t.toFixed(2),
            method: 'restyle' as const,
            args: [{ y: step.values }, [0, 1, 2]],
          })),
        },
      ],
    },
  };
}
