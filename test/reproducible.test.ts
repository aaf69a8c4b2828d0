/**
 * Lesson 01 twice through the runner, into two temporary output directories: once as usual and
 * once with no network (a network namespace with only loopback up, which the kernel's ZeroMQ
 * sockets need). Every number it prints (stdout, tables, chart data; not timings) must be the
 * same in both runs, the offline run must pass, and neither run may write into notebooks/ or data/.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { findNotebooks, runLessons, type RunSummary } from '../scripts/lib/runner';

const ROOT = join(__dirname, '..');
const LESSON = '01';
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempOut = () => {
  const d = mkdtempSync(join(tmpdir(), 'reproducible-'));
  dirs.push(d);
  return d;
};

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

interface Output {
  output_type: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}

/** Per code cell, every number printed, with timings ("1.7 s", "12 ms") taken out. */
function printedNumbers(notebookPath: string): string[][] {
  const nb = JSON.parse(readFileSync(notebookPath, 'utf8')) as {
    cells: { cell_type: string; outputs?: Output[] }[];
  };
  const join_ = (t: unknown) =>
    Array.isArray(t) ? t.join('') : typeof t === 'string' ? t : JSON.stringify(t ?? '');
  return nb.cells
    .filter((c) => c.cell_type === 'code')
    .map((c) =>
      (c.outputs ?? []).flatMap((o) => {
        const texts: string[] = [];
        if (o.output_type === 'stream') texts.push(join_(o.text));
        const plotly = o.data?.['application/vnd.plotly.v1+json'] as { data?: unknown } | undefined;
        // A chart's numbers are in its JSON; its HTML only repeats them next to a per-process element id.
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

/** Whether `unshare -n` can make a network namespace here (root, or user namespaces allowed). */
function offlineAvailable(): { ok: boolean; why: string } {
  const r = spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up && ip -o link show lo'], {
    encoding: 'utf8',
  });
  if (r.error) return { ok: false, why: `unshare is not available: ${r.error.message}` };
  if (r.status !== 0)
    return {
      ok: false,
      why: `unshare -rn failed (no permission to create a network namespace?): ${r.stderr.trim()}`,
    };
  return { ok: true, why: '' };
}

let first: RunSummary;
let offline: { code: number | null; out: string; dir: string; skipped?: string };
let hashesBefore: Map<string, string>;
let hashesAfter: Map<string, string>;
let numbers: [string[][], string[][]];

let dirtyAtStart: Set<string>;

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
  hashesBefore = hashTree(join(ROOT, 'notebooks'), join(ROOT, 'data'));
  const out1 = tempOut();
  first = await runLessons({
    only: [LESSON],
    bail: true,
    cellTimeout: 600,
    notebooksDir: join(ROOT, 'notebooks'),
    outDir: out1,
    log: () => {},
  });
  const out2 = tempOut();
  const net = offlineAvailable();
  const cli = `node --import tsx scripts/run-lessons.ts ${LESSON} --bail --out=${out2}`;
  // Without a namespace the second run still checks reproducibility, on the normal network.
  const [cmd, args] = net.ok
    ? ['unshare', ['-rn', 'sh', '-c', `ip link set lo up && exec ${cli}`]]
    : ['sh', ['-c', cli]];
  offline = await new Promise((res) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) =>
      res({ code, out, dir: out2, skipped: net.ok ? undefined : net.why }),
    );
  });
  hashesAfter = hashTree(join(ROOT, 'notebooks'), join(ROOT, 'data'));
  const name = findNotebooks(join(ROOT, 'notebooks'), [LESSON])[0].split('/').pop()!;
  numbers = [printedNumbers(join(out1, name)), printedNumbers(join(out2, name))];
});

test('lesson 01 prints the same numbers in two runs', { timeout: 600_000 }, () => {
  assert.deepEqual(
    first.failures.map((f) => `${f.notebook} cell ${f.failure?.cell}: ${f.failure?.reason}`),
    [],
  );
  assert.equal(offline.code, 0, offline.out);
  const [a, b] = numbers;
  assert.ok(a.flat().length > 50, `only ${a.flat().length} numbers printed`);
  assert.equal(a.length, b.length);
  a.forEach((cell, i) =>
    assert.deepEqual(b[i], cell, `code cell ${i + 1} printed different numbers`),
  );
});

test('lesson 01 runs with no network', { timeout: 600_000 }, (t) => {
  if (offline.skipped) {
    t.skip(`no network namespace: ${offline.skipped}`);
    return;
  }
  assert.equal(offline.code, 0, offline.out);
  assert.match(offline.out, /ok {3}\[1\/1\] 01-/);
  assert.match(offline.out, /1 of 1 notebooks passed in/);
});

test('the runs write nothing into notebooks/ or data/', () => {
  assert.ok(hashesBefore.size >= 2);
  // Lessons are being written next to this test in a working copy: files that were new or modified
  // in git before the runs are someone's work in progress and are left out. Every committed,
  // unmodified file must be byte-identical afterwards, and no file of the lesson that ran may appear.
  const watched = [...hashesBefore.keys()].filter((p) => !dirtyAtStart.has(p));
  assert.ok(
    watched.some((p) => p.startsWith(`notebooks/${LESSON}-`)),
    'the lesson notebook itself is watched',
  );
  assert.deepEqual(
    watched.filter((p) => hashesAfter.get(p) !== hashesBefore.get(p)),
    [],
  );
  const created = [...hashesAfter.keys()].filter((p) => !hashesBefore.has(p));
  assert.deepEqual(
    created.filter(
      (p) => p.includes(`/${LESSON}-`) || p.includes(`lesson${LESSON}`) || p.includes('checkpoint'),
    ),
    [],
  );
});
