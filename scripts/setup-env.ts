/**
 * `npm run setup [-- --venv=DIR] [--requirements=FILE] [--log=FILE]`: prepares .venv and the
 * tslab kernelspec (the other scripts do this too), printing a few lines; pip's own output goes
 * to build/setup-pip.log and its tail is printed only when a step fails. The options put the
 * environment elsewhere (the tests use them for a fresh install into a temporary directory).
 * Exit codes: 0 ready, 1 a step failed, 2 bad arguments.
 */
import { resolve } from 'node:path';
import { parseCommandLine } from './lib/cli';
import { ensureEnv, shown, VENV, type EnvOptions } from './lib/env';

const USAGE = 'usage: setup-env [--venv=DIR] [--requirements=FILE] [--log=FILE]';

function parse(argv: string[]): EnvOptions {
  const { values } = parseCommandLine(
    argv,
    { venv: { type: 'string' }, requirements: { type: 'string' }, log: { type: 'string' } },
    USAGE,
  );
  for (const [name, value] of Object.entries(values))
    if (value === '') throw new Error(`--${name} needs a value (${USAGE})`);
  const path = (value: string | undefined) => (value === undefined ? undefined : resolve(value));
  return {
    venv: path(values.venv),
    requirements: path(values.requirements),
    pipLog: path(values.log),
  };
}

let options: EnvOptions;
try {
  options = parse(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
try {
  ensureEnv(options);
} catch (error) {
  console.error(`[setup] ${(error as Error).message}`);
  process.exit(1);
}
console.log(`[setup] the Jupyter environment in ${shown(options.venv ?? VENV)} is ready`);
