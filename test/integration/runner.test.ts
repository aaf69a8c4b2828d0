/**
 * The lesson runner under faults, on the fixture notebooks in test/fixtures (never on notebooks/
 * or build/notebooks): a cell that throws, a type error, a kernel that dies, a cell that hangs,
 * a cell that writes to stderr, a file that is not a notebook, and one good notebook. Each
 * failure names its notebook, cell and reason; the executed copy up to the failure is written;
 * the run goes on (or stops with --bail); notebooks run in parallel but their lines come in
 * order; the exit code is non-zero; SIGINT leaves no process. Runs at other seeds and offline
 * runs are checked on fixtures that print their seed and their network interfaces.
 *
 * Nothing here waits a fixed time: the tests that interrupt a run wait until the hanging cells
 * say they are running (a marker file each), however long the machine takes to get there.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  condenseReason,
  findNotebooks,
  headline,
  offlineProblem,
  parseRunnerArgs,
  planRuns,
  previousSeconds,
  runLessons,
  runPlanned,
  startOrder,
  type RunSummary,
} from '../../scripts/lib/runner';
import { readNotebook, text, type NotebookCell } from '../../scripts/lib/notebook-json';
import { waitUntil } from '../support/wait';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const CLI = join(ROOT, 'scripts', 'run-lessons.ts');
const tmpDirs: string[] = [];
after(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runner-test-'));
  tmpDirs.push(dir);
  return dir;
}

/** A notebook directory holding fixtures under new names: `{ '01-hangs': '05-hangs' }`. */
function fixtureDir(names: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, fixture] of Object.entries(names))
    copyFileSync(join(FIXTURES, `${fixture}.ipynb`), join(dir, `${name}.ipynb`));
  return dir;
}

function executedCells(path: string): NotebookCell[] {
  return readNotebook(path).cells.filter((c) => c.cell_type === 'code');
}

/** Everything a cell's outputs say in text. */
function outputText(cell: NotebookCell): string {
  return (cell.outputs ?? []).map((o) => text(o.text)).join('');
}

/**
 * Runs the CLI as a user would; `detached` gives it its own process group, like a terminal job.
 * `env` is added to the environment (the kernels inherit it).
 */
function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; out: string }>((res) =>
    child.on('close', (code) => res({ code, out })),
  );
  return { child, exited };
}

/** pid -> parent pid and command line of every living process, from /proc. */
function processTable(): Map<number, { ppid: number; cmdline: string }> {
  const table = new Map<number, { ppid: number; cmdline: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue; // a zombie has already exited
      table.set(Number(entry), {
        ppid: Number(fields[1]),
        cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' '),
      });
    } catch {
      /* gone meanwhile */
    }
  }
  return table;
}

function descendants(root: number): Map<number, string> {
  const table = processTable();
  const found = new Map<number, string>();
  let frontier = [root];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const [pid, p] of table) {
      if (frontier.includes(p.ppid) && !found.has(pid)) {
        found.set(pid, p.cmdline);
        next.push(pid);
      }
    }
    frontier = next;
  }
  return found;
}

function alive(pid: number): boolean {
  return processTable().has(pid);
}

/**
 * Living processes whose environment holds `marker` (a test's own temporary directory): whatever
 * a run started (executor, kernel), wherever it was reparented to.
 */
function processesCarrying(marker: string): string[] {
  const found: string[] = [];
  for (const [pid, p] of processTable()) {
    if (pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').includes(marker))
        found.push(`${pid} ${p.cmdline}`);
    } catch {
      /* gone meanwhile, or not ours to read */
    }
  }
  return found;
}

/** Index of the first line matching `pattern`; fails when none does. */
function lineIndex(out: string, pattern: RegExp): number {
  const i = out.split('\n').findIndex((l) => pattern.test(l));
  assert.ok(i >= 0, `no line matches ${pattern} in:\n${out}`);
  return i;
}

test('parseRunnerArgs and findNotebooks reject bad arguments with clear messages', () => {
  const env = {};
  assert.throws(
    () => parseRunnerArgs(['--timout=5'], env),
    /Unknown option '--timout' \(usage: run-lessons/,
  );
  assert.throws(
    () => parseRunnerArgs(['--timeout=abc'], env),
    /--timeout must be a positive whole number of seconds, got "abc"/,
  );
  assert.throws(
    () => parseRunnerArgs(['--timeout=0'], env),
    /positive whole number of seconds, got "0"/,
  );
  assert.throws(
    () => parseRunnerArgs([], { LESSON_CELL_TIMEOUT: '1.5' }),
    /LESSON_CELL_TIMEOUT must be a positive whole number of seconds, got "1.5"/,
  );
  assert.throws(() => parseRunnerArgs(['--jobs=0'], env), /--jobs must be a positive .*"0"/);
  assert.throws(() => parseRunnerArgs([], { LESSON_JOBS: 'two' }), /LESSON_JOBS must be .*"two"/);
  assert.throws(
    () => parseRunnerArgs(['--seed=1,x'], env),
    /--seed must be whole numbers from 0 to 2097152 separated by commas, got "1,x"/,
  );
  assert.throws(
    () => parseRunnerArgs([], { LESSON_SEED: '-1' }),
    /LESSON_SEED must be whole numbers .*got "-1"/,
  );
  assert.throws(() => parseRunnerArgs(['--seed=2097153'], env), /--seed must be/);
  assert.deepEqual(parseRunnerArgs(['--seed=2097152'], env).seeds, [2097152]);
  assert.throws(() => parseRunnerArgs(['--out='], env), /--out needs a value/);
  assert.throws(
    () => parseRunnerArgs(['--notebooks=/tmp/x', '--out=/tmp/x'], env),
    /--out must differ from --notebooks/,
  );
  const o = parseRunnerArgs(['02', '--bail', '--timeout=7', `--notebooks=${FIXTURES}`], env);
  assert.deepEqual(
    [o.only, o.bail, o.cellTimeout, o.notebooksDir, o.seeds, o.offline],
    [['02'], true, 7, FIXTURES, [], false],
  );
  assert.equal(o.outDir, join(ROOT, 'build', 'notebooks'));
  assert.ok(o.jobs! >= 1);
  // Environment defaults, and options that override them.
  const fromEnv = parseRunnerArgs([], {
    LESSON_JOBS: '3',
    LESSON_SEED: '5',
    LESSON_CELL_TIMEOUT: '9',
  });
  assert.deepEqual([fromEnv.jobs, fromEnv.seeds, fromEnv.cellTimeout], [3, [5], 9]);
  assert.equal(
    fromEnv.outDir,
    join(ROOT, 'build', 'seeds'),
    'other seeds never go to build/notebooks',
  );
  const given = parseRunnerArgs(['--jobs=1', '--seed=2,1,2', '--offline', '--out=x'], {
    LESSON_JOBS: '3',
    LESSON_SEED: '5',
  });
  assert.deepEqual([given.jobs, given.seeds, given.offline], [1, [2, 1], true]);
  assert.equal(given.outDir, join(process.cwd(), 'x'));
  assert.throws(
    () => findNotebooks(join(FIXTURES, 'missing')),
    /notebook directory .*missing does not exist/,
  );
  assert.throws(
    () => findNotebooks(FIXTURES, ['99']),
    /no notebook in .* matches 99; there are: 01-good\.ipynb, 02-throws/,
  );
  assert.deepEqual(
    findNotebooks(FIXTURES, ['01', '03']).map((p) => p.slice(FIXTURES.length + 1)),
    ['01-good.ipynb', '03-type-error.ipynb'],
  );
});

test('planRuns: one run per notebook, or per notebook and seed with LESSON_SEED set', () => {
  const base = { only: ['01', '02'], bail: false, cellTimeout: 5, notebooksDir: FIXTURES };
  const plain = planRuns({ ...base, outDir: '/out', env: { X: '1' } });
  assert.deepEqual(
    plain.map((r) => [r.label, r.output, r.seed, r.env]),
    [
      ['01-good', '/out/01-good.ipynb', undefined, { X: '1', LESSON_SEED: undefined }],
      ['02-throws', '/out/02-throws.ipynb', undefined, { X: '1', LESSON_SEED: undefined }],
    ],
  );
  const seeded = planRuns({ ...base, only: ['01'], outDir: '/out', seeds: [4, 9], offline: true });
  assert.deepEqual(
    seeded.map((r) => [r.label, r.output, r.seed, r.env.LESSON_SEED, r.offline]),
    [
      ['01-good seed 4', '/out/seed-4/01-good.ipynb', 4, '4', true],
      ['01-good seed 9', '/out/seed-9/01-good.ipynb', 9, '9', true],
    ],
  );
});

test('runs start longest first by their last executed copies, runs never timed first', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'runner-order-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const timed = (busy: string, idle: string) => ({
    cell_type: 'code',
    metadata: { execution: { 'iopub.status.busy': busy, 'iopub.status.idle': idle } },
  });
  const copy = (name: string, cells: object[]) => {
    writeFileSync(join(dir, name), JSON.stringify({ cells }));
    return join(dir, name);
  };
  const ran = copy('ran.ipynb', [
    timed('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:02.000Z'),
    { cell_type: 'markdown' },
    timed('2026-01-01T00:00:03.000Z', '2026-01-01T00:00:03.500Z'),
  ]);
  assert.equal(previousSeconds(ran), 2.5);
  const broken = copy('broken.ipynb', [timed('2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z')]);
  writeFileSync(broken, '{"cells": [');
  const untimed = copy('untimed.ipynb', [{ cell_type: 'code', metadata: {} }]);
  for (const path of [join(dir, 'missing.ipynb'), broken, untimed])
    assert.equal(previousSeconds(path), undefined, path);

  assert.deepEqual(startOrder([3, undefined, 10, 3, undefined]), [1, 4, 2, 0, 3]);
  assert.deepEqual(startOrder([]), []);
});

test('headline picks the error line and condenseReason drops Node and tslab stack frames', () => {
  const reason = [
    'evalmachine.<anonymous>:2',
    "throw new Error('boom');",
    '^',
    '',
    'Error: boom',
    '    at evalmachine.<anonymous>:2:7',
    '    at Script.runInThisContext (node:vm:135:14)',
    '    at Object.execute (/x/node_modules/tslab/dist/executor.js:160:38)',
    '    at trainSeeded (/x/src/train.ts:10:3)',
  ].join('\n');
  assert.equal(headline(reason), 'Error: boom');
  assert.equal(
    condenseReason(reason),
    "evalmachine.<anonymous>:2\nthrow new Error('boom');\n^\nError: boom\n" +
      '    at trainSeeded (/x/src/train.ts:10:3)',
  );
  assert.equal(headline('ClaimError: claim failed: x (y)'), 'ClaimError: claim failed: x (y)');
  assert.equal(
    headline("1:7 - Type 'string' is not assignable to type 'number'."),
    "1:7 - Type 'string' is not assignable to type 'number'.",
  );
});

test(
  'every fault is reported with notebook, cell and reason, in order from parallel runs; ' +
    'the run goes on, copies are written, no kernel is left',
  { timeout: 300_000 },
  async () => {
    const out = tempDir();
    const lines: string[] = [];
    const summary: RunSummary = await runLessons({
      only: [],
      bail: false,
      cellTimeout: 15,
      jobs: 2,
      notebooksDir: FIXTURES,
      outDir: out,
      log: (l) => lines.push(l),
    });
    const log = lines.join('\n');
    const by = new Map(summary.results.map((r) => [r.notebook, r]));
    // Every notebook ran: the failures did not stop the run.
    const names = [
      '01-good',
      '02-throws',
      '03-type-error',
      '04-kernel-dies',
      '05-hangs',
      '06-stderr',
      '07-not-a-notebook',
    ];
    assert.deepEqual([...by.keys()], names);
    assert.equal(summary.jobs, 2);
    assert.match(log, /^running 7 notebooks, 2 at a time$/m);
    assert.deepEqual(
      summary.failures.map((f) => f.notebook),
      names.slice(1),
    );
    assert.equal(by.get('01-good')!.ok, true);
    // One line per notebook, in lesson order, whichever finished first.
    const numbered = lines.filter((l) => /^(ok {2}|FAIL|STOP) \[/.test(l));
    assert.deepEqual(
      numbered.map((l) => /\[(\d)\/7\] (\S+)/.exec(l)!.slice(1).join(' ')),
      names.map((n, i) => `${i + 1} ${n}`),
    );

    const expected: [string, number, RegExp][] = [
      ['02-throws', 2, /Error: fixture failure: this cell throws on purpose/],
      ['03-type-error', 2, /Type 'string' is not assignable to type 'number'/],
      ['04-kernel-dies', 3, /^the kernel died \(exit code 1\)$/],
      ['05-hangs', 2, /^timed out after 15 s/],
      ['06-stderr', 1, /^wrote to stderr: fixture warning: written to stderr$/],
      ['07-not-a-notebook', 0, /^cannot read the notebook 07-not-a-notebook\.ipynb: NotJSONError/],
    ];
    for (const [name, cell, reason] of expected) {
      const r = by.get(name)!;
      assert.equal(r.ok, false, name);
      assert.equal(r.failure?.cell, cell, `${name}: failing cell`);
      assert.match(r.failure!.reason, reason, name);
      // A line per notebook, and the summary lists every failure again.
      const where = `(cell ${cell} of \\d|before the kernel started)`;
      assert.match(log, new RegExp(`FAIL \\[\\d/7\\] ${name}  ${where}`), name);
      assert.match(log, new RegExp(`  FAILED ${name}, ${where}`), name);
    }
    assert.match(log, /^1 of 7 notebooks passed, 6 failed in [\d.]+ s; executed copies in /m);

    // The executed copy holds the output up to the failure; cells after it did not run.
    const throws = executedCells(join(out, '02-throws.ipynb'));
    assert.equal(outputText(throws[0]), 'first cell runs\n');
    assert.equal(throws[2].execution_count ?? null, null);
    const dies = executedCells(join(out, '04-kernel-dies.ipynb'));
    assert.equal(outputText(dies[1]), 'second cell runs\n');
    assert.equal(outputText(executedCells(join(out, '05-hangs.ipynb'))[0]), 'first cell runs\n');
    assert.equal(outputText(executedCells(join(out, '01-good.ipynb'))[1]), 'twice 84\n');
    assert.equal(existsSync(join(out, '07-not-a-notebook.ipynb')), false);
    assert.match(log, /FAILED 07-not-a-notebook, before the kernel started \(no executed copy\)/);

    // Every kernel that started is gone, the hung one included.
    const pids = summary.results.flatMap((r) => (r.kernelPid ? [r.kernelPid] : []));
    assert.equal(pids.length, 6);
    assert.deepEqual(pids.filter(alive), []);
  },
);

test(
  'SIGINT to the runner (as Ctrl-C sends it to the whole job) stops every running notebook, ' +
    'prints them in order and leaves no process',
  { timeout: 300_000 },
  async () => {
    // 02-good finishes while 01-hangs runs; 03-hangs starts in its place. Both hang in cell 2.
    const notebooks = fixtureDir({
      '01-hangs': '05-hangs',
      '02-good': '01-good',
      '03-hangs': '05-hangs',
    });
    const out = tempDir();
    const markers = tempDir();
    const { child, exited } = startCli(
      [`--notebooks=${notebooks}`, '--jobs=2', '--timeout=600', `--out=${out}`],
      { FIXTURE_HANG_MARKERS: markers },
    );
    let early: { code: number | null; out: string } | undefined;
    void exited.then((r) => (early = r));
    // The hanging cells write a marker each (named after their kernel's pid) when they start.
    const kernels = await waitUntil('both hanging cells to start', () => {
      if (early) throw new Error(`the runner exited early (${early.code}):\n${early.out}`);
      const found = readdirSync(markers).map(Number);
      return found.length === 2 ? found : undefined;
    });
    const before = descendants(child.pid!);
    const executors = [...before.values()].filter((cmd) => cmd.includes('execute_notebook.py'));
    assert.equal(executors.length, 2, `two executors at once: ${executors.join('; ')}`);
    assert.deepEqual(
      kernels.filter((pid) => !before.has(pid)),
      [],
      'the markers come from kernels of this run',
    );
    process.kill(-child.pid!, 'SIGINT');
    const { code, out: stdout } = await exited;
    assert.equal(code, 130, stdout);
    const first = lineIndex(
      stdout,
      /^FAIL \[1\/3\] 01-hangs {2}cell 2 of 3 {2}[\d.]+ s: interrupted by SIGINT$/,
    );
    const second = lineIndex(stdout, /^ok {3}\[2\/3\] 02-good {2}2 cells/);
    const third = lineIndex(
      stdout,
      /^FAIL \[3\/3\] 03-hangs {2}cell 2 of 3 {2}[\d.]+ s: interrupted by SIGINT$/,
    );
    assert.ok(first < second && second < third, `lines out of order:\n${stdout}`);
    assert.match(stdout, /^1 of 3 notebooks passed, 2 failed \(interrupted by SIGINT\)/m);
    // Nothing the run started is left: not the executors, nor the kernels (own sessions).
    assert.deepEqual(
      [...before.keys()].filter(alive),
      [],
      `left behind: ${[...before.values()].join('; ')}`,
    );
    assert.deepEqual(processesCarrying(markers), []);
    // The executed copies up to the interruption are written.
    for (const name of ['01-hangs', '03-hangs'])
      assert.equal(
        outputText(executedCells(join(out, `${name}.ipynb`))[0]),
        'first cell runs\n',
        name,
      );
  },
);

test(
  '--bail stops the running notebooks, starts no new one, and the exit code is non-zero',
  { timeout: 300_000 },
  async () => {
    // 01-hangs never finishes by itself (the cell timeout is 600 s): only --bail can stop it.
    const notebooks = fixtureDir({
      '01-hangs': '05-hangs',
      '02-throws': '02-throws',
      '03-good': '01-good',
    });
    const out = tempDir();
    const markers = tempDir();
    const { exited } = startCli(
      [`--notebooks=${notebooks}`, '--jobs=2', '--bail', '--timeout=600', `--out=${out}`],
      { FIXTURE_HANG_MARKERS: markers },
    );
    const { code, out: stdout } = await exited;
    assert.equal(code, 1, stdout);
    assert.match(
      stdout,
      /^--bail: 02-throws failed: stopping 1 running notebook\(s\), 1 not started$/m,
    );
    const first = lineIndex(
      stdout,
      /^STOP \[1\/3\] 01-hangs {2}.* s: stopped by --bail \(02-throws failed\)$/,
    );
    const second = lineIndex(
      stdout,
      /^FAIL \[2\/3\] 02-throws {2}cell 2 of 3 {2}[\d.]+ s: Error: fixture failure: this cell throws/,
    );
    assert.ok(first < second, stdout);
    assert.match(stdout, /^0 of 3 notebooks passed, 1 failed, 1 stopped by --bail, 1 not run in/m);
    assert.doesNotMatch(stdout, /03-good/);
    assert.doesNotMatch(stdout, /FAILED 01-hangs/, 'a stopped notebook is not listed as a failure');
    assert.ok(existsSync(join(out, '02-throws.ipynb')));
    assert.ok(!existsSync(join(out, '03-good.ipynb')));
    assert.deepEqual(processesCarrying(markers), []);
  },
);

test(
  '--seed runs every notebook at each seed through LESSON_SEED; a notebook that ignores it fails',
  { timeout: 300_000 },
  async () => {
    const out = tempDir();
    const lines: string[] = [];
    const summary = await runLessons({
      only: [],
      bail: false,
      cellTimeout: 120,
      jobs: 2,
      seeds: [3, 7],
      notebooksDir: join(FIXTURES, 'seeds'),
      outDir: out,
      log: (l) => lines.push(l),
    });
    const log = lines.join('\n');
    assert.match(log, /^running 4 notebook runs, 2 at a time$/m);
    assert.deepEqual(
      summary.results.map((r) => [r.label, r.ok]),
      [
        ['01-honours-seed seed 3', true],
        ['01-honours-seed seed 7', true],
        ['02-ignores-seed seed 3', false],
        ['02-ignores-seed seed 7', false],
      ],
    );
    for (const seed of [3, 7]) {
      const cells = executedCells(join(out, `seed-${seed}`, '01-honours-seed.ipynb'));
      assert.equal(outputText(cells[0]), `fixture · seed ${seed}\n`);
      assert.equal(outputText(cells[1]), `twice the seed: ${2 * seed}\n`);
      const ignored = summary.results.find((r) => r.label === `02-ignores-seed seed ${seed}`)!;
      assert.equal(ignored.failure?.cell, 1);
      assert.match(
        ignored.failure!.reason,
        new RegExp(`does not honour LESSON_SEED=${seed}: its first code cell printed "seed 0"`),
      );
    }
    assert.match(log, /^FAIL \[3\/4\] 02-ignores-seed seed 3 {2}cell 1 of 1 .*does not honour/m);
    assert.match(
      log,
      /^2 of 4 notebook runs passed, 2 failed in .* executed copies in .*seed-3, .*seed-7$/m,
    );
  },
);

test(
  '--offline runs a notebook with loopback as its only network interface',
  { timeout: 300_000 },
  async (t) => {
    const problem = offlineProblem();
    if (problem) {
      t.skip(`no network namespace here: ${problem}`);
      return;
    }
    const out = tempDir();
    const options = {
      only: [],
      bail: false,
      cellTimeout: 120,
      notebooksDir: join(FIXTURES, 'network'),
    };
    const online = planRuns({ ...options, outDir: join(out, 'online') });
    const offline = planRuns({ ...options, outDir: join(out, 'offline'), offline: true });
    const summary = await runPlanned([...online, ...offline], {
      ...options,
      jobs: 2,
      log: () => {},
    });
    assert.deepEqual(summary.failures, []);
    const seen = (dir: string) =>
      outputText(executedCells(join(out, dir, '01-interfaces.ipynb'))[0]);
    assert.equal(seen('offline'), 'interfaces: lo\n');
    // Where the machine has a network, the same notebook sees it when it runs normally.
    assert.match(seen('online'), /^interfaces: .*\blo\b/);
    if (seen('online') === 'interfaces: lo\n') t.diagnostic('this machine has no interface but lo');
  },
);

test('runPlanned refuses an empty plan', async () => {
  await assert.rejects(
    runPlanned([], { bail: false, cellTimeout: 1 }),
    /nothing to run: the plan has no notebook/,
  );
});
