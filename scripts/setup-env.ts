/** `npm run setup`: prepares .venv and the tslab kernelspec (the other scripts do this too). */
import { ensureEnv } from './lib/env';

ensureEnv();
console.log('[setup] the Jupyter environment in .venv is ready');
