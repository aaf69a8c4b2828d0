/**
 * A faster `BatchMatMul` for the wasm backend. Its kernel runs products with `transposeA` or
 * `transposeB` (the two gradients of every Dense layer: x^T dy for the weights, dy W^T for the
 * inputs) in a plain loop instead of XNNPACK, about 7 times slower than transposing first; this
 * wrapper transposes the flagged operands explicitly and calls the original kernel without
 * flags. Results equal the original's up to float rounding order.
 */
import * as tf from '@tensorflow/tfjs';

type KernelArgs = {
  inputs: Record<string, tf.TensorInfo>;
  backend: { disposeData(dataId: object): void };
  attrs: Record<string, unknown>;
};
type KernelFn = (args: KernelArgs) => tf.TensorInfo;

let original: tf.KernelConfig | null = null;

/**
 * Puts the transposing wrapper in place of the wasm `BatchMatMul` kernel (`enabled` true, the
 * default) or restores the original kernel (false). Idempotent; returns whether the wrapper is
 * in place afterwards (false also when the wasm backend's kernels are not registered).
 * Called by chooseBackend when it activates wasm.
 */
export function useFastWasmMatMul(enabled = true): boolean {
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
  const matMul = config.kernelFunc as unknown as KernelFn;
  const transposeFn = transpose.kernelFunc as unknown as KernelFn;
  const kernelFunc: KernelFn = (args) => {
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
  original = { ...config };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ ...config, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  return true;
}
