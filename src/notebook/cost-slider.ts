/**
 * Lesson 05's slider: what an output head costs (outputs, parameters, memory of a training step,
 * FLOPs) against the number of labels, n sigmoids next to a 2^n-way softmax, with a readout at
 * the slider's n. Every number comes from the cost function the caller passes, the lesson's own.
 */
import { formatBytes, formatCount } from '../core/format';
import type { OutputHead as Head, HeadTrainingCost } from '../core/sizing';
import { assertInteger, describe, InputError } from '../core/validate';
import type { Figure } from './charts';
import { sliderFigure } from './slider-figure';

/**
 * What the two heads cost against the number of labels, with a slider over n: on the left the
 * outputs and parameters of each head, on the right the memory of a training step and the
 * powerset's weights against `memoryBudgetBytes` (log scales), markers at the slider's n, and a
 * readout of the numbers there, formatted as the lesson's table formats them. Every number comes
 * from `costOf`, the lesson's own cost function (`headTrainingCost` on its network).
 * Used in lessons: 05.
 * @param numLabels the slider's positions: label counts in increasing order (at most 30)
 * @param start the n the slider starts at, one of `numLabels` (default the first)
 * @throws InputError for bad label counts or budget, or whatever `costOf` throws.
 */
export function headCostSliderFigure(
  costOf: (head: Head, n: number) => HeadTrainingCost,
  numLabels: readonly number[],
  memoryBudgetBytes: number,
  start?: number,
): Figure {
  if (typeof costOf !== 'function')
    throw new InputError(`costOf must be a function (head, n) => cost, got ${describe(costOf)}`);
  if (!Array.isArray(numLabels) || numLabels.length === 0)
    throw new InputError(`numLabels must be a non-empty array, got ${describe(numLabels)}`);
  numLabels.forEach((n, i) =>
    assertInteger(`numLabels[${i}]`, n, i === 0 ? 1 : numLabels[i - 1] + 1),
  );
  if (
    typeof memoryBudgetBytes !== 'number' ||
    !Number.isFinite(memoryBudgetBytes) ||
    !(memoryBudgetBytes > 0)
  )
    throw new InputError(
      `memoryBudgetBytes must be a finite number > 0, got ${describe(memoryBudgetBytes)}`,
    );
  const ns = [...numLabels];
  const costs = ns.map((n) => ({ powerset: costOf('powerset', n), sigmoid: costOf('sigmoid', n) }));
  const colors = { powerset: '#d62728', sigmoid: '#1f77b4' };
  const line = (
    name: string,
    head: Head,
    values: number[],
    panel: 1 | 2,
    dash: 'solid' | 'dot' | 'dash' = 'solid',
  ) => ({
    type: 'scatter' as const,
    mode: 'lines' as const,
    name,
    x: ns,
    y: values,
    xaxis: panel === 1 ? 'x' : 'x2',
    yaxis: panel === 1 ? 'y' : 'y2',
    line: { color: colors[head], dash },
  });
  const left = (c: (typeof costs)[number]) => [
    c.powerset.outputs,
    c.sigmoid.outputs,
    c.powerset.params,
    c.sigmoid.params,
  ];
  const right = (c: (typeof costs)[number]) => [
    c.powerset.totalBytes,
    c.sigmoid.totalBytes,
    c.powerset.weightBytes,
  ];
  const markers = (panel: 1 | 2) => ({
    type: 'scatter' as const,
    mode: 'markers' as const,
    name: `at the slider's n`,
    showlegend: panel === 1,
    x: [] as number[],
    y: [] as number[],
    xaxis: panel === 1 ? 'x' : 'x2',
    yaxis: panel === 1 ? 'y' : 'y2',
    marker: { color: '#222', size: 9, symbol: 'circle-open', line: { width: 2 } },
  });
  const axis = (text: string, domain: [number, number]) => ({
    title: { text },
    domain,
    range: [ns[0] - 0.5, ns[ns.length - 1] + 0.5],
  });
  // Each trace: its name, head, cost field, panel (1: counts, 2: bytes) and dash, in this order
  // (the slider's steps address the traces by index).
  const SERIES = [
    ['powerset outputs (2^n)', 'powerset', 'outputs', 1, 'dot'],
    ['sigmoid outputs (n)', 'sigmoid', 'outputs', 1, 'dot'],
    ['powerset parameters', 'powerset', 'params', 1, 'solid'],
    ['sigmoid parameters', 'sigmoid', 'params', 1, 'solid'],
    ['powerset training memory', 'powerset', 'totalBytes', 2, 'solid'],
    ['sigmoid training memory', 'sigmoid', 'totalBytes', 2, 'solid'],
    ['powerset weights', 'powerset', 'weightBytes', 2, 'dash'],
  ] as const;
  const figure: Figure = {
    data: [
      ...SERIES.map(([name, head, field, panel, dash]) =>
        line(
          name,
          head,
          costs.map((c) => c[head][field]),
          panel,
          dash,
        ),
      ),
      {
        type: 'scatter' as const,
        mode: 'lines' as const,
        name: `memory budget (${formatBytes(memoryBudgetBytes)})`,
        x: [ns[0], ns[ns.length - 1]],
        y: [memoryBudgetBytes, memoryBudgetBytes],
        xaxis: 'x2',
        yaxis: 'y2',
        line: { color: '#888', dash: 'dot' },
      },
      markers(1),
      markers(2),
    ],
    layout: {
      title: { text: 'What each head costs, against the number of labels (slider: n)' },
      height: 560,
      margin: { t: 110, r: 20, b: 60, l: 70 },
      legend: { x: 1.02, y: 1, font: { size: 11 } },
      xaxis: axis('number of labels n', [0, 0.46]),
      xaxis2: axis('number of labels n', [0.56, 1]),
      yaxis: { type: 'log', title: { text: 'outputs, parameters (log scale)' } },
      yaxis2: { type: 'log', title: { text: 'bytes (log scale)' }, anchor: 'x2' },
    },
  };
  const steps = ns.map((n, i) => {
    const { powerset: p, sigmoid: s } = costs[i];
    const fits = p.weightBytes <= memoryBudgetBytes ? 'within' : 'over';
    return {
      label: String(n),
      traces: [left(costs[i]), right(costs[i])].map((y) => ({ x: y.map(() => n), y })),
      readout:
        `n = ${n} · powerset: ${formatCount(p.outputs)} outputs, ` +
        `${formatCount(p.params)} parameters, ${formatBytes(p.totalBytes)} to train, ` +
        `${formatCount(p.trainingFlops)} FLOPs per example<br>` +
        `n sigmoids: ${formatCount(s.outputs)} outputs, ${formatCount(s.params)} parameters, ` +
        `${formatBytes(s.totalBytes)} to train · the powerset's weights ` +
        `(${formatBytes(p.weightBytes)}) are ${fits} the ${formatBytes(memoryBudgetBytes)} budget`,
    };
  });
  const active = start === undefined ? 0 : ns.indexOf(start);
  if (active < 0) throw new InputError(`start must be one of numLabels, got ${describe(start)}`);
  return sliderFigure(figure, steps, { traces: [8, 9], prefix: 'n = ', active });
}
