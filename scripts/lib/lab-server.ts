/**
 * A throwaway JupyterLab server for the browser tests: the project's .venv and tslab kernel, on a
 * free loopback port with a random token, serving a directory of the caller's choosing, with its
 * settings, workspaces and runtime files in a temporary directory (never the user's own).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { descendants, freePort, signalProcess } from './browser';
import { ensureEnv, jupyterEnv, VENV_BIN } from './env';

export interface LabServer {
  /** http://127.0.0.1:PORT */
  base: string;
  token: string;
  /** GET/POST/DELETE on the server's REST API with the token. */
  api(path: string, method?: string): Promise<Response>;
  /** Shuts down kernels and the server; kills whatever is left. Safe to call twice. */
  stop(): Promise<void>;
  /** The server's console output so far (for error messages). */
  log(): string;
}

export interface LabOptions {
  /** The directory JupyterLab serves (`--notebook-dir`). */
  notebookDir: string;
  /** Where settings, workspaces and runtime files go. */
  stateDir: string;
  /** JupyterLab user settings: plugin id -> settings object. */
  settings?: Record<string, object>;
  startTimeoutMs?: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Starts JupyterLab and resolves once its REST API answers. */
export async function startLabServer(options: LabOptions): Promise<LabServer> {
  ensureEnv((line) => console.log(`[setup] ${line}`));
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const settingsDir = join(options.stateDir, 'settings');
  for (const [plugin, value] of Object.entries(options.settings ?? {})) {
    // "@jupyterlab/notebook-extension:tracker" ->
    //   settings/@jupyterlab/notebook-extension/tracker.jupyterlab-settings
    const [pkg, name] = plugin.split(':');
    const file = join(settingsDir, pkg, `${name}.jupyterlab-settings`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(value, null, 2));
  }
  const args = [
    'lab',
    '--no-browser',
    '--ServerApp.ip=127.0.0.1',
    `--ServerApp.port=${port}`,
    '--ServerApp.port_retries=0',
    `--IdentityProvider.token=${token}`,
    `--notebook-dir=${options.notebookDir}`,
    `--LabApp.user_settings_dir=${settingsDir}`,
    `--LabApp.workspaces_dir=${join(options.stateDir, 'workspaces')}`,
    '--LabApp.news_url=',
    '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
    '--LabApp.extension_manager=readonly',
    '--ServerApp.terminals_enabled=False',
  ];
  // Containers often run as root; Jupyter refuses that unless told.
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--allow-root');
  const env = jupyterEnv({
    JUPYTER_CONFIG_DIR: join(options.stateDir, 'config'),
    JUPYTER_RUNTIME_DIR: join(options.stateDir, 'runtime'),
  });
  // Its own process group, so that stop() can take down the server with anything it started.
  const child = spawn(join(VENV_BIN, 'jupyter'), args, {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  const api = (path: string, method = 'GET') =>
    fetch(`${base}${path}`, { method, headers: { Authorization: `token ${token}` } });

  let stopped = false;
  // The server is in its own process group, out of reach of a terminal's Ctrl-C: stop it on
  // SIGINT/SIGTERM, then leave with the usual status.
  const onSignal = (signal: NodeJS.Signals) => {
    void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Kernels run in sessions of their own: note them before the server forgets them.
    const leftovers = child.pid ? descendants(child.pid) : [];
    if (!exited(child)) {
      try {
        await api('/api/shutdown', 'POST');
      } catch {
        // Not answering: killed below.
      }
      for (let i = 0; i < 50 && !exited(child); i++) await sleep(200);
    }
    if (child.pid && !exited(child)) {
      signalProcess(-child.pid, 'SIGTERM');
      for (let i = 0; i < 25 && !exited(child); i++) await sleep(200);
      if (!exited(child)) signalProcess(-child.pid, 'SIGKILL');
    }
    for (const pid of leftovers) signalProcess(pid, 'SIGKILL');
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 300_000);
  try {
    for (;;) {
      if (exited(child))
        throw new Error(
          `JupyterLab exited (${child.exitCode ?? child.signalCode}) before answering:\n` +
            output.slice(-3000),
        );
      if (Date.now() > deadline)
        throw new Error(
          `JupyterLab did not answer on ${base} within ` +
            `${(options.startTimeoutMs ?? 300_000) / 1000} s:\n${output.slice(-3000)}`,
        );
      try {
        const response = await api('/api/status');
        if (response.ok) break;
      } catch {
        // Not listening yet.
      }
      await sleep(500);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, token, api, stop, log: () => output };
}
