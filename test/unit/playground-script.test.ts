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
import {
  type Finding,
  formatFindings,
  lintPageScript,
  originOf,
  typeCheckPageScript,
} from '../support/page-script';

const DECLARATIONS = 'test/support/playground-page.d.ts';
/** What the page reads besides ES2017's own globals (all DOM names else are undefined to lint). */
const PAGE_GLOBALS = ['window', 'document', 'setTimeout', 'tf'];
const origin = originOf('src/notebook/playground-page.ts', PLAYGROUND_SCRIPT);

const typeCheck = (script: string) => typeCheckPageScript(script, origin, DECLARATIONS);
const lint = (script: string) => lintPageScript(script, origin, PAGE_GLOBALS);

/** A fault: text of the page code, what replaces it, and what a checker must say about it. */
type Fault = [from: string, to: string, finding: RegExp];

/**
 * A copy of the page code with each fault's text replaced (once, by text of as many lines), and
 * the line each fault's replacement ends on.
 */
function withFaults(faults: readonly Fault[]): { script: string; lines: number[] } {
  let script = PLAYGROUND_SCRIPT;
  const lines = faults.map(([from, to]) => {
    const at = script.indexOf(from);
    assert.ok(at >= 0 && script.indexOf(from, at + 1) < 0, `not once in the page code: ${from}`);
    assert.equal(to.split('\n').length, from.split('\n').length);
    script = script.slice(0, at) + to + script.slice(at + from.length);
    return origin.line + script.slice(0, at + to.length).split('\n').length - 1;
  });
  return { script, lines };
}

/** Each fault has a finding on its line that says what it must, and there are no others. */
function assertFound(faults: readonly Fault[], check: (script: string) => Finding[]): void {
  const { script, lines } = withFaults(faults);
  const findings = check(script);
  const shown = formatFindings(findings);
  faults.forEach(([, to, finding], k) => {
    const hit = findings.some((f) => f.line === lines[k] && finding.test(f.message));
    assert.ok(hit, `no ${finding} at line ${lines[k]} (${to}) in:\n${shown}`);
  });
  const set = (numbers: number[]) => [...new Set(numbers)].sort((a, b) => a - b);
  assert.deepEqual(set(findings.map((f) => f.line)), set(lines), `findings elsewhere:\n${shown}`);
}

test('the playground code type-checks: strict, DOM and ES2017, the page globals', () => {
  assert.ok(!/@ts-(nocheck|ignore)/.test(PLAYGROUND_SCRIPT), 'the page code turns checks off');
  const findings = typeCheck(PLAYGROUND_SCRIPT);
  assert.equal(findings.length, 0, `\n${formatFindings(findings)}`);
});

test('the playground code lints as an ES2017 script reading only the page globals', () => {
  const findings = lint(PLAYGROUND_SCRIPT);
  assert.equal(findings.length, 0, `\n${formatFindings(findings)}`);
});

test('the type check finds misspelt and miscounted calls and undefined names', () => {
  assertFound(
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
    typeCheck,
  );
});

test('the lint finds undefined and unused names, and syntax after ES2017', () => {
  assertFound(
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
    lint,
  );
  assertFound(
    [["{ type: 'button', 'data-action': 'train' }", "{ ...{ type: 'button' } }", /parse/]],
    lint,
  );
});
