/**
 * Faster products on the wasm backend, as one wrapper around its `BatchMatMul` kernel:
 *
 * - **Transposed operands.** The kernel runs products with `transposeA` or `transposeB` (the two
 *   gradients of every Dense layer: x^T dy for the weights, dy W^T for the inputs) in a plain loop
 *   instead of XNNPACK, about 7 times slower than transposing first; the wrapper transposes the
 *   flagged operands explicitly and calls the kernel without flags. Results equal the original's
 *   up to float rounding order.
 * - **Stacks of matrices.** The kernel hands a product of stacks (`[K, m, n] x [K, n, p]` with
 *   K > 1) to a plain blocked loop instead of XNNPACK, which makes the products of an ensemble's
 *   stacked layers several times slower than K single products (src/core/ensemble/). The wrapper
 *   runs such a product as K products of one matrix each, copying the operands' slices on the
 *   wasm heap: member k's product is then the very computation a single model runs (same kernel,
 *   same shapes, so the same float32 summation order). Products of single matrices, and small
 *   products the plain loop computes faster and in the same order, go straight through.
 *
 * `chooseBackend` installs it when it activates wasm; the ensemble makes sure it is in place.
 */
import { describe, InputError } from './validate';
import * as tf from '@tensorflow/tfjs';

/** The parts of the wasm backend the wrapper uses. */
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
  disposeData(dataId: object): void;
}

type KernelArgs = {
  inputs: Record<string, tf.TensorInfo>;
  backend: WasmBackendLike;
  attrs: Record<string, unknown>;
};
type KernelFn = (args: KernelArgs) => tf.TensorInfo;

/** The backend's own kernel while the wrapper is in place. */
let original: tf.KernelConfig | null = null;

/** Runs products with transposed operands as explicit transposes and a plain product. */
function transposing(matMul: KernelFn, transposeFn: KernelFn): KernelFn {
  return (args) => {
    const { inputs, backend, attrs } = args;
    if (!attrs.transposeA && !attrs.transposeB) return matMul(args);
    const made: tf.TensorInfo[] = [];
    const swapLast = (t: tf.TensorInfo): tf.TensorInfo => {
      const perm = t.shape.map((_, i) => i);
      [perm[perm.length - 2], perm[perm.length - 1]] = [
        perm[perm.length - 1],
        perm[perm.length - 2],
      ];
      const out = transposeFn({ inputs: { x: t }, backend, attrs: { perm } });
      made.push(out);
      return out;
    };
    try {
      const a = attrs.transposeA ? swapLast(inputs.a) : inputs.a;
      const b = attrs.transposeB ? swapLast(inputs.b) : inputs.b;
      return matMul({
        inputs: { a, b },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      for (const t of made) backend.disposeData(t.dataId);
    }
  };
}

/**
 * The plain loop sums each product over blocks of 48 terms and adds the blocks up; up to 48 terms
 * it sums in XNNPACK's order (one term after the other from 0), so its results are the same.
 */
const BLOCK = 48;

/**
 * Below this many multiply-adds per matrix (and at most {@link BLOCK} shared terms) the plain loop
 * beats K XNNPACK calls, each of which packs its weights (measured on the wasm backend: the loop
 * takes about 1.1 ns per multiply-add, a split product about 8 us per matrix plus XNNPACK's time).
 */
const SPLIT_MIN_MACS = 8192;

/** Runs a product of K stacked matrices as K single-matrix products through `next`. */
function splitBatches(next: KernelFn): KernelFn {
  return (args) => {
    const { inputs, backend } = args;
    const { a, b } = inputs;
    // A matrix (rank 2) counts as a stack of one; higher ranks are left to the kernel.
    const stackOf = (t: tf.TensorInfo): number =>
      t.shape.length === 3 ? t.shape[0] : t.shape.length === 2 ? 1 : 0;
    const batchA = stackOf(a);
    const batchB = stackOf(b);
    const K = Math.max(batchA, batchB);
    // Only rank-3 float32 stacks of equal length (or one side a single matrix) are split.
    const splittable =
      K > 1 &&
      (batchA === K || batchA === 1) &&
      (batchB === K || batchB === 1) &&
      a.dtype === 'float32' &&
      b.dtype === 'float32';
    if (!splittable) return next(args);
    const [ra, ca] = a.shape.slice(-2);
    const [rb, cb] = b.shape.slice(-2);
    const rows = args.attrs.transposeA ? ca : ra;
    const shared = args.attrs.transposeA ? ra : ca;
    const cols = args.attrs.transposeB ? rb : cb;
    if (shared <= BLOCK && rows * shared * cols < SPLIT_MIN_MACS) return next(args);
    const made: tf.TensorInfo[] = [];
    const sliceOf = (t: tf.TensorInfo, k: number): tf.TensorInfo => {
      if (t.shape.length === 2 || t.shape[0] === 1) return t;
      const size = t.shape[1] * t.shape[2];
      const out = backend.makeOutput([1, t.shape[1], t.shape[2]], 'float32');
      made.push(out);
      // Views are taken after allocating: growing the heap detaches older views.
      const from = backend.typedArrayFromHeap(t);
      backend.typedArrayFromHeap(out).set(from.subarray(k * size, (k + 1) * size));
      return out;
    };
    let result: tf.TensorInfo | null = null;
    try {
      for (let k = 0; k < K; k++) {
        const product = next({ ...args, inputs: { a: sliceOf(a, k), b: sliceOf(b, k) } });
        made.push(product);
        result ??= backend.makeOutput([K, product.shape[1], product.shape[2]], 'float32');
        backend
          .typedArrayFromHeap(result)
          .set(backend.typedArrayFromHeap(product), k * product.shape[1] * product.shape[2]);
      }
      return result!;
    } catch (error) {
      if (result) backend.disposeData(result.dataId);
      throw error;
    } finally {
      for (const t of made) backend.disposeData(t.dataId);
    }
  };
}

/**
 * Puts the wrapper in place of the wasm `BatchMatMul` kernel (`enabled` true, the default) or
 * restores the backend's own kernel (false). Idempotent; returns whether the wrapper is in place
 * afterwards (false also when the wasm backend's kernels are not registered).
 */
export function useFastWasmMatMul(enabled = true): boolean {
  if (typeof enabled !== 'boolean')
    throw new InputError(`enabled must be true or false, got ${describe(enabled)}`);
  if (!enabled) {
    if (original) {
      tf.unregisterKernel('BatchMatMul', 'wasm');
      tf.registerKernel(original);
      original = null;
    }
    return false;
  }
  if (original) return true;
  const config = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!config || !transpose) return false;
  const kernelFunc = splitBatches(
    transposing(
      config.kernelFunc as unknown as KernelFn,
      transpose.kernelFunc as unknown as KernelFn,
    ),
  );
  original = { ...config };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ ...config, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  return true;
}
