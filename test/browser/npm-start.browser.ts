/**
 * `npm run test:browser` (second part): `npm start` as a reader runs it.
 *
 * Runs `npm start -- --no-browser` (as root too: then it must say it adds --allow-root), reads its
 * console until the line with the URL (no fixed wait), checks that at most 5 lines come before
 * it, opens that URL in Chromium and checks that the file browser lists the lessons of notebooks/
 * and that the launcher and the REST API offer the TypeScript (tslab) kernel, runs a line of
 * TypeScript in a tslab console, then sends SIGINT to npm's process group as a terminal's Ctrl+C
 * does and checks that npm ends with one more line and that no process of this run (server,
 * kernel) is left.
 *
 * The run gets Jupyter config, data and runtime directories of its own (environment variables
 * that `npm start` passes on, as it would a reader's), so the reader's own workspace is not
 * touched; they also mark every process of the run, which is how leftovers are found.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, signalProcess } from '../../scripts/lib/browser';
import { ensureEnv, ROOT } from '../../scripts/lib/env';
import { waitUntil } from '../support/wait';

const KERNEL_DISPLAY_NAME = 'TypeScript (tslab)';
const MAX_LINES_BEFORE_URL = 5;
/** Seconds `npm start` may take to print the URL (a loaded machine starts Jupyter slowly). */
const START_TIMEOUT_S = 180;
const READY = /JupyterLab is ready: open (http:\/\/\S+\/lab\?token=([0-9a-f]+))/;

/** Living (not zombie) processes whose command line or environment contains `marker`. */
function processesMarked(marker: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8');
      if (command.includes(marker) || environ.includes(marker))
        found.push({ pid: Number(entry), command });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

async function main(): Promise<void> {
  const started = Date.now();
  // Whatever set-up is due happens here, not in the lines counted below.
  ensureEnv((line) => console.log(`[setup] ${line}`));
  const work = mkdtempSync(join(tmpdir(), 'multilabel-npm-start-'));
  const lessons = readdirSync(join(ROOT, 'notebooks'))
    .filter((f) => f.endsWith('.ipynb'))
    .sort();
  assert.ok(lessons.length > 0, 'notebooks/ has no lesson');

  // Its own process group, as a shell's foreground job: SIGINT goes to all of it.
  const npm = spawn('npm', ['start', '--', '--no-browser'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      JUPYTER_CONFIG_DIR: join(work, 'config'),
      JUPYTER_DATA_DIR: join(work, 'data'),
      JUPYTER_RUNTIME_DIR: join(work, 'runtime'),
    },
  });
  const npmPid = npm.pid as number;
  const lines: string[] = [];
  let exit: string | null = null;
  npm.on('exit', (code, signal) => (exit = signal ?? String(code)));
  for (const [stream, tag] of [
    [npm.stdout, ''],
    [npm.stderr, '[stderr] '],
  ] as const) {
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) lines.push(tag + part);
    });
  }
  const shownLines = () => lines.map((l) => `  | ${l}`).join('\n');

  let browser: Awaited<ReturnType<typeof launchChromium>> | null = null;
  try {
    const readyAt = await waitUntil(
      'the URL line of npm start',
      async () => {
        if (exit !== null)
          throw new Error(`npm start ended (${exit}) before printing the URL:\n${shownLines()}`);
        const i = lines.findIndex((l) => READY.test(l));
        return i >= 0 ? i : null;
      },
      { timeoutMs: START_TIMEOUT_S * 1000, intervalMs: 250 },
    );
    const [, url, token] = READY.exec(lines[readyAt]) as RegExpExecArray;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`npm start printed its URL after ${seconds} s:\n${shownLines()}`);
    assert.ok(
      readyAt <= MAX_LINES_BEFORE_URL,
      `npm start printed ${readyAt} lines before the URL, more than ${MAX_LINES_BEFORE_URL}`,
    );
    if (typeof process.getuid === 'function' && process.getuid() === 0)
      assert.ok(
        lines.slice(0, readyAt).some((l) => l.includes('as root') && l.includes('--allow-root')),
        'running as root, npm start does not say that it adds --allow-root',
      );
    assert.ok(
      !lines.slice(0, readyAt).some((l) => l.startsWith('[stderr] ')),
      'npm start wrote to stderr before the URL line',
    );

    const base = new URL(url).origin;
    const api = (path: string) =>
      fetch(`${base}${path}`, { headers: { Authorization: `token ${token}` } });
    assert.equal((await fetch(url)).status, 200, `${url} does not answer 200`);
    const specs = (await (await api('/api/kernelspecs')).json()) as {
      kernelspecs: Record<string, { spec: { display_name: string } }>;
    };
    assert.equal(
      specs.kernelspecs.tslab?.spec.display_name,
      KERNEL_DISPLAY_NAME,
      `the server offers no ${KERNEL_DISPLAY_NAME} kernel: ${Object.keys(specs.kernelspecs)}`,
    );

    // The page, as the reader opens it: nothing from outside the server.
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.route('**/*', (route) =>
      route.request().url().startsWith(base) || route.request().url().startsWith('data:')
        ? route.continue()
        : route.abort(),
    );
    const page = await context.newPage();
    await page.goto(url);
    const listed = await waitUntil(
      'the file browser to list the lessons',
      async () => {
        const names = (
          await page.locator('.jp-DirListing-item .jp-DirListing-itemText').allInnerTexts()
        )
          .map((n) => n.trim())
          .filter((n) => n.endsWith('.ipynb'))
          .sort();
        return names.length >= lessons.length ? names : null;
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    assert.deepEqual(listed, lessons, 'the file browser does not list the lessons of notebooks/');
    const card = page.locator(
      `.jp-LauncherCard[data-category="Notebook"][title="${KERNEL_DISPLAY_NAME}"]`,
    );
    await card.first().waitFor({ timeout: 60_000 });
    console.log(
      `ok   the page lists the ${listed.length} lessons and the launcher offers ` +
        `${KERNEL_DISPLAY_NAME} notebooks`,
    );

    // A kernel of this run, in a console: the reader's way to try the kernel without a new file
    // in notebooks/ (which a notebook from the launcher would be).
    await page
      .locator(`.jp-LauncherCard[data-category="Console"][title="${KERNEL_DISPLAY_NAME}"]`)
      .first()
      .click();
    const prompt = page.locator('.jp-CodeConsole-promptCell .cm-content');
    await prompt.waitFor({ timeout: 60_000 });
    // Code sent before the console's kernel exists is dropped by JupyterLab ("Session has no
    // kernel"), so wait until the server reports the console's kernel idle.
    await waitUntil(
      "the console's kernel to be idle",
      async () => {
        const sessions = (await (await api('/api/sessions')).json()) as {
          type: string;
          kernel: { name: string; execution_state: string } | null;
        }[];
        return sessions.some((s) => s.type === 'console' && s.kernel?.execution_state === 'idle');
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    await prompt.click();
    const code = 'const answer: number = 6 * 7; answer';
    await page.keyboard.type(code);
    await waitUntil('the code to be in the prompt', async () =>
      (await prompt.innerText()).includes(code),
    );
    await page.keyboard.press('Shift+Enter');
    const output = page.locator('.jp-CodeConsole-content .jp-OutputArea-output');
    await output.first().waitFor({ timeout: 120_000 });
    assert.equal(
      (await output.first().innerText()).trim(),
      '42',
      'the TypeScript console did not print 42',
    );
    console.log(`ok   a ${KERNEL_DISPLAY_NAME} console runs TypeScript in the page`);
    const running = processesMarked(work);
    for (const [what, pattern] of [
      ['JupyterLab server', /jupyter-lab/],
      ['tslab kernel', /tslab-kernel\.js/],
    ] as const)
      assert.ok(
        running.some((p) => pattern.test(p.command)),
        `no ${what} among the processes of this run:\n` +
          running.map((p) => `  ${p.pid} ${p.command}`).join('\n'),
      );

    // Ctrl+C in a terminal: SIGINT to the foreground process group.
    const before = lines.length;
    const stopAt = Date.now();
    signalProcess(-npmPid, 'SIGINT');
    await waitUntil('npm start to end after SIGINT', async () => exit, {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    const after = lines.slice(before).filter((l) => l.trim() !== '');
    console.log(
      `npm start ended (${exit}) ${((Date.now() - stopAt) / 1000).toFixed(1)} s after ` +
        `SIGINT, printing:\n${after.map((l) => `  | ${l}`).join('\n')}`,
    );
    // npm ends itself with the SIGINT it got, once its script has ended (a shell shows 130).
    assert.ok(
      ['SIGINT', '130', '0'].includes(exit ?? ''),
      `npm start ended with ${exit}, not SIGINT, 130 or 0`,
    );
    assert.equal(after.length, 1, 'npm start printed other than one line on Ctrl+C');
    const left = await waitUntil(
      'every process of this run to end',
      async () => {
        const now = processesMarked(work);
        return now.length === 0 ? now : null;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    ).catch(() => processesMarked(work));
    assert.deepEqual(
      left.map((p) => `${p.pid} ${p.command}`),
      [],
      'processes of this run are left after Ctrl+C',
    );
    await assert.rejects(fetch(`${base}/api/status`), 'the server still answers after Ctrl+C');
    console.log(
      `ok   npm start: URL after ${readyAt} lines, lessons and kernel in the page, ` +
        `nothing left after Ctrl+C; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await browser?.close().catch(() => undefined);
    if (exit === null) signalProcess(-npmPid, 'SIGKILL');
    for (const p of processesMarked(work)) signalProcess(p.pid, 'SIGKILL');
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
