/**
 * The lesson runner under faults, on the fixture notebooks in test/fixtures (never on notebooks/
 * or build/notebooks): a cell that throws, a type error, a kernel that dies, a cell that hangs,
 * a cell that writes to stderr, a file that is not a notebook, and one good notebook. Each
 * failure names its notebook, cell and reason; the executed copy up to the failure is written;
 * the run goes on (or stops with --bail); the exit code is non-zero; SIGINT leaves no process.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  condenseReason,
  findNotebooks,
  headline,
  parseRunnerArgs,
  runLessons,
  type RunSummary,
} from '../scripts/lib/runner';

const ROOT = join(__dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const CLI = join(ROOT, 'scripts', 'run-lessons.ts');
const tmpDirs: string[] = [];
after(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempOut(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runner-test-'));
  tmpDirs.push(dir);
  return dir;
}

interface Cell {
  cell_type: string;
  execution_count?: number | null;
  outputs?: { text?: string | string[] }[];
}

function executedCells(path: string): Cell[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { cells: Cell[] }).cells.filter(
    (c) => c.cell_type === 'code',
  );
}

function text(cell: Cell): string {
  return (cell.outputs ?? [])
    .map((o) => (Array.isArray(o.text) ? o.text.join('') : (o.text ?? '')))
    .join('');
}

/** Runs the CLI as a user would; `detached` gives it its own process group, like a terminal job. */
function startCli(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, `--notebooks=${FIXTURES}`, ...args],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; out: string }>((res) =>
    child.on('close', (code) => res({ code, out })),
  );
  return { child, exited };
}

/** pid -> parent pid of every process, from /proc. */
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('parseRunnerArgs and findNotebooks reject bad arguments with clear messages', () => {
  assert.throws(
    () => parseRunnerArgs(['--timout=5']),
    /unknown option --timout=5 \(usage: run-lessons/,
  );
  assert.throws(
    () => parseRunnerArgs(['--timeout=abc']),
    /--timeout .* positive whole number of seconds, got "NaN"/,
  );
  assert.throws(
    () => parseRunnerArgs(['--timeout=0']),
    /positive whole number of seconds, got "0"/,
  );
  assert.throws(() => parseRunnerArgs(['--out=']), /--out needs a value/);
  assert.throws(
    () => parseRunnerArgs(['--notebooks=/tmp/x', '--out=/tmp/x']),
    /--out must differ from --notebooks/,
  );
  const o = parseRunnerArgs(['02', '--bail', '--timeout=7', `--notebooks=${FIXTURES}`]);
  assert.deepEqual([o.only, o.bail, o.cellTimeout, o.notebooksDir], [['02'], true, 7, FIXTURES]);
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

test('headline picks the error line and condenseReason drops Node and tslab stack frames', () => {
  const reason =
    "evalmachine.<anonymous>:2\nthrow new Error('boom');\n^\n\nError: boom\n    at evalmachine.<anonymous>:2:7\n    at Script.runInThisContext (node:vm:135:14)\n    at Object.execute (/x/node_modules/tslab/dist/executor.js:160:38)\n    at trainSeeded (/x/src/train.ts:10:3)";
  assert.equal(headline(reason), 'Error: boom');
  assert.equal(
    condenseReason(reason),
    "evalmachine.<anonymous>:2\nthrow new Error('boom');\n^\nError: boom\n    at trainSeeded (/x/src/train.ts:10:3)",
  );
  assert.equal(headline('ClaimError: claim failed: x (y)'), 'ClaimError: claim failed: x (y)');
  assert.equal(
    headline("1:7 - Type 'string' is not assignable to type 'number'."),
    "1:7 - Type 'string' is not assignable to type 'number'.",
  );
});

test(
  'every fault is reported with notebook, cell and reason, the run goes on, copies are written, no kernel is left',
  { timeout: 240_000 },
  async () => {
    const out = tempOut();
    const lines: string[] = [];
    const summary: RunSummary = await runLessons({
      only: [],
      bail: false,
      cellTimeout: 8,
      notebooksDir: FIXTURES,
      outDir: out,
      log: (l) => lines.push(l),
    });
    const log = lines.join('\n');
    const by = new Map(summary.results.map((r) => [r.notebook, r]));
    // Every notebook ran: the failures did not stop the run.
    assert.deepEqual(
      [...by.keys()],
      [
        '01-good',
        '02-throws',
        '03-type-error',
        '04-kernel-dies',
        '05-hangs',
        '06-stderr',
        '07-not-a-notebook',
      ],
    );
    assert.deepEqual(
      summary.failures.map((f) => f.notebook),
      [...by.keys()].slice(1),
    );
    assert.equal(by.get('01-good')!.ok, true);

    const expected: [string, number, RegExp][] = [
      ['02-throws', 2, /Error: fixture failure: this cell throws on purpose/],
      ['03-type-error', 2, /Type 'string' is not assignable to type 'number'/],
      ['04-kernel-dies', 3, /^the kernel died \(exit code 1\)$/],
      ['05-hangs', 2, /^timed out after 8 s/],
      ['06-stderr', 1, /^wrote to stderr: fixture warning: written to stderr$/],
      ['07-not-a-notebook', 0, /^cannot read the notebook 07-not-a-notebook\.ipynb: NotJSONError/],
    ];
    for (const [name, cell, reason] of expected) {
      const r = by.get(name)!;
      assert.equal(r.ok, false, name);
      assert.equal(r.failure?.cell, cell, `${name}: failing cell`);
      assert.match(r.failure!.reason, reason, name);
      // A line per notebook as it finishes, and the summary lists every failure again.
      assert.match(
        log,
        new RegExp(`FAIL \\[\\d/7\\] ${name}  (cell ${cell} of \\d|before the kernel started)`),
        name,
      );
      assert.match(
        log,
        new RegExp(`  FAILED ${name}, (cell ${cell} of \\d|before the kernel started)`),
        name,
      );
    }
    assert.match(log, /^1 of 7 notebooks passed, 6 failed in [\d.]+ s; executed copies in /m);

    // The executed copy holds the output up to the failure; cells after it did not run.
    const throws = executedCells(join(out, '02-throws.ipynb'));
    assert.equal(text(throws[0]), 'first cell runs\n');
    assert.equal(throws[2].execution_count ?? null, null);
    const dies = executedCells(join(out, '04-kernel-dies.ipynb'));
    assert.equal(text(dies[1]), 'second cell runs\n');
    assert.equal(text(executedCells(join(out, '05-hangs.ipynb'))[0]), 'first cell runs\n');
    assert.equal(text(executedCells(join(out, '01-good.ipynb'))[1]), 'twice 84\n');
    assert.equal(existsSync(join(out, '07-not-a-notebook.ipynb')), false);
    assert.match(log, /FAILED 07-not-a-notebook, before the kernel started \(no executed copy\)/);

    // Every kernel that started is gone, the hung one included.
    const pids = summary.results.flatMap((r) => (r.kernelPid ? [r.kernelPid] : []));
    assert.equal(pids.length, 6);
    assert.deepEqual(pids.filter(alive), []);
  },
);

test(
  '--bail stops after the first failure and the exit code is non-zero',
  { timeout: 120_000 },
  async () => {
    const out = tempOut();
    const { exited } = startCli(['01', '02', '03', '--bail', '--timeout=30', `--out=${out}`]);
    const { code, out: stdout } = await exited;
    assert.equal(code, 1, stdout);
    assert.match(stdout, /ok {3}\[1\/3\] 01-good {2}2 cells/);
    assert.match(
      stdout,
      /FAIL \[2\/3\] 02-throws {2}cell 2 of 3 {2}[\d.]+ s: Error: fixture failure: this cell throws on purpose/,
    );
    assert.match(stdout, /--bail: stopping after the first failure; 1 notebook\(s\) not run/);
    assert.match(stdout, /1 of 3 notebooks passed, 1 failed, 1 not run in/);
    assert.doesNotMatch(stdout, /03-type-error/);
    assert.deepEqual(readdirSync(out).sort(), ['01-good.ipynb', '02-throws.ipynb']);
  },
);

test(
  'SIGINT to the runner (as Ctrl-C sends it to the whole job) stops the kernel and leaves no process',
  { timeout: 120_000 },
  async () => {
    const out = tempOut();
    const { child, exited } = startCli(['05', '--timeout=300', `--out=${out}`]);
    // Wait for the kernel to start, then for the first cell to finish and the second to hang.
    let kernel: number | undefined;
    for (let waited = 0; kernel === undefined && waited < 90_000; waited += 250) {
      await sleep(250);
      kernel = [...descendants(child.pid!)].find(([, cmd]) => cmd.includes('tslab-kernel.js'))?.[0];
    }
    assert.ok(kernel, 'the kernel did not start within 90 s');
    await sleep(4000);
    const before = descendants(child.pid!);
    assert.ok(
      [...before.values()].some(
        (cmd) => cmd.includes('execute_notebook.py') && cmd.includes('05-hangs.ipynb'),
      ),
    );
    process.kill(-child.pid!, 'SIGINT');
    const { code, out: stdout } = await exited;
    assert.equal(code, 130, stdout);
    assert.match(
      stdout,
      /FAIL \[1\/1\] 05-hangs {2}cell 2 of 3 {2}[\d.]+ s: interrupted by SIGINT/,
    );
    assert.match(stdout, /0 of 1 notebooks passed, 1 failed \(interrupted by SIGINT\)/);
    // Nothing the run started is left: not the executor, not the kernel (it runs in its own session).
    assert.deepEqual(
      [...before.keys()].filter(alive),
      [],
      `left behind: ${[...before.values()].join('; ')}`,
    );
    assert.deepEqual(
      [...processTable().values()].filter((p) =>
        p.cmdline.includes(join(FIXTURES, '05-hangs.ipynb')),
      ),
      [],
    );
    // The executed copy up to the interruption is written.
    assert.equal(text(executedCells(join(out, '05-hangs.ipynb'))[0]), 'first cell runs\n');
  },
);
