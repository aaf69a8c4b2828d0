/**
 * `npm start`: JupyterLab from the project's .venv on notebooks/, with the TypeScript kernel,
 * started by startLab (scripts/lib/lab-server.ts) exactly as the browser tests start it.
 *
 * Prints one line while it starts and one with the URL when it answers; the server's log goes to
 * build/jupyterlab.log (its errors are shown). Ctrl+C stops the server and its kernels.
 *
 * `npm start -- --no-browser` does not open a browser; `--port=N` starts the search for a free port
 * at N (default 8888), `--ip=ADDRESS` listens elsewhere than 127.0.0.1 (e.g. 0.0.0.0 in a
 * container whose port is published), `--notebook-dir=DIR` serves another directory,
 * `--IdentityProvider.token=T` sets the token; any other argument goes to `jupyter lab` as it is
 * (in place of ours, when it sets the same option).
 */
import { resolve } from 'node:path';
import { shown } from './lib/env';
import { startLab, type LabOptions } from './lib/lab-server';

/** Takes `--name=value` or `--name value` (for any of `names`) out of `args`; the last one wins. */
function takeOption(args: string[], names: string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length;) {
    const [name, inline] = args[i].split(/=(.*)/s, 2);
    if (!names.includes(name)) {
      i++;
      continue;
    }
    const taken = inline !== undefined ? 1 : 2;
    value = inline ?? args[i + 1];
    args.splice(i, taken);
  }
  return value;
}

function startOptions(argv: string[]): LabOptions {
  const args = [...argv];
  const options: LabOptions = { openBrowser: true };
  for (;;) {
    const i = args.indexOf('--no-browser');
    if (i < 0) break;
    options.openBrowser = false;
    args.splice(i, 1);
  }
  const port = takeOption(args, ['--port', '--ServerApp.port']);
  if (port !== undefined) {
    if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
      throw new Error(`--port wants a port number, not "${port}"`);
    options.port = Number(port);
  }
  options.ip = takeOption(args, ['--ip', '--ServerApp.ip']);
  const dir = takeOption(args, ['--notebook-dir', '--ServerApp.root_dir']);
  if (dir !== undefined) options.notebookDir = resolve(dir);
  options.token = takeOption(args, ['--IdentityProvider.token', '--ServerApp.token']);
  options.extraArgs = args;
  return options;
}

async function main(): Promise<void> {
  const lab = await startLab(startOptions(process.argv.slice(2)));
  // Ctrl+C is handled by startLab; here, a server that ends by itself.
  const how = await lab.exited;
  if (lab.stopping()) return;
  await lab.stop();
  if (how === '0') {
    // Shut down from its File menu.
    console.log('JupyterLab has shut down.');
    process.exit(0);
  }
  console.error(`JupyterLab ended by itself (${how}); its log: ${shown(lab.logFile)}`);
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
