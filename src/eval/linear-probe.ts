/**
 * Linear probes: how much of a hidden quantity a layer's units carry, measured by how well a
 * least-squares fit from those units predicts it on rows the fit did not see (R^2). A probe that
 * reads the factors behind the data off a network's hidden units shows the network has learned
 * them; the same probe on untrained units of the same width is the baseline.
 */
import {
  assertFiniteList,
  assertInteger,
  assertList,
  assertMatrix,
  InputError,
  type Matrix,
} from '../core/validate';

/** A fitted linear map `y = x · weights + intercept`. */
export interface LinearFit {
  weights: number[];
  intercept: number;
}

/**
 * Least squares with an intercept: the weights minimise the squared error plus `ridge` times
 * their squared norm (the intercept is not penalised). A small ridge keeps the solution unique
 * when columns are constant or repeated (e.g. ReLU units that never fire get weight 0).
 * @throws InputError for a matrix that is not rectangular and finite, a target of another
 *   length, or a ridge that is not a finite number > 0.
 */
export function fitLinear(x: Matrix, y: readonly number[], ridge = 1e-6): LinearFit {
  const [n, d] = assertMatrix('x', x);
  if (assertFiniteList('y', y) !== n)
    throw new InputError(`y must have one value per row of x (${n}), got ${y.length}`);
  if (!Number.isFinite(ridge) || ridge <= 0)
    throw new InputError(`ridge must be a finite number > 0, got ${ridge}`);
  const mean = (f: (i: number) => number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += f(i);
    return s / n;
  };
  const xMean = Array.from({ length: d }, (_, c) => mean((i) => x[i][c]));
  const yMean = mean((i) => y[i]);
  // Normal equations on centred columns: (XᵀX + ridge·n·I) w = Xᵀy, solved by Cholesky.
  const a = Array.from({ length: d }, () => new Float64Array(d));
  const b = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const row = x[i].map((v, c) => v - xMean[c]);
    const t = y[i] - yMean;
    for (let r = 0; r < d; r++) {
      b[r] += row[r] * t;
      for (let c = 0; c <= r; c++) a[r][c] += row[r] * row[c];
    }
  }
  for (let r = 0; r < d; r++) a[r][r] += ridge * n;
  for (let r = 0; r < d; r++)
    for (let c = 0; c <= r; c++) {
      let s = a[r][c];
      for (let k = 0; k < c; k++) s -= a[r][k] * a[c][k];
      a[r][c] = r === c ? Math.sqrt(s) : s / a[c][c];
    }
  const z = new Float64Array(d);
  for (let r = 0; r < d; r++) {
    let s = b[r];
    for (let k = 0; k < r; k++) s -= a[r][k] * z[k];
    z[r] = s / a[r][r];
  }
  const weights = new Array<number>(d).fill(0);
  for (let r = d - 1; r >= 0; r--) {
    let s = z[r];
    for (let k = r + 1; k < d; k++) s -= a[k][r] * weights[k];
    weights[r] = s / a[r][r];
  }
  const intercept = yMean - weights.reduce((s, w, c) => s + w * xMean[c], 0);
  return { weights, intercept };
}

/**
 * The share of the variance of `y` that `predictions` explain, `1 - SSE / SST` (1 is perfect,
 * 0 is no better than the mean of `y`, negative is worse).
 * @throws InputError for lists of different lengths, fewer than 2 values, or a constant `y`.
 */
export function rSquared(y: readonly number[], predictions: readonly number[]): number {
  const n = assertFiniteList('y', y);
  if (assertFiniteList('predictions', predictions) !== n || n < 2)
    throw new InputError(`y and predictions must have the same length >= 2, got ${n}`);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const sst = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  if (sst === 0) throw new InputError('y must not be constant');
  return 1 - y.reduce((s, v, i) => s + (v - predictions[i]) ** 2, 0) / sst;
}

/**
 * A linear probe: fits `y` from the columns of `x` on the first `fitRows` rows
 * ({@link fitLinear}) and returns its R^2 on the remaining rows.
 * Used in lessons: 04.
 * @throws InputError as {@link fitLinear} and {@link rSquared}, or for a `fitRows` that leaves
 *   fewer than 2 rows on either side.
 */
export function probeR2(x: Matrix, y: readonly number[], fitRows: number, ridge = 1e-6): number {
  const [n] = assertMatrix('x', x);
  if (assertFiniteList('y', y) !== n)
    throw new InputError(`y must have one value per row of x (${n}), got ${y.length}`);
  assertInteger('fitRows', fitRows, 2, n - 2);
  const fit = fitLinear(x.slice(0, fitRows), y.slice(0, fitRows), ridge);
  const rest = x.slice(fitRows);
  const predicted = rest.map((row) =>
    row.reduce((s, v, c) => s + v * fit.weights[c], fit.intercept),
  );
  return rSquared(y.slice(fitRows), predicted);
}

/**
 * The outputs of a Dense ReLU layer, `max(0, x · kernel + bias)`, from its weights as
 * `getWeights()` gives them (`kernel` row-major `[inputs, units]`, `bias` `[units]`): the hidden
 * units a probe reads.
 * Used in lessons: 04.
 * @throws InputError when the kernel's size is not `inputs × bias.length`.
 */
export function reluLayer(
  x: Matrix,
  kernel: ArrayLike<number>,
  bias: ArrayLike<number>,
): number[][] {
  const [, inputs] = assertMatrix('x', x);
  const units = assertList('bias', bias);
  assertList('kernel', kernel);
  if (kernel.length !== inputs * units)
    throw new InputError(
      `kernel must have ${inputs} × ${units} = ${inputs * units} values, got ${kernel.length}`,
    );
  return x.map((row) =>
    Array.from({ length: units }, (_, u) => {
      let s = bias[u];
      for (let i = 0; i < inputs; i++) s += row[i] * kernel[i * units + u];
      return Math.max(0, s);
    }),
  );
}
