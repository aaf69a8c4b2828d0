/**
 * A kernel whose port was taken between Jupyter choosing it and the kernel binding it: the
 * launcher exits at once instead of running on without sockets (which left the executor waiting
 * for its 120 s start-up timeout), and the executor starts the kernel again on other ports.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureEnv, jupyterEnv, PYTHON, ROOT } from '../../scripts/lib/env';

const LAUNCHER = join(ROOT, 'scripts', 'tslab-kernel.js');

/** Runs a command to its end; its exit code and both output streams. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test(
  'the kernel launcher exits when a port it was given is taken',
  { timeout: 120_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'kernel-port-'));
    const taken = createServer();
    t.after(() => {
      taken.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const connection = join(dir, 'connection.json');
    writeFileSync(
      connection,
      JSON.stringify({
        transport: 'tcp',
        ip: '127.0.0.1',
        shell_port: port,
        iopub_port: await freePort(),
        stdin_port: await freePort(),
        control_port: await freePort(),
        hb_port: await freePort(),
        key: 'test',
        signature_scheme: 'hmac-sha256',
      }),
    );
    // Before the launcher handled this, the kernel never exited: this run would hit the timeout.
    const r = await run(process.execPath, [LAUNCHER, 'kernel', '--config-path', connection]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`cannot bind tcp://127\\.0\\.0\\.1:${port}: the port is taken`),
    );
  },
);

test(
  'the executor starts a kernel again when it dies before answering',
  { timeout: 300_000 },
  async (t) => {
    ensureEnv(() => {});
    // A kernelspec whose first start dies at once, as a launcher that lost a port does.
    const dir = mkdtempSync(join(tmpdir(), 'kernel-restart-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const marker = join(dir, 'started-once');
    const script =
      `if [ -e '${marker}' ]; then exec '${process.execPath}' '${LAUNCHER}' kernel ` +
      `--config-path "$0"; else touch '${marker}'; exit 1; fi`;
    mkdirSync(join(dir, 'kernels', 'flaky'), { recursive: true });
    writeFileSync(
      join(dir, 'kernels', 'flaky', 'kernel.json'),
      JSON.stringify({
        argv: ['sh', '-c', script, '{connection_file}'],
        display_name: 'flaky',
        language: 'typescript',
      }),
    );
    const r = await run(
      PYTHON,
      [
        join(ROOT, 'scripts', 'lib', 'execute_notebook.py'),
        join(ROOT, 'test', 'fixtures', '01-good.ipynb'),
        join(dir, 'out.ipynb'),
        '--kernel=flaky',
        '--startup-timeout=60',
      ],
      jupyterEnv({ JUPYTER_PATH: dir }),
    );
    const events = r.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const kernel = events.find((e) => e.event === 'kernel');
    const done = events.find((e) => e.event === 'done');
    assert.equal(kernel?.attempts, 2, r.stdout + r.stderr);
    assert.equal(done?.ok, true, r.stdout + r.stderr);
  },
);
