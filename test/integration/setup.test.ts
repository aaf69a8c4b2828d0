/**
 * Set-up prints a few lines, not pip's output: `scripts/setup-env.ts` is run as users run it.
 *
 * The fresh-install path (create the venv, pip install, kernelspec, stamp) runs into a temporary
 * venv with a requirements file that installs one tiny wheel built here, offline (`--no-index`),
 * so it takes seconds; pip's own lines must land in the log and not on the console. The failure
 * path (a requirement pip cannot find) must print the log's tail and exit non-zero. The project's
 * own .venv is checked too, but it is usually set up already, so that run covers only the
 * nothing-to-do path. Not covered: downloading the real requirements from a package index.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const SETUP = join(ROOT, 'scripts', 'setup-env.ts');
const MAX_LINES = 10;
const work = mkdtempSync(join(tmpdir(), 'setup-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** A minimal pure-Python wheel (package `setup_test_fixture`, version 0.1) in `dir`. */
function buildWheel(dir: string): string {
  const wheel = join(dir, 'setup_test_fixture-0.1-py3-none-any.whl');
  const script = `
import base64, hashlib, sys, zipfile
info = 'setup_test_fixture-0.1.dist-info'
files = {
    'setup_test_fixture/__init__.py': 'VALUE = 42\\n',
    info + '/METADATA': 'Metadata-Version: 2.1\\nName: setup-test-fixture\\nVersion: 0.1\\n',
    info + '/WHEEL': 'Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\n'
    'Tag: py3-none-any\\n',
}
record = []
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    for name, text in files.items():
        data = text.encode()
        z.writestr(name, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
        record.append(f'{name},sha256={digest},{len(data)}')
    record.append(info + '/RECORD,,')
    z.writestr(info + '/RECORD', '\\n'.join(record) + '\\n')
`;
  const r = spawnSync(process.env.PYTHON ?? 'python3', ['-c', script, wheel], { encoding: 'utf8' });
  assert.equal(r.status, 0, `building the test wheel failed: ${r.stderr}`);
  return wheel;
}

/** Runs the set-up script; returns its exit code and its non-empty output lines (both streams). */
function setup(args: string[]): { code: number | null; lines: string[] } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SETUP, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.trim() !== '');
  return { code: r.status, lines };
}

test(
  'a fresh install prints a few lines and logs pip; a second run prints one line',
  { timeout: 300_000 },
  () => {
    const venv = join(work, 'venv');
    const log = join(work, 'pip.log');
    const requirements = join(work, 'requirements.txt');
    writeFileSync(requirements, `--no-index\n${buildWheel(work)}\n`);
    const args = [`--venv=${venv}`, `--requirements=${requirements}`, `--log=${log}`];

    const fresh = setup(args);
    const shown = fresh.lines.join('\n');
    assert.equal(fresh.code, 0, shown);
    assert.ok(fresh.lines.length <= MAX_LINES, `${fresh.lines.length} lines:\n${shown}`);
    assert.deepEqual(
      fresh.lines.filter((l) => !l.startsWith('[setup] ')),
      [],
      'only set-up lines are printed',
    );
    assert.match(shown, /creating the Python environment in .*venv with /);
    assert.match(shown, /installing .*requirements\.txt into .*venv \(pip's output: .*pip\.log\)/);
    assert.match(shown, /pip installed 1 package\(s\) in [\d.]+ s/);
    assert.match(shown, /installing the tslab kernelspec into .*venv/);
    assert.match(shown, /the Jupyter environment in .*venv is ready$/);
    // What pip said is in the log, not on the console.
    const logged = readFileSync(log, 'utf8');
    assert.match(logged, /Successfully installed setup-test-fixture-0\.1/);
    assert.doesNotMatch(shown, /Successfully installed|Processing|Installing collected/);
    const installed = spawnSync(
      join(venv, 'bin', 'python'),
      ['-c', 'import setup_test_fixture as m; print(m.VALUE)'],
      { encoding: 'utf8' },
    );
    assert.equal(installed.stdout.trim(), '42', installed.stderr);
    assert.ok(existsSync(join(venv, 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json')));

    const again = setup(args);
    assert.equal(again.code, 0);
    assert.deepEqual(again.lines, [`[setup] the Jupyter environment in ${venv} is ready`]);
  },
);

test(
  'a failing pip install exits non-zero and shows the tail of its log',
  { timeout: 300_000 },
  () => {
    const venv = join(work, 'venv-failing');
    const log = join(work, 'pip-failing.log');
    const requirements = join(work, 'requirements-failing.txt');
    writeFileSync(requirements, '--no-index\nno-such-package-for-setup-test==1.0\n');
    const failed = setup([`--venv=${venv}`, `--requirements=${requirements}`, `--log=${log}`]);
    const shown = failed.lines.join('\n');
    assert.equal(failed.code, 1, shown);
    assert.match(shown, /pip install -r .*requirements-failing\.txt failed \(exit code 1\)/);
    assert.match(shown, /last \d+ lines of .*pip-failing\.log:/);
    assert.match(shown, /No matching distribution found for no-such-package-for-setup-test==1\.0/);
    assert.ok(failed.lines.length <= 40, `${failed.lines.length} lines:\n${shown}`);
    // Not marked as installed: the next run tries again.
    assert.ok(!existsSync(join(venv, '.requirements.sha256')));
  },
);

test('bad set-up arguments are rejected with the usage', () => {
  const bad = setup(['--venv']);
  assert.equal(bad.code, 2);
  assert.match(bad.lines.join('\n'), /Option '--venv <value>' argument missing \(usage: setup-env/);
});

test(
  "the project's own environment: set-up prints at most a few lines",
  { timeout: 600_000 },
  () => {
    const own = setup([]);
    const shown = own.lines.join('\n');
    assert.equal(own.code, 0, shown);
    assert.ok(own.lines.length <= MAX_LINES, `${own.lines.length} lines:\n${shown}`);
    assert.match(shown, /\[setup\] the Jupyter environment in \.venv is ready$/);
  },
);
