/** `npm start`: JupyterLab from the project's .venv, on notebooks/, with the TypeScript kernel. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureEnv, jupyterEnv, ROOT, VENV_BIN } from './lib/env';

ensureEnv();
const lab = spawn(
  join(VENV_BIN, 'jupyter'),
  ['lab', `--notebook-dir=${join(ROOT, 'notebooks')}`, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: jupyterEnv(),
  },
);
lab.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => lab.kill(signal));
