import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {
  chooseBackend,
  describeBackend,
  type BackendLoader,
  type BackendName,
} from '../../src/notebook/backend';
import { InputError } from '../../src/core/validate';

/** A loader that pretends some packages are installed and some backends start. */
function fakeLoader(
  installed: Record<string, string>,
  starts: BackendName[],
): BackendLoader & { loaded: string[] } {
  const loaded: string[] = [];
  return {
    loaded,
    installedName: (name) => installed[name] ?? null,
    load: (name) => void loaded.push(name),
    activate: async (name) => starts.includes(name),
  };
}

const WASM = { '@tensorflow/tfjs-backend-wasm': '@tensorflow/tfjs-backend-wasm' };

test('wasm is the default, even where tfjs-node is installed and would start', async () => {
  const loader = fakeLoader({ ...WASM, '@tensorflow/tfjs-node': '@tensorflow/tfjs-node' }, [
    'tensorflow',
    'wasm',
    'cpu',
  ]);
  const report = await chooseBackend({ prefer: '', loader });
  assert.equal(report.backend, 'wasm');
  assert.deepEqual(loader.loaded, ['@tensorflow/tfjs-backend-wasm']);
  assert.match(report.reason, /tfjs-node is installed: TFJS_BACKEND=tensorflow uses it/);
});

test('tfjs-node runs when asked for', async () => {
  const loader = fakeLoader({ ...WASM, '@tensorflow/tfjs-node': '@tensorflow/tfjs-node' }, [
    'tensorflow',
    'wasm',
  ]);
  const report = await chooseBackend({ prefer: 'tensorflow', loader });
  assert.equal(report.backend, 'tensorflow');
  assert.deepEqual(loader.loaded, ['@tensorflow/tfjs-node']);
});

test('without tfjs-node, wasm is chosen and the reason says so', async () => {
  const report = await chooseBackend({
    prefer: '',
    loader: fakeLoader(WASM, ['tensorflow', 'wasm', 'cpu']),
  });
  assert.equal(report.backend, 'wasm');
  assert.match(report.reason, /tfjs-node is not installed/);
  assert.match(describeBackend(report), /^TensorFlow\.js \d+\.\d+\.\d+ on the wasm backend \(/);
});

test('an npm alias of @tensorflow/tfjs as tfjs-node is not the native backend', async () => {
  const loader = fakeLoader({ ...WASM, '@tensorflow/tfjs-node': '@tensorflow/tfjs' }, [
    'tensorflow',
    'wasm',
  ]);
  await assert.rejects(
    chooseBackend({ prefer: 'tensorflow', loader }),
    /TFJS_BACKEND=tensorflow was requested but that backend could not start/,
  );
  assert.deepEqual(loader.loaded, []);
});

test('cpu is the last resort, and says why', async () => {
  const report = await chooseBackend({
    prefer: '',
    loader: fakeLoader({ '@tensorflow/tfjs-node': '@tensorflow/tfjs-node', ...WASM }, ['cpu']),
  });
  assert.equal(report.backend, 'cpu');
  assert.match(report.reason, /wasm did not start; .*tfjs-node is installed/);
});

test('a forced backend is used or fails loudly; unknown names are refused', async () => {
  assert.equal(
    (await chooseBackend({ prefer: 'cpu', loader: fakeLoader(WASM, ['wasm', 'cpu']) })).backend,
    'cpu',
  );
  await assert.rejects(
    chooseBackend({ prefer: 'tensorflow', loader: fakeLoader(WASM, ['wasm']) }),
    /TFJS_BACKEND=tensorflow was requested but that backend could not start/,
  );
  await assert.rejects(
    chooseBackend({ prefer: 'webgpu', loader: fakeLoader(WASM, ['wasm']) }),
    (e: unknown) =>
      e instanceof InputError &&
      /TFJS_BACKEND must be one of tensorflow, wasm, cpu, got "webgpu"/.test(e.message),
  );
});

test('on this machine the real loader activates a working backend', async () => {
  const report = await chooseBackend({ prefer: '' });
  assert.equal(tf.getBackend(), report.backend);
  assert.equal(report.backend, 'wasm', `expected wasm, got ${report.backend}`);
  assert.deepEqual(
    Array.from(tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync())),
    [11],
  );
});
