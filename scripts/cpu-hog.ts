/**
 * `tsx scripts/cpu-hog.ts [--procs=N] [--seconds=S] [-- COMMAND ARGS...]`: keeps N cores busy
 * (default: all of them) for at most S seconds (default 300, at most 3600), to check that tests
 * hold on a loaded machine. With a command, runs it under that load, stops the busy processes as
 * soon as it exits and exits with its status; without one, exits when the S seconds are over.
 *
 * Each busy process is a Node.js loop that checks the clock and exits by itself at the deadline,
 * so none outlives its bound even if this script is killed. Ctrl-C or SIGTERM stops them at once.
 * `npm run test:under-load` runs the whole `npm test` this way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseCommandLine, wholeNumber } from './lib/cli';

const USAGE = 'usage: cpu-hog [--procs=N] [--seconds=S] [-- COMMAND ARGS...]';
const MAX_SECONDS = 3600;

function parse(argv: string[]): { procs: number; seconds: number; command: string[] } {
  const split = argv.indexOf('--');
  const { values } = parseCommandLine(
    split < 0 ? argv : argv.slice(0, split),
    { procs: { type: 'string' }, seconds: { type: 'string' } },
    USAGE,
  );
  const command = split < 0 ? [] : argv.slice(split + 1);
  if (split >= 0 && command.length === 0) throw new Error(`no command after "--" (${USAGE})`);
  return {
    procs:
      values.procs === undefined
        ? availableParallelism()
        : wholeNumber('--procs', values.procs, 1, 64),
    seconds:
      values.seconds === undefined ? 300 : wholeNumber('--seconds', values.seconds, 1, MAX_SECONDS),
    command,
  };
}

function main(): void {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const { procs, seconds, command } = options;
  const deadline = Date.now() + seconds * 1000;
  // The deadline is fixed in the child's source: it stops by itself whatever happens here.
  const loop = `const end = ${deadline}; let x = 0; while (Date.now() < end) x = (x + 1) % 1e9;`;
  const hogs: ChildProcess[] = Array.from({ length: procs }, () =>
    spawn(process.execPath, ['-e', loop], { stdio: 'ignore' }),
  );
  console.log(`[cpu-hog] ${procs} busy process(es) for at most ${seconds} s`);
  const stopHogs = () => hogs.forEach((h) => h.exitCode === null && h.kill('SIGKILL'));
  const stopAll = (target?: ChildProcess) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.on(signal, () => {
        stopHogs();
        target?.kill(signal);
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
  };
  if (command.length === 0) {
    stopAll();
    let left = hogs.length;
    hogs.forEach((h) =>
      h.on('exit', () => {
        if (--left === 0) console.log('[cpu-hog] done');
      }),
    );
    return;
  }
  const target = spawn(command[0], command.slice(1), { stdio: 'inherit' });
  stopAll(target);
  target.on('error', (error) => {
    stopHogs();
    console.error(`[cpu-hog] cannot run ${command[0]}: ${error.message}`);
    process.exit(2);
  });
  target.on('exit', (code, signal) => {
    stopHogs();
    const stillBusy = Date.now() < deadline;
    console.log(
      `[cpu-hog] ${command.join(' ')} exited with ${signal ?? code}` +
        (stillBusy ? '' : ` (after the load had ended: raise --seconds to cover the whole run)`),
    );
    process.exit(code ?? 1);
  });
}

main();
