/**
 * Choosing the TensorFlow.js backend: `wasm` (shipped inside @tensorflow/tfjs-backend-wasm), else
 * the pure-JS `cpu`. Native `tensorflow` (@tensorflow/tfjs-node) runs only when asked for with
 * `TFJS_BACKEND=tensorflow`: on networks of lesson size it measured 2-3x slower per epoch than
 * wasm (each of the many small operations of a step costs more), and faster only on products of
 * about 1000x1000 and up. `TFJS_BACKEND=wasm|cpu|tensorflow` forces one, for comparisons.
 */
import * as tf from '@tensorflow/tfjs';
import { assertObject, assertOptions, InputError } from '../core/validate';
import { useFastWasmMatMul } from '../core/wasm-matmul';

export const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Which backend runs, and why it was chosen. */
export interface BackendReport {
  backend: BackendName;
  reason: string;
  tfjsVersion: string;
}

/** How backend packages are found and loaded; replaced in tests. */
export interface BackendLoader {
  /** The installed package's name from its package.json, or null when it is not installed. */
  installedName(moduleName: string): string | null;
  /** Loads a package for its side effect of registering a backend. */
  load(moduleName: string): void;
  /** Makes `name` the active backend; false when it cannot initialise. */
  activate(name: BackendName): Promise<boolean>;
}

const NATIVE_MODULE = '@tensorflow/tfjs-node';
const WASM_MODULE = '@tensorflow/tfjs-backend-wasm';

export const defaultLoader: BackendLoader = {
  installedName(moduleName) {
    try {
      // The package.json name tells a real tfjs-node from an npm alias of @tensorflow/tfjs.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional, may be absent
      return (require(`${moduleName}/package.json`) as { name: string }).name;
    } catch {
      return null;
    }
  },
  load(moduleName) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- name known only at run time
    require(moduleName);
  },
  async activate(name) {
    // The cpu backend prints an advert for tfjs-node on first use; we say which backend runs
    // ourselves.
    if (name === 'cpu') tf.env().set('PROD', true);
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  },
};

function requested(value: string | undefined): BackendName | null {
  if (value === undefined || value === '') return null;
  if ((BACKENDS as readonly string[]).includes(value)) return value as BackendName;
  throw new InputError(
    `TFJS_BACKEND must be one of ${BACKENDS.join(', ')}, got ${JSON.stringify(value)}`,
  );
}

/**
 * Picks and activates the backend (wasm, else cpu; tensorflow only when forced) and reports it.
 * @param options.prefer forces a backend (default: the TFJS_BACKEND environment variable).
 * @throws InputError for an unknown backend name, or Error when a forced backend cannot start.
 */
export async function chooseBackend(
  options: { prefer?: string; loader?: BackendLoader } = {},
): Promise<BackendReport> {
  assertOptions<{ prefer?: string; loader?: BackendLoader }>(options, {
    prefer: true,
    loader: true,
  });
  const loader = options.loader ?? defaultLoader;
  const forced = requested(options.prefer ?? process.env.TFJS_BACKEND);
  const report = (backend: BackendName, reason: string): BackendReport => ({
    backend,
    reason,
    tfjsVersion: tf.version.tfjs,
  });
  const nativeInstalled = loader.installedName(NATIVE_MODULE) === NATIVE_MODULE;

  const attempt = async (name: BackendName): Promise<boolean> => {
    if (name === 'tensorflow') {
      if (!nativeInstalled) return false;
      loader.load(NATIVE_MODULE);
    } else if (name === 'wasm') {
      if (loader.installedName(WASM_MODULE) !== WASM_MODULE) return false;
      loader.load(WASM_MODULE);
      useFastWasmMatMul(); // transposed products through XNNPACK: see src/core/wasm-matmul.ts
    }
    return loader.activate(name);
  };

  if (forced) {
    if (!(await attempt(forced)))
      throw new Error(`TFJS_BACKEND=${forced} was requested but that backend could not start`);
    return report(forced, 'requested by TFJS_BACKEND');
  }
  const native = nativeInstalled
    ? `${NATIVE_MODULE} is installed: TFJS_BACKEND=tensorflow uses it`
    : `${NATIVE_MODULE} is not installed`;
  if (await attempt('wasm'))
    return report('wasm', `the fastest for lesson-sized networks; ${native}`);
  if (await attempt('cpu')) return report('cpu', `wasm did not start; ${native}`);
  throw new Error('no TensorFlow.js backend could start (tried wasm, cpu)');
}

/** One line naming the engine and backend, e.g. "TensorFlow.js 4.22.0 on wasm (...)". */
export function describeBackend(report: BackendReport): string {
  assertObject('report', report, '{ backend, tfjsVersion, reason } (from chooseBackend)');
  return `TensorFlow.js ${report.tfjsVersion} on the ${report.backend} backend (${report.reason})`;
}
