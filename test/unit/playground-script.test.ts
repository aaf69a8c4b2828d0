/**
 * Lesson 01's playground code, which runs only in a page and so lives in a string
 * (src/notebook/playground-page.ts): TypeScript finds nothing in it as a strict JavaScript file
 * against the DOM, ES2017 and the page's declared globals (test/support/playground-page.d.ts:
 * TensorFlow.js's `tf`, the spec the kernel writes, what the page gives its tests), nor ESLint as
 * an ES2017 script that reads no globals but the page's; and both do find faults put into a copy.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PLAYGROUND_SCRIPT } from '../../src/notebook/playground-page';
import { formatFindings, originOf, pageScriptChecks } from '../support/page-script';

const DECLARATIONS = 'test/support/playground-page.d.ts';
/** What the page reads besides ES2017's own globals (all DOM names else are undefined to lint). */
const PAGE_GLOBALS = ['window', 'document', 'setTimeout', 'tf'];
const page = pageScriptChecks(
  PLAYGROUND_SCRIPT,
  originOf('src/notebook/playground-page.ts', PLAYGROUND_SCRIPT),
  DECLARATIONS,
  PAGE_GLOBALS,
);

test('the playground code type-checks: strict, DOM and ES2017, the page globals', () => {
  assert.ok(!/@ts-(nocheck|ignore)/.test(PLAYGROUND_SCRIPT), 'the page code turns checks off');
  const findings = page.typeCheck();
  assert.equal(findings.length, 0, `\n${formatFindings(findings)}`);
});

test('the playground code lints as an ES2017 script reading only the page globals', () => {
  const findings = page.lint();
  assert.equal(findings.length, 0, `\n${formatFindings(findings)}`);
});

test('the type check finds misspelt and miscounted calls and undefined names', () => {
  page.assertFound(
    [
      // Calls on tf as buildModel's parameter and as start's local, on a model, on the page's
      // own function, and a name nothing declares.
      ['tf.layers.dense({ units: 2', 'tf.layers.dens({ units: 2', /TS2551.*'dens'/],
      ['var xs = tf.tensor2d(spec.x);', "var xs = tf.tensor2d(spec.x, [n, 2], 'float');", /TS2345/],
      [
        'var gridTensor = tf.tensor2d(grid);',
        "var gridTensor = tf.tensor2d(grid, [GRID * GRID, 2], 'float32', true);",
        /TS2554.*Expected 1-3 arguments, but got 4/,
      ],
      ['model.setWeights(tensors);', 'model.setWeight(tensors);', /TS2551.*'setWeight'/],
      [
        'if (combination(probs[2 * i], probs[2 * i + 1]) === c)',
        'if (combination(probs[2 * i]) === c)',
        /TS2554.*Expected 2 arguments, but got 1/,
      ],
      ['        drawMap(kind);', '        drawMapp(kind);', /TS2552.*'drawMapp'/],
      // ES2019's library is not the page's.
      ["(kind + '  ').slice(0, 8)", "(kind + '  ').trimStart().slice(0, 8)", /TS2550.*'trimStart'/],
    ],
    'typeCheck',
  );
});

test('the lint finds undefined and unused names, and syntax after ES2017', () => {
  page.assertFound(
    [
      ['        drawMap(kind);', '        drawMapp(kind);', /no-undef.*'drawMapp'/],
      // A DOM global (window.event), which the type check takes for declared.
      [
        "'mousemove', function (event) {\n        var i = nearest(canvas, event);",
        "'mousemove', function () {\n        var i = nearest(canvas, event);",
        /no-undef.*'event'/,
      ],
      ['var THRESHOLD = 0.5;', 'var THRESHOLD = 0.5, SPARE = 1;', /no-unused-vars.*'SPARE'/],
    ],
    'lint',
  );
  page.assertFound(
    [["{ type: 'button', 'data-action': 'train' }", "{ ...{ type: 'button' } }", /parse/]],
    'lint',
  );
});
