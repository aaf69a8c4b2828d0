/**
 * Lesson 01's playground, on the kernel's side: the sample and the check it embeds, and the
 * HTML: TensorFlow.js's installed browser bundle inlined byte for byte, the spec inside a script
 * that no string can close, the static picture, and page code that parses. The page itself is
 * driven in a browser by test/browser/playground.browser.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { lesson01Playground, PLAYGROUND } from '../../src/lessons/01-sigmoid-vs-softmax';
import { playgroundHtml } from '../../src/notebook/playground';
import { PLAYGROUND_SCRIPT } from '../../src/notebook/playground-page';
import { isInputError } from '../support/close';

/** 1,000 rows of 5 features, feature j of row i = i + j / 10, and labels from the row's parity. */
function smallData() {
  const rows = 1000;
  const x = tf.tensor2d(
    Array.from({ length: rows }, (_, i) => [0, 1, 2, 3, 4].map((j) => i + j / 10)),
  );
  const y = tf.tensor2d(Array.from({ length: rows }, (_, i) => [i % 2, 1]));
  return { x, y };
}

test('lesson01Playground: a seeded sample on (x2, x3) and the predictions it embeds', () => {
  const data = smallData();
  const spec = lesson01Playground(data, 7);
  assert.equal(spec.x.length, PLAYGROUND.rows);
  assert.deepEqual(spec.axes, ['x2', 'x3']);
  spec.x.forEach((p, k) => {
    const row = Math.round(p[0] - 0.1);
    assert.ok(Math.abs(p[0] - (row + 0.1)) < 1e-6 && Math.abs(p[1] - (row + 0.2)) < 1e-6);
    assert.deepEqual(spec.y[k], [row % 2, 1]);
  });
  assert.equal(new Set(spec.x.map((p) => p[0])).size, PLAYGROUND.rows, 'rows drawn twice');
  assert.deepEqual(lesson01Playground(data, 7).x, spec.x, 'the same seed, the same sample');
  assert.notDeepEqual(lesson01Playground(data, 8).x, spec.x);
  const units = PLAYGROUND.hiddenUnits;
  for (const kind of ['sigmoid', 'softmax'] as const) {
    const shapes = spec.check.weights[kind].map((w) => w.shape);
    assert.deepEqual(shapes, [[2, units], [units], [units, 2], [2]]);
    assert.equal(spec.check.expected[kind].length, PLAYGROUND.checkPoints.length);
  }
  spec.check.expected.softmax.forEach((p) => assert.ok(Math.abs(p[0] + p[1] - 1) < 1e-6));
  assert.throws(
    () => lesson01Playground({ x: data.y, y: data.y }, 7),
    isInputError(/5 features and 2 labels/),
  );
  tf.dispose([data.x, data.y]);
});

test('playgroundHtml: the installed tf.min.js inlined, the spec safe inside its script', () => {
  const data = smallData();
  const spec = lesson01Playground(data, 0);
  tf.dispose([data.x, data.y]);
  const html = playgroundHtml({ ...spec, caption: 'a </script> in a caption & more' });
  const b64 = /var b64 = "([A-Za-z0-9+/=]+)"/.exec(html)?.[1] ?? '';
  const bundle = readFileSync(require.resolve('@tensorflow/tfjs/dist/tf.min.js'));
  assert.ok(gunzipSync(Buffer.from(b64, 'base64')).equals(bundle), 'not the installed bundle');
  assert.ok(!/https?:\/\//.test(html.replace(b64, '').replace(PLAYGROUND_SCRIPT, '')));
  // One script element per opening tag: a string in the data closes none of them early.
  assert.equal(html.split('<script>').length, html.split('</script>').length);
  assert.ok(html.includes('a &lt;/script&gt; in a caption &amp; more'));
  assert.equal(html.split('<td ').length - 1, 32 * 32);
  assert.ok(html.includes('Run this cell (or File &gt; Trust Notebook) to train live.'));
  assert.doesNotThrow(() => new Function(PLAYGROUND_SCRIPT), 'the page code does not parse');
  assert.throws(
    () => playgroundHtml({ ...spec, x: spec.x.map((p) => [...p, 0]) }),
    isInputError(/\[n\]\[2\]/),
  );
  assert.throws(
    () => playgroundHtml({ ...spec, defaults: { ...spec.defaults, hiddenUnits: 0 } }),
    isInputError(/hiddenUnits/),
  );
});
