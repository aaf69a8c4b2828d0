import assert from 'node:assert/strict';
import { test } from 'node:test';
import { figureBundle, heatmap, PLOTLY_MIME, type Figure } from '../../src/notebook/charts';
import { InputError } from '../../src/core/validate';

test('heatmap: one heatmap trace, rows named on y (first row on top), columns on x', () => {
  const figure = heatmap(
    [
      [3, 1, 0],
      [1, 2, 5],
    ],
    { x: ['a', 'b', 'c'], y: ['r1', 'r2'] },
    { title: 'pairs', colorTitle: 'rows', showValues: true },
  );
  assert.equal(figure.data.length, 1);
  const trace = figure.data[0] as { type: string; z: number[][]; x: string[]; y: string[] };
  assert.equal(trace.type, 'heatmap');
  assert.deepEqual(trace.z, [
    [3, 1, 0],
    [1, 2, 5],
  ]);
  assert.deepEqual(trace.x, ['a', 'b', 'c']);
  assert.deepEqual(trace.y, ['r1', 'r2']);
  assert.equal((figure.data[0] as { texttemplate?: string }).texttemplate, '%{z}');
  assert.equal(figure.layout?.yaxis?.autorange, 'reversed');
  // The bundle keeps the nested z as JSON and draws it in the HTML fallback too.
  const bundle = figureBundle(figure, { includeLibrary: false });
  assert.deepEqual((bundle[PLOTLY_MIME] as Figure).data[0], figure.data[0]);
  assert.match(bundle['text/html'] as string, /"type":"heatmap"/);
});

test('heatmap: values are written in the cells only when asked', () => {
  const figure = heatmap([[1]], { x: ['a'], y: ['b'] }, { title: 't' });
  assert.equal((figure.data[0] as { texttemplate?: string }).texttemplate, undefined);
});

test('heatmap: a ragged or non-finite matrix, or names that do not fit, are refused', () => {
  const names = { x: ['a', 'b'], y: ['r'] };
  assert.throws(
    () => heatmap([[1, NaN]], names, { title: 't' }),
    (e: unknown) =>
      e instanceof InputError && /z\[0\]\[1\] must be a finite number/.test(e.message),
  );
  assert.throws(
    () => heatmap([[1, 2], [3]], { x: ['a', 'b'], y: ['r', 's'] }, { title: 't' }),
    (e: unknown) => e instanceof InputError && /ragged/.test(e.message),
  );
  assert.throws(
    () => heatmap([[1, 2]], { x: ['a'], y: ['r'] }, { title: 't' }),
    (e: unknown) => e instanceof InputError && /names\.x must name the 2 columns/.test(e.message),
  );
  assert.throws(
    () => heatmap([[1, 2]], { x: ['a', 'b'], y: [] }, { title: 't' }),
    (e: unknown) => e instanceof InputError && /names\.y must name the 1 rows/.test(e.message),
  );
});
