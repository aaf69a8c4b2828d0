/**
 * Charts of curves: one curve per label with a chosen point marked on each (F1 against the
 * threshold, with the threshold each label keeps), and losses with their gradients on two y axes.
 */
import {
  assertArray,
  assertFiniteNumber,
  assertList,
  assertObject,
  describe,
  InputError,
} from '../core/validate';
import type { Figure } from './charts';

/** Plotly's default colours, so that a label's curve and its marker share one. */
const COLOURS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/**
 * A chart of each label's F1 against the threshold, with the chosen threshold of each label
 * marked on its curve (a diamond at that threshold and its F1).
 * Used in lessons: 02.
 * @param labels the label names, one per curve.
 * @param thresholds the x values of every curve.
 * @param f1 `f1[j]`: label j's F1 at each threshold, e.g. from `f1AgainstThreshold`
 *   (eval/f1-curves).
 * @param chosen each label's chosen threshold and its F1 there.
 * @param text the title.
 * @throws InputError when the labels, curves and chosen points do not match in number, or a
 *   curve does not have one value per threshold.
 */
export function thresholdF1Figure(
  labels: readonly string[],
  thresholds: readonly number[],
  f1: readonly (readonly number[])[],
  chosen: readonly { threshold: number; f1: number }[],
  text: { title: string },
): Figure {
  assertArray('labels', labels, 'label names', 1);
  labels.forEach((name: unknown, j) => {
    if (typeof name !== 'string')
      throw new InputError(`labels[${j}] must be a label name, got ${describe(name)}`);
  });
  assertList('thresholds', thresholds);
  assertArray('f1', f1, 'curves (one list of F1 per label)', 1);
  f1.forEach((curve, j) => assertList(`f1[${j}]`, curve));
  assertArray('chosen', chosen, '{ threshold, f1 } (one per label)', 1);
  chosen.forEach((point, j) => {
    assertObject(`chosen[${j}]`, point, '{ threshold, f1 }');
    assertFiniteNumber(`chosen[${j}].threshold`, point.threshold);
    assertFiniteNumber(`chosen[${j}].f1`, point.f1);
  });
  assertObject('text', text, "{ title: '...' }");
  if (typeof text.title !== 'string')
    throw new InputError(`text.title must be a string, got ${describe(text.title)}`);
  if (f1.length !== labels.length || chosen.length !== labels.length)
    throw new InputError(
      `labels, f1 and chosen must have one entry per label, ` +
        `got ${labels.length}, ${f1.length} and ${chosen.length}`,
    );
  f1.forEach((curve, j) => {
    if (curve.length !== thresholds.length)
      throw new InputError(
        `f1[${j}] has ${curve.length} values for ${thresholds.length} thresholds`,
      );
  });
  const data = labels.flatMap((name, j) => {
    const color = COLOURS[j % COLOURS.length];
    return [
      {
        type: 'scatter' as const,
        mode: 'lines' as const,
        name,
        legendgroup: name,
        x: [...thresholds],
        y: [...f1[j]],
        line: { color },
      },
      {
        type: 'scatter' as const,
        mode: 'markers' as const,
        name: `${name} chosen`,
        legendgroup: name,
        showlegend: false,
        x: [chosen[j].threshold],
        y: [chosen[j].f1],
        marker: { color, size: 11, symbol: 'diamond' as const },
        hovertemplate: `${name}: threshold %{x:.3f}, F1 %{y:.3f}<extra></extra>`,
      },
    ];
  });
  return {
    data,
    layout: {
      title: { text: text.title },
      xaxis: { title: { text: 'threshold' }, range: [0, 1] },
      yaxis: { title: { text: 'F1' }, range: [0, 1] },
      height: 420,
      margin: { t: 60, r: 20, b: 60, l: 60 },
    },
  };
}

/**
 * A chart of two losses and their gradients against the logit: the losses on the left axis, the
 * gradients on the right one (they live on different scales: a loss grows without bound, a
 * gradient of binary cross-entropy stays in [-1, 1]).
 * Used in lessons: 02.
 * @param logits the x values.
 * @param series the curves, each with its axis: `'loss'` or `'gradient'`.
 * @throws InputError when a series does not have one finite value per logit.
 */
export function lossAndGradientFigure(
  logits: readonly number[],
  series: readonly {
    name: string;
    values: readonly number[];
    axis: 'loss' | 'gradient';
    dash?: 'solid' | 'dash' | 'dot';
  }[],
  text: { title: string; xTitle: string },
): Figure {
  assertList('logits', logits, 'finite');
  assertArray('series', series, '{ name, values, axis } curves', 1);
  assertObject('text', text, '{ title, xTitle }');
  series.forEach((s) => {
    assertList(`series "${s.name}" values`, s.values, 'finite');
    if (s.values.length !== logits.length)
      throw new InputError(
        `series "${s.name}" has ${s.values.length} values for ${logits.length} logits`,
      );
  });
  return {
    data: series.map((s) => ({
      type: 'scatter' as const,
      mode: 'lines' as const,
      name: s.name,
      x: [...logits],
      y: [...s.values],
      yaxis: s.axis === 'loss' ? 'y' : 'y2',
      line: { dash: s.dash ?? 'solid', width: 2 },
    })),
    layout: {
      title: { text: text.title },
      xaxis: { title: { text: text.xTitle } },
      yaxis: { title: { text: 'loss' } },
      yaxis2: { title: { text: 'gradient' }, overlaying: 'y', side: 'right', range: [-1.1, 1.1] },
      legend: { x: 0.02, y: 0.98 },
      height: 380,
      margin: { t: 60, r: 60, b: 60, l: 60 },
    },
  };
}
