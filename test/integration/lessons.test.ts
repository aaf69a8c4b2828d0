/**
 * Every lesson, executed once per test run through the same runner users run (`npm run lessons`),
 * as many at once as there are cores, into build/notebooks/ (the copies the HTML edition and the
 * browser tests reuse). Where a network namespace can be made, the lessons run with no network.
 * In the same pool, lesson 01 runs a second time with the network, into a temporary directory,
 * and must print the same numbers. Checked: each lesson passes its own claims; each executed copy
 * is complete and clean and has its charts; the runs write nothing into notebooks/ or data/.
 *
 * Runs at other seeds are slower and live in `npm run test:seeds`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import {
  findNotebooks,
  offlineProblem,
  planRuns,
  runPlanned,
  type PlannedRun,
  type RunSummary,
} from '../../scripts/lib/runner';
import { readNotebook, type NotebookCell } from '../../scripts/lib/notebook-json';

const ROOT = join(__dirname, '..', '..');
const NOTEBOOKS = join(ROOT, 'notebooks');
const OUT = join(ROOT, 'build', 'notebooks');
/** The lesson run twice, for reproducibility. */
const AGAIN = '01';
const LESSONS = findNotebooks(NOTEBOOKS).map((p) => basename(p, '.ipynb'));

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function codeCells(path: string): NotebookCell[] {
  return readNotebook(path).cells.filter((c) => c.cell_type === 'code');
}

/** path -> sha256 of every file under the directories. */
function hashTree(...roots: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        out.set(
          relative(ROOT, path),
          createHash('sha256').update(readFileSync(path)).digest('hex'),
        );
    }
  };
  roots.forEach(walk);
  return out;
}

/** Per code cell, every number printed, with timings ("1.7 s", "12 ms") taken out. */
function printedNumbers(path: string): string[][] {
  const join_ = (t: unknown) =>
    Array.isArray(t) ? t.join('') : typeof t === 'string' ? t : JSON.stringify(t ?? '');
  return codeCells(path).map((c) =>
    (c.outputs ?? []).flatMap((o) => {
      const texts: string[] = [];
      if (o.output_type === 'stream') texts.push(join_(o.text));
      const plotly = o.data?.['application/vnd.plotly.v1+json'] as { data?: unknown } | undefined;
      // A chart's numbers are in its JSON; its HTML repeats them next to a per-process element id.
      if (plotly) texts.push(JSON.stringify(plotly.data));
      else if (o.data) texts.push(join_(o.data['text/plain']), join_(o.data['text/html']));
      return (
        texts
          .join('\n')
          .replace(/\d+(\.\d+)? ?(s|ms)\b/g, '<time>')
          .match(/-?\d+(\.\d+)?(e[-+]?\d+)?/g) ?? []
      );
    }),
  );
}

let summary: RunSummary;
let plan: PlannedRun[];
let again: PlannedRun;
let offlineSkipped: string | null;
let dirtyAtStart: Set<string>;
let hashesBefore: Map<string, string>;
let hashesAfter: Map<string, string>;

before(async () => {
  const status = spawnSync(
    'git',
    ['status', '--porcelain', '--untracked-files=all', '--', 'notebooks', 'data'],
    { cwd: ROOT, encoding: 'utf8' },
  ).stdout;
  dirtyAtStart = new Set(
    status
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3)),
  );
  hashesBefore = hashTree(NOTEBOOKS, join(ROOT, 'data'));
  offlineSkipped = offlineProblem();
  const options = {
    only: [],
    bail: false,
    cellTimeout: 900,
    jobs: availableParallelism(),
    seeds: [],
    notebooksDir: NOTEBOOKS,
    outDir: OUT,
    offline: offlineSkipped === null,
  };
  const againDir = mkdtempSync(join(tmpdir(), 'lessons-again-'));
  dirs.push(againDir);
  const [first] = planRuns({ ...options, only: [AGAIN], outDir: againDir, offline: false });
  again = { ...first, label: `${first.notebook} (again, with the network)` };
  plan = [...planRuns(options), again];
  summary = await runPlanned(plan, {
    ...options,
    log: (l) => console.log(l),
  });
  hashesAfter = hashTree(NOTEBOOKS, join(ROOT, 'data'));
});

for (const lesson of LESSONS) {
  test(`${lesson} runs headlessly with all its claims holding, its copy complete`, () => {
    const result = summary.results.find((r) => r.label === lesson);
    assert.ok(result, `${lesson} did not run`);
    assert.ok(
      result.ok,
      `${lesson} failed in code cell ${result.failure?.cell}: ${result.failure?.reason}`,
    );
    const code = codeCells(join(OUT, `${lesson}.ipynb`));
    assert.ok(
      code.every((c) => typeof c.execution_count === 'number'),
      `${lesson}: a code cell was not executed`,
    );
    const outputs = code.flatMap((c) => c.outputs ?? []);
    assert.deepEqual(
      outputs.filter((o) => o.output_type === 'error' || o.name === 'stderr'),
      [],
      `${lesson}: error or stderr output`,
    );
    const charts = outputs.filter(
      (o) => o.data && typeof o.data['application/vnd.plotly.v1+json'] === 'object',
    );
    assert.ok(charts.length >= 1, `${lesson}: no chart`);
    if (lesson.startsWith('01-'))
      assert.ok(charts.length >= 3, `lesson 01 has ${charts.length} charts, expected at least 3`);
  });
}

test(`lesson ${AGAIN} prints the same numbers in two runs`, () => {
  const rerun = summary.results.find((r) => r.label === again.label);
  assert.ok(rerun?.ok, `the second run failed: ${rerun?.failure?.reason}`);
  const a = printedNumbers(join(OUT, basename(again.path)));
  const b = printedNumbers(again.output);
  assert.ok(a.flat().length > 50, `only ${a.flat().length} numbers printed`);
  assert.equal(a.length, b.length);
  a.forEach((cell, i) =>
    assert.deepEqual(b[i], cell, `code cell ${i + 1} printed different numbers`),
  );
});

test('every lesson runs with no network', (t) => {
  if (offlineSkipped) {
    t.skip(`no network namespace here, the lessons ran with the network: ${offlineSkipped}`);
    return;
  }
  const offline = plan.filter((r) => r.offline).map((r) => r.label);
  assert.deepEqual(offline, LESSONS);
  const passed = summary.results.filter((r) => r.ok).map((r) => r.label);
  assert.deepEqual(
    offline.filter((l) => !passed.includes(l)),
    [],
    'these lessons did not pass offline (their own tests say why)',
  );
});

test('the runs write nothing into notebooks/ or data/', () => {
  assert.ok(hashesBefore.size >= 2);
  // Lessons may be in progress in a working copy: files new or modified in git before the runs
  // are left out. Every committed, unmodified file must be byte-identical afterwards, and no file
  // of a lesson (and no checkpoint) may appear.
  const watched = [...hashesBefore.keys()].filter((p) => !dirtyAtStart.has(p));
  assert.ok(
    watched.some((p) => p.startsWith(`notebooks/${AGAIN}-`)),
    'the lesson notebooks themselves are watched',
  );
  assert.deepEqual(
    watched.filter((p) => hashesAfter.get(p) !== hashesBefore.get(p)),
    [],
  );
  const created = [...hashesAfter.keys()].filter((p) => !hashesBefore.has(p));
  assert.deepEqual(
    created.filter((p) => /\/\d\d-|lesson\d\d|checkpoint/.test(p)),
    [],
  );
});
