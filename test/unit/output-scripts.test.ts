/**
 * The scripts the kernel writes into outputs around lesson 01's page code, each checked as the
 * kernel writes it for a small input: the playground's start-up script (playgroundHtml in
 * src/notebook/playground.ts: it finds its playground, then starts it or queues it for
 * TensorFlow.js) and the bundle loader (inlineLibraryHtml in src/notebook/inline-library.ts, for
 * TensorFlow.js and plotly.js). TypeScript finds nothing in either as a strict JavaScript file
 * against the DOM, ES2017 and the globals its declaration file states, nor ESLint as an ES2017
 * script reading no globals but its own; findings are at their line of the template; and both
 * checks find faults put into a copy.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { figureHtml } from '../../src/notebook/charts';
import { inlineLibraryHtml } from '../../src/notebook/inline-library';
import { playgroundHtml } from '../../src/notebook/playground';
import { PLAYGROUND_SCRIPT } from '../../src/notebook/playground-page';
import {
  type Finding,
  formatFindings,
  originOfTemplate,
  pageScriptChecks,
  type ScriptOrigin,
} from '../support/page-script';
import { smallPlaygroundSpec } from '../support/playground-spec';

/** The contents of an output's script elements, in order. */
const scriptsOf = (html: string) =>
  [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

const playgroundScripts = scriptsOf(playgroundHtml(smallPlaygroundSpec()));
const START = playgroundScripts[2];
const START_FILE = 'src/notebook/playground.ts';
const START_DECLARATIONS = 'test/support/playground-start-page.d.ts';
/** What the start-up script reads besides ES2017's own globals. */
const START_GLOBALS = ['window', 'document'];

/**
 * The bundle each output waits for and the queue it waits in, as the output's script says:
 * `if (window.<global>) <run>(); else (window.<queue> = window.<queue> || []).push(<run>);`.
 */
function waitsFor(script: string): { global: string; queue: string } {
  const match =
    /if \(window\.(\w+)\) (\w+)\(\); else \(window\.(\w+) = window\.\3 \|\| \[\]\)\.push\(\2\);/.exec(
      script,
    );
  assert.ok(match, `the script waits for no bundle:\n${script}`);
  return { global: match[1], queue: match[3] };
}

const LOADER_FILE = 'src/notebook/inline-library.ts';
const LOADER_DECLARATIONS = 'test/support/inline-library-page.d.ts';
/** What the loader reads besides ES2017's own globals. */
const LOADER_GLOBALS = ['window', 'document', 'atob', 'Blob', 'DecompressionStream', 'Response'];
/** The project root (this file is test/unit/output-scripts.test.ts). */
const ROOT = join(__dirname, '..', '..');
/** A small file as the bundle: the payload is one line of base64, whatever the bundle. */
const SMALL_BUNDLE = join(ROOT, 'package.json');
/** The loaders for the bundles that the playground and a chart wait for. */
const loaders = [START, scriptsOf(figureHtml({ data: [{ type: 'bar', y: [1] }] }, 'c'))[0]].map(
  (script) => {
    const { global, queue } = waitsFor(script);
    return { global, script: scriptsOf(inlineLibraryHtml(global, queue, SMALL_BUNDLE))[0] };
  },
);

/** Line `line` (1-based) of a repository file. */
const sourceLine = (file: string, line: number) =>
  readFileSync(join(ROOT, file), 'utf8').split('\n')[line - 1];

const assertClean = (findings: Finding[]) =>
  assert.equal(findings.length, 0, `\n${formatFindings(findings)}`);

const start = pageScriptChecks(
  START,
  originOfTemplate(START_FILE, START),
  START_DECLARATIONS,
  START_GLOBALS,
);
const loaderChecks = loaders.map(({ script }) =>
  pageScriptChecks(
    script,
    originOfTemplate(LOADER_FILE, script),
    LOADER_DECLARATIONS,
    LOADER_GLOBALS,
  ),
);

test('the playground output: its loader, the page code, then the start-up script', () => {
  assert.equal(playgroundScripts.length, 3);
  assert.equal(playgroundScripts[1], PLAYGROUND_SCRIPT);
  const payload = (script: string) => script.replace(/var b64 = "[A-Za-z0-9+/=]*";/, '');
  assert.equal(loaders[0].global, 'tf');
  assert.equal(payload(playgroundScripts[0]), payload(loaders[0].script));
  assert.equal(loaders[1].global, 'Plotly');
});

test('the start-up script type-checks and lints as the kernel writes it', () => {
  assertClean(start.typeCheck());
  assertClean(start.lint());
});

test('the loader type-checks and lints as the kernel writes it for each bundle', () => {
  for (const checks of loaderChecks) {
    assertClean(checks.typeCheck());
    assertClean(checks.lint());
  }
});

test('findings are at the template line that wrote them', () => {
  const at = (origin: ScriptOrigin, k: number) => origin.line + k;
  assert.match(sourceLine(START_FILE, at(start.origin, 2)), /var spec = \$\{json\};/);
  assert.match(
    sourceLine(LOADER_FILE, at(loaderChecks[0].origin, 3)),
    /var b64 = "\$\{compressedFile\(path\)\}";/,
  );
  // A script no template writes is not placed anywhere.
  const changed = START.replace('var spec', 'let spec');
  assert.throws(() => originOfTemplate(START_FILE, changed), /0 templates/);
});

test('the type check finds faults in the start-up script, its spec included', () => {
  start.assertFound(
    [
      ['document.currentScript', 'document.currentScrip', /TS2551.*'currentScrip'/],
      ['classList.contains(', 'classList.contain(', /TS2551.*'contain'/],
      ['root = root.previousElementSibling', 'root = rot.previousElementSibling', /TS2552.*'rot'/],
      // The spec as the kernel writes it, against the type the page code takes.
      ['"axes":["x2","x3"]', '"axes":["x2"]', /TS2322/],
    ],
    'typeCheck',
  );
});

test('the lint finds undefined names and globals not declared in the start-up script', () => {
  start.assertFound(
    [
      [
        'root = root.previousElementSibling',
        'root = rot.previousElementSibling',
        /no-undef.*'rot'/,
      ],
      ['if (window.tf) run();', 'if (tf) run();', /no-undef.*'tf'/],
    ],
    'lint',
  );
});

test('the type check finds faults in the loader, a global not declared included', () => {
  loaderChecks[0].assertFound(
    [
      ['document.createElement(', 'document.createElemnt(', /TS2551.*'createElemnt'/],
      ['atob(b64)', 'atob(b64 + pad)', /TS2304.*'pad'/],
      ['new DecompressionStream("gzip")', 'new DecompressionStream("gz")', /TS2345.*"gz"/],
      ['.text().then(', '.text().than(', /TS2339.*'than'/],
      ['window.define = undefined;', 'window.defined = undefined;', /TS2551.*'defined'/],
    ],
    'typeCheck',
  );
});

test('the lint finds undefined names and DOM globals read by mistake in the loader', () => {
  loaderChecks[0].assertFound(
    [
      ['atob(b64)', 'atob(b64 + pad)', /no-undef.*'pad'/],
      // A DOM global the type check takes for declared.
      ['document.head.appendChild', 'head.appendChild', /no-undef.*'head'/],
      ['var define = window.define;', 'var define = window.define, spare;', /no-unused.*'spare'/],
    ],
    'lint',
  );
});
