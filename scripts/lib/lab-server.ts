/**
 * The one way this project starts JupyterLab, for `npm start` (scripts/start-lab.ts) and for the
 * browser tests alike: the project's .venv and tslab kernel, `notebooks/` (or a directory of the
 * caller's choosing) as the root, `--allow-root` when the user is root, the same server settings,
 * a token of ours (so the URL is known before the server prints it) and a port found from 8888
 * upward. The server's own log goes to a file (build/jupyterlab.log); the console gets one line
 * while it starts, one when it answers, and the log's errors.
 *
 * What differs legitimately is an option: the tests serve a temporary copy of the lessons with
 * settings, workspaces and runtime files in a temporary directory, on any free port; `npm start`
 * uses the user's own Jupyter state, opens a browser unless told not to, and passes the user's
 * extra arguments through.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { descendants, firstFreePort, freePort, signalProcess } from './browser';
import { ensureEnv, jupyterEnv, ROOT, shown, VENV_BIN } from './env';

/** Where `npm start` writes the server's log. */
export const LAB_LOG = join(ROOT, 'build', 'jupyterlab.log');
/** Jupyter's usual port, the first one tried. */
export const FIRST_PORT = 8888;

export interface LabServer {
  /** http://HOST:PORT, where the REST API answers. */
  base: string;
  /** The page to open: JupyterLab with the token, which logs the browser in. */
  url: string;
  token: string;
  port: number;
  /** Where the server's output goes. */
  logFile: string;
  /** GET/POST/DELETE on the server's REST API with the token. */
  api(path: string, method?: string): Promise<Response>;
  /** Shuts down kernels and the server; kills whatever is left. Safe to call twice. */
  stop(): Promise<void>;
  /** Whether stop() has been called (by the caller or on a signal). */
  stopping(): boolean;
  /** The end of the server's output so far (for error messages). */
  log(): string;
  /** Settles when the server process has exited, with its exit code or signal. */
  exited: Promise<string>;
}

/**
 * JupyterLab settings for a lab driven by a browser test: every cell kept in the page (so that
 * outputs can be counted and screenshotted) and no news or update checks (no network).
 */
export const BROWSER_TEST_LAB_SETTINGS = {
  '@jupyterlab/notebook-extension:tracker': { windowingMode: 'none' },
  '@jupyterlab/apputils-extension:notification': { fetchNews: 'false', checkForUpdates: false },
};

export interface LabOptions {
  /** The directory JupyterLab serves (default: notebooks/). */
  notebookDir?: string;
  /**
   * Where config, settings, workspaces and runtime files go (a test's temporary directory).
   * Default: the user's own Jupyter directories.
   */
  stateDir?: string;
  /** JupyterLab user settings, plugin id -> settings object; needs `stateDir`. */
  settings?: Record<string, object>;
  /** The first port tried, upward (default 8888); `'any'`: one the system picks. */
  port?: number | 'any';
  /** The address the server listens on (default 127.0.0.1). */
  ip?: string;
  /** The token in the URL (default: a new random one). */
  token?: string;
  /** Let Jupyter open the URL in the user's browser (default false). */
  openBrowser?: boolean;
  /** More arguments for `jupyter lab`; one that sets an option of ours replaces ours. */
  extraArgs?: string[];
  /** Where the server's output goes (default build/jupyterlab.log). */
  logFile?: string;
  /** Prints a line on the console (default console.log). Errors of the server's log go to
   * console.error. */
  say?: (line: string) => void;
  startTimeoutMs?: number;
}

/** The last lines of a log, for an error message. */
function tail(text: string, lines = 12): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** A log record of Jupyter's: "[I 2026-12-06 20:03:02.586 ServerApp] ...". */
const RECORD = /^\[[A-Z] \d{4}-\d\d-\d\d /;
/** A record or line worth showing: errors, critical errors, tracebacks. */
const ERROR_LINE = /^\[[EC] |Traceback|ERROR/;
const HANDLED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** Errors about the port, which startLab handles by trying the next one. */
const PORT_TAKEN = /is already in use|port \d+ is not available/;

/**
 * Follows the server's output line by line: every line to the log file, and the lines that look
 * like errors (with the traceback lines after them) to `show`.
 */
function errorFilter(show: (line: string) => void): (chunk: string) => void {
  let partial = '';
  let showing = false;
  return (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (RECORD.test(line) || ERROR_LINE.test(line)) showing = ERROR_LINE.test(line);
      if (showing && line.trim() !== '' && !PORT_TAKEN.test(line)) show(line);
    }
  };
}

/** The arguments both ways of starting JupyterLab share. */
function labArgs(o: {
  ip: string;
  port: number;
  token: string;
  notebookDir: string;
  openBrowser: boolean;
}): string[] {
  const args = [
    'lab',
    `--ServerApp.ip=${o.ip}`,
    `--ServerApp.port=${o.port}`,
    // We chose a free port; if it is taken meanwhile, startLab tries the next one itself.
    '--ServerApp.port_retries=0',
    `--ServerApp.open_browser=${o.openBrowser ? 'True' : 'False'}`,
    `--IdentityProvider.token=${o.token}`,
    `--ServerApp.root_dir=${o.notebookDir}`,
    // Offline and quiet: no news feed, no update check, no extension installs from PyPI.
    '--LabApp.news_url=',
    '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
    '--LabApp.extension_manager=readonly',
  ];
  // Containers often run as root; Jupyter refuses that unless told.
  if (isRoot()) args.push('--allow-root');
  return args;
}

/** Short names of the options startLab sets, as `jupyter lab` knows them. */
const ALIASES: Record<string, string> = {
  'notebook-dir': 'ServerApp.root_dir',
  'ServerApp.notebook_dir': 'ServerApp.root_dir',
  port: 'ServerApp.port',
  ip: 'ServerApp.ip',
  'port-retries': 'ServerApp.port_retries',
  'no-browser': 'ServerApp.open_browser',
  browser: 'ServerApp.open_browser',
  'allow-root': 'ServerApp.allow_root',
  'ServerApp.token': 'IdentityProvider.token',
};

/** The option an argument sets ("--port=1" -> "ServerApp.port"), or null for a value. */
function optionOf(arg: string): string | null {
  if (!arg.startsWith('-')) return null;
  const name = arg.replace(/^-+/, '').split('=')[0];
  return ALIASES[name] ?? name;
}

/**
 * Our arguments followed by the caller's, without ours that the caller's set again: `jupyter lab`
 * takes an option given twice for a list, and fails.
 */
function mergeArgs(ours: string[], extra: string[]): string[] {
  const overridden = new Set(extra.map(optionOf).filter((o) => o !== null));
  return [...ours.filter((arg) => !overridden.has(optionOf(arg) ?? '')), ...extra];
}

/**
 * Starts JupyterLab and resolves once its REST API answers (polling `/api/status`). Until stop()
 * is called, SIGINT, SIGTERM and SIGHUP stop the server and its kernels, print one line and exit
 * (128 + the signal's number: 130 for Ctrl-C).
 * @throws Error with the end of the server's log when it exits or does not answer in time.
 */
export async function startLab(options: LabOptions = {}): Promise<LabServer> {
  const say = options.say ?? ((line: string) => console.log(line));
  ensureEnv((line) => say(`[setup] ${line}`));
  const notebookDir = options.notebookDir ?? join(ROOT, 'notebooks');
  const ip = options.ip ?? '127.0.0.1';
  // Where ports are checked, and where we reach the server: one listening on every address
  // answers on the loopback one.
  const bindHost = ['*', ''].includes(ip) ? '0.0.0.0' : ip;
  const everywhere = ['0.0.0.0', '::'].includes(bindHost);
  const host = everywhere ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const token = options.token ?? randomBytes(24).toString('hex');
  const logFile = options.logFile ?? LAB_LOG;
  const timeoutMs = options.startTimeoutMs ?? 300_000;

  const extraEnv: Record<string, string> = {};
  if (options.stateDir !== undefined) {
    const settingsDir = join(options.stateDir, 'settings');
    for (const [plugin, value] of Object.entries(options.settings ?? {})) {
      // "@jupyterlab/notebook-extension:tracker" ->
      //   settings/@jupyterlab/notebook-extension/tracker.jupyterlab-settings
      const [pkg, name] = plugin.split(':');
      const file = join(settingsDir, pkg, `${name}.jupyterlab-settings`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(value, null, 2));
    }
    extraEnv.JUPYTER_CONFIG_DIR = join(options.stateDir, 'config');
    extraEnv.JUPYTER_RUNTIME_DIR = join(options.stateDir, 'runtime');
  } else if (options.settings !== undefined) {
    throw new Error("startLab: settings need a stateDir (the user's own settings are not ours)");
  }
  const stateArgs =
    options.stateDir === undefined
      ? []
      : [
          `--LabApp.user_settings_dir=${join(options.stateDir, 'settings')}`,
          `--LabApp.workspaces_dir=${join(options.stateDir, 'workspaces')}`,
        ];

  const wanted = options.port ?? FIRST_PORT;
  let port = wanted === 'any' ? await freePort(bindHost) : await firstFreePort(wanted, bindHost);
  const where = [
    `on ${shown(notebookDir)}/`,
    wanted === 'any' || port === wanted ? `port ${port}` : `port ${port} (${wanted} is taken)`,
  ];
  if (isRoot()) where.push('as root, so with --allow-root');
  say(`Starting JupyterLab ${where.join(', ')}...`);

  mkdirSync(dirname(logFile), { recursive: true });
  const logStream = createWriteStream(logFile);
  let output = '';
  const record = (chunk: string) => {
    logStream.write(chunk);
    output = (output + chunk).slice(-20_000);
  };
  const showErrors = errorFilter((line) => console.error(line));

  for (let attempt = 1; ; attempt++) {
    const args = mergeArgs(
      [
        ...labArgs({ ip, port, token, notebookDir, openBrowser: options.openBrowser ?? false }),
        ...stateArgs,
      ],
      options.extraArgs ?? [],
    );
    // The log names the token's option, not the token.
    record(`$ jupyter ${args.join(' ').replaceAll(token, '<token>')}\n`);
    // Its own process group, so that stop() can take down the server with anything it started.
    const child = spawn(join(VENV_BIN, 'jupyter'), args, {
      cwd: ROOT,
      env: jupyterEnv(extraEnv),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let thisRun = '';
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (chunk: Buffer) => {
        record(chunk.toString());
        showErrors(chunk.toString());
        thisRun = (thisRun + chunk.toString()).slice(-20_000);
      });
    const exitedPromise = new Promise<string>((resolveExit) =>
      child.on('exit', (code, signal) => resolveExit(signal ?? String(code))),
    );
    const base = `http://${host}:${port}`;
    const api = (path: string, method = 'GET') =>
      fetch(`${base}${path}`, { method, headers: { Authorization: `token ${token}` } });

    let stopped = false;
    let signalled = false;
    // The server is in its own process group and session, out of reach of a terminal's Ctrl-C
    // or hang-up: stop it on SIGINT/SIGTERM/SIGHUP, then leave with the usual status. The
    // handlers stay until the process exits, so that a second Ctrl-C (or tsx relaying the first)
    // does not cut the stop short.
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) return;
      signalled = true;
      void stop().finally(() => {
        say('JupyterLab stopped, with its kernels.');
        process.exit(128 + constants.signals[signal]);
      });
    };
    // The last resort, when this process ends without stop() (an uncaught error): nothing of
    // the server's may outlive it.
    const onExit = () => {
      if (!child.pid || exited(child)) return;
      for (const pid of descendants(child.pid)) signalProcess(pid, 'SIGKILL');
      signalProcess(-child.pid, 'SIGKILL');
    };
    for (const signal of HANDLED_SIGNALS) process.on(signal, onSignal);
    process.on('exit', onExit);
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      if (!signalled) for (const signal of HANDLED_SIGNALS) process.off(signal, onSignal);
      // Kernels run in sessions of their own: note them before the server forgets them.
      const leftovers = child.pid ? descendants(child.pid) : [];
      if (!exited(child)) {
        // Shut down through the API, which ends the kernels first; one that does not answer
        // (still starting, or hung) gets SIGTERM below, which Jupyter also handles cleanly.
        const answered = await api('/api/shutdown', 'POST').then(
          (response) => response.ok,
          () => false,
        );
        for (let i = 0; answered && i < 50 && !exited(child); i++) await sleep(200);
      }
      if (child.pid && !exited(child)) {
        signalProcess(-child.pid, 'SIGTERM');
        for (let i = 0; i < 25 && !exited(child); i++) await sleep(200);
        if (!exited(child)) signalProcess(-child.pid, 'SIGKILL');
      }
      for (const pid of leftovers) signalProcess(pid, 'SIGKILL');
      await Promise.race([exitedPromise, sleep(2000)]);
      process.off('exit', onExit);
      await new Promise<void>((resolveEnd) => logStream.end(resolveEnd));
    };

    const deadline = Date.now() + timeoutMs;
    let portTaken = false;
    try {
      for (;;) {
        // Ctrl-C while it starts: the signal handler stops the server and ends the process.
        if (signalled) await new Promise<never>(() => undefined);
        if (exited(child)) {
          // Another process took the port between our check and the server's bind.
          portTaken = PORT_TAKEN.test(thisRun) && attempt < 5;
          if (portTaken) break;
          throw new Error(
            `JupyterLab exited (${child.exitCode ?? child.signalCode}) before answering; ` +
              `the end of its log (${shown(logFile)}):\n${tail(output)}`,
          );
        }
        if (Date.now() > deadline)
          throw new Error(
            `JupyterLab did not answer on ${base} within ${timeoutMs / 1000} s; ` +
              `the end of its log (${shown(logFile)}):\n${tail(output)}`,
          );
        try {
          const response = await api('/api/status');
          if (response.ok) break;
        } catch {
          // Not listening yet.
        }
        await sleep(250);
      }
    } catch (error) {
      await stop();
      throw error;
    }
    if (portTaken) {
      for (const signal of HANDLED_SIGNALS) process.off(signal, onSignal);
      process.off('exit', onExit);
      const taken = port;
      port = wanted === 'any' ? await freePort(bindHost) : await firstFreePort(port + 1, bindHost);
      say(`Port ${taken} was taken meanwhile: trying ${port}...`);
      continue;
    }
    const url = `${base}/lab?token=${token}`;
    say(`JupyterLab is ready: open ${url} (Ctrl+C stops it; server log: ${shown(logFile)})`);
    return {
      base,
      url,
      token,
      port,
      logFile,
      api,
      stop,
      stopping: () => stopped,
      log: () => output,
      exited: exitedPromise,
    };
  }
}
