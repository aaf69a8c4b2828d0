/**
 * ML-kNN (Zhang & Zhou, "ML-KNN: A lazy learning approach to multi-label learning", Pattern
 * Recognition 40(7), 2007): a nearest-neighbour method for multi-label data, deterministic, with
 * no training run and no seed. For each label l it estimates from the training rows
 *
 * - the prior P(H1_l) = (s + rows with l) / (2s + m), and P(H0_l) = 1 - P(H1_l);
 * - for j = 0..k, c_l[j]: training rows *with* l whose k nearest other training rows (the row
 *   itself excluded) carry l j times, and c'_l[j]: the same for rows *without* l; smoothed,
 *   P(E_j | H1_l) = (s + c_l[j]) / (s(k + 1) + sum c_l), and likewise with c'_l for H0.
 *
 * A new row whose k nearest training rows carry l j times scores
 * P(H1_l | E_j) = P(H1) P(E_j | H1) / (P(H1) P(E_j | H1) + P(H0) P(E_j | H0)), and gets l when
 * that posterior is at least 0.5 (the MAP rule; the paper's argmax leaves ties open, the authors'
 * MATLAB code, `MLKNN_test.m`, gives the label at exactly 0.5, and so do we).
 *
 * Distances are Euclidean on the features as given, computed in float64; equally distant rows
 * are taken in row order (the lower training index first), as MATLAB's stable `sort` does.
 */
import {
  assertBinaryMatrix,
  assertFiniteNumber,
  assertInteger,
  assertMatrix,
  assertOptions,
  describe,
  InputError,
  type Matrix,
} from './validate';

/** ML-kNN's two settings. */
export interface MlKnnOptions {
  /** Neighbours per row (the paper: 10). */
  k?: number;
  /** Smoothing s of the priors and the neighbour-count likelihoods (the paper: 1). */
  smoothing?: number;
}

/**
 * The paper's settings for yeast: k = 10, s = 1.
 * Used in lessons: 06.
 */
export const ML_KNN_PAPER: Readonly<Required<MlKnnOptions>> = { k: 10, smoothing: 1 };

/** A fitted ML-kNN model: the training rows and the statistics estimated from them. */
export interface MlKnnModel {
  k: number;
  smoothing: number;
  xTrain: number[][];
  yTrain: number[][];
  /** P(H1_l) per label, smoothed. */
  priors: number[];
  /** `withLabel[l][j]`: training rows with label l whose k neighbours carry l j times. */
  withLabel: number[][];
  /** `withoutLabel[l][j]`: the same for training rows without label l. */
  withoutLabel: number[][];
}

/** ML-kNN's output for some rows. */
export interface MlKnnPrediction {
  /** Posterior P(H1_l | neighbour count) per row and label, the score that ranks labels. */
  probs: number[][];
  /** 0/1 decisions: 1 where the posterior is at least 0.5. */
  decisions: number[][];
}

/** Rows as one flat float64 array, row-major, for fast distance loops. */
function flatten(x: Matrix): Float64Array {
  const width = x[0].length;
  const flat = new Float64Array(x.length * width);
  x.forEach((row, i) => flat.set(row, i * width));
  return flat;
}

/** Squared Euclidean distance of row i of `a` and row j of `b` (both flat, `width` wide). */
function squaredDistance(
  a: Float64Array,
  i: number,
  b: Float64Array,
  j: number,
  width: number,
): number {
  let sum = 0;
  for (let f = 0, p = i * width, q = j * width; f < width; f++) {
    const d = a[p + f] - b[q + f];
    sum += d * d;
  }
  return sum;
}

/**
 * The `k` nearest candidates (ascending distance; equal distances in candidate order, the
 * earlier first), skipping candidate `exclude`. `distances[t]` is candidate t's distance; the
 * result holds candidate positions t. Candidates are scanned in order, so a strict comparison
 * keeps the earlier of two equally distant ones.
 */
function nearest(distances: Float64Array, k: number, exclude = -1): number[] {
  const best: number[] = [];
  const bestDistance: number[] = [];
  for (let t = 0; t < distances.length; t++) {
    if (t === exclude) continue;
    const d = distances[t];
    if (best.length === k && !(d < bestDistance[k - 1])) continue;
    let at = best.length === k ? k - 1 : best.length;
    while (at > 0 && d < bestDistance[at - 1]) {
      best[at] = best[at - 1];
      bestDistance[at] = bestDistance[at - 1];
      at--;
    }
    best[at] = t;
    bestDistance[at] = d;
  }
  return best;
}

function checkOptions(options: unknown, numRows: number): Required<MlKnnOptions> {
  const o = assertOptions<MlKnnOptions>(options, { k: true, smoothing: true });
  const k = o.k === undefined ? ML_KNN_PAPER.k : o.k;
  const smoothing = o.smoothing === undefined ? ML_KNN_PAPER.smoothing : o.smoothing;
  assertInteger('options.k', k, 1);
  if (k >= numRows)
    throw new InputError(
      `options.k must be below the number of training rows (${numRows}): each row needs k ` +
        `other rows as neighbours, got ${k}`,
    );
  assertFiniteNumber('options.smoothing', smoothing);
  if (smoothing < 0)
    throw new InputError(`options.smoothing must be >= 0, got ${describe(smoothing)}`);
  return { k, smoothing };
}

/** How many of `rows` carry each label. */
function neighbourCounts(y: Matrix, rows: readonly number[], numLabels: number): number[] {
  const counts = new Array<number>(numLabels).fill(0);
  for (const r of rows) for (let l = 0; l < numLabels; l++) counts[l] += y[r][l];
  return counts;
}

/**
 * Fits ML-kNN from neighbour lists already found: `neighbours[i]` are the k nearest other
 * training rows of training row i. Shared by {@link fitMlKnn} and {@link mlKnnOnRows}.
 */
function fitFromNeighbours(
  y: Matrix,
  neighbours: readonly (readonly number[])[],
  k: number,
  smoothing: number,
): Pick<MlKnnModel, 'priors' | 'withLabel' | 'withoutLabel'> {
  const m = y.length;
  const numLabels = y[0].length;
  const withLabel = Array.from({ length: numLabels }, () => new Array<number>(k + 1).fill(0));
  const withoutLabel = Array.from({ length: numLabels }, () => new Array<number>(k + 1).fill(0));
  neighbours.forEach((rows, i) => {
    const counts = neighbourCounts(y, rows, numLabels);
    for (let l = 0; l < numLabels; l++) (y[i][l] === 1 ? withLabel : withoutLabel)[l][counts[l]]++;
  });
  const priors = Array.from({ length: numLabels }, (_, l) => {
    let positives = 0;
    for (let i = 0; i < m; i++) positives += y[i][l];
    return (smoothing + positives) / (2 * smoothing + m);
  });
  return { priors, withLabel, withoutLabel };
}

/** The posterior of each label for a row whose neighbours carry the labels `counts` times. */
function posteriors(
  model: Pick<MlKnnModel, 'k' | 'smoothing' | 'priors' | 'withLabel' | 'withoutLabel'>,
  counts: readonly number[],
): number[] {
  const { k, smoothing: s } = model;
  return counts.map((j, l) => {
    const likelihood = (c: readonly number[]) =>
      (s + c[j]) / (s * (k + 1) + c.reduce((a, b) => a + b, 0));
    const p1 = model.priors[l] * likelihood(model.withLabel[l]);
    const p0 = (1 - model.priors[l]) * likelihood(model.withoutLabel[l]);
    // Only without smoothing can both be 0; the authors' code then returns the prior.
    return p1 + p0 === 0 ? model.priors[l] : p1 / (p1 + p0);
  });
}

function checkData(x: unknown, y: unknown): [number, number] {
  const [rows, numFeatures] = assertMatrix('x', x);
  const [labelRows, numLabels] = assertBinaryMatrix('y', y);
  if (rows !== labelRows)
    throw new InputError(`x and y must have one row per example, got ${rows} and ${labelRows}`);
  return [numFeatures, numLabels];
}

/**
 * Fits ML-kNN to training rows `x` (features, used as given) and `y` (0/1 labels).
 * @param options `{ k, smoothing }`, default {@link ML_KNN_PAPER} (k = 10, s = 1).
 * @returns the {@link MlKnnModel}; it keeps copies of the training rows.
 * @throws InputError when `x` is not a non-empty matrix of finite numbers (NaN included), `y` is
 *   not a 0/1 matrix with as many rows, `k` is not an integer with 1 <= k < rows, or the
 *   smoothing is negative or not finite.
 */
export function fitMlKnn(x: Matrix, y: Matrix, options: MlKnnOptions = {}): MlKnnModel {
  checkData(x, y);
  const { k, smoothing } = checkOptions(options, x.length);
  const neighbours = pairwiseSquaredDistances(x).map((row, i) => nearest(row, k, i));
  return {
    k,
    smoothing,
    xTrain: x.map((r) => [...r]),
    yTrain: y.map((r) => [...r]),
    ...fitFromNeighbours(y, neighbours, k, smoothing),
  };
}

/**
 * Scores and decides every label of new rows `x` from their k nearest training rows.
 * @returns posteriors (`probs`) and MAP decisions, one row per row of `x`.
 * @throws InputError for a model that is not a fitted {@link MlKnnModel}, or rows that are not a
 *   matrix of finite numbers with the training rows' width.
 */
export function predictMlKnn(model: MlKnnModel, x: Matrix): MlKnnPrediction {
  if (typeof model !== 'object' || model === null || !Array.isArray(model.xTrain))
    throw new InputError(`model must come from fitMlKnn, got ${describe(model)}`);
  assertMatrix('x', x, model.xTrain[0].length);
  const [m, width] = [model.xTrain.length, model.xTrain[0].length];
  const [train, rows] = [flatten(model.xTrain), flatten(x)];
  const numLabels = model.priors.length;
  const distances = new Float64Array(m);
  const probs = x.map((_, i) => {
    for (let t = 0; t < m; t++) distances[t] = squaredDistance(rows, i, train, t, width);
    return posteriors(model, neighbourCounts(model.yTrain, nearest(distances, model.k), numLabels));
  });
  return { probs, decisions: probs.map((p) => p.map((v) => (v >= 0.5 ? 1 : 0))) };
}

/**
 * Squared Euclidean distances between all rows of `x`, in float64: row i of the result holds
 * row i's distance to every row. Computed once, it serves any number of splits of the same rows
 * through {@link mlKnnOnRows} (2,417 yeast rows: about 2.3 million pairs).
 * Used in lessons: 06.
 * @throws InputError when `x` is not a non-empty matrix of finite numbers.
 */
export function pairwiseSquaredDistances(x: Matrix): Float64Array[] {
  const [n, width] = assertMatrix('x', x);
  const flat = flatten(x);
  const distances = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      distances[i][j] = distances[j][i] = squaredDistance(flat, i, flat, j, width);
  return distances;
}

/** How many of each row's nearest rows {@link mlKnnOnRows} keeps ranked. */
const RANK_DEPTH = 64;
const rankings = new WeakMap<readonly Float64Array[], number[][]>();

/** Each row's RANK_DEPTH nearest other rows, nearest first (ties: lower row first), cached. */
function rankingOf(distances: readonly Float64Array[]): number[][] {
  let ranked = rankings.get(distances);
  if (!ranked) {
    const depth = Math.min(RANK_DEPTH, distances.length - 1);
    ranked = distances.map((row, i) => nearest(row, depth, i));
    rankings.set(distances, ranked);
  }
  return ranked;
}

/**
 * ML-kNN fitted on the rows `trainRows` and applied to the rows `testRows` of one data set,
 * given its {@link pairwiseSquaredDistances}: the same statistics and predictions as
 * `fitMlKnn` on the training rows (in the order given) followed by `predictMlKnn` on the test
 * rows, without computing a distance twice. Cross-validation folds and the standard split of
 * the same rows can thus share one distance matrix.
 * Used in lessons: 06.
 * @param distances `pairwiseSquaredDistances(x)` of all rows.
 * @param y 0/1 labels of all rows.
 * @param trainRows the training rows, ascending.
 * @param testRows the rows to predict, in any order.
 * @returns the fitted statistics (`priors`, `withLabel`, `withoutLabel`) and the test rows'
 *   {@link MlKnnPrediction}, in the order of `testRows`.
 * @throws InputError for distances that are not one square matrix with a row per label row,
 *   labels other than 0/1, row lists that are not distinct row numbers of the data, training
 *   rows out of order, a row in both lists, no test row, or a `k` not below the number of
 *   training rows.
 */
export function mlKnnOnRows(
  distances: readonly Float64Array[],
  y: Matrix,
  trainRows: readonly number[],
  testRows: readonly number[],
  options: MlKnnOptions = {},
): Pick<MlKnnModel, 'k' | 'smoothing' | 'priors' | 'withLabel' | 'withoutLabel'> & MlKnnPrediction {
  const [n, numLabels] = assertBinaryMatrix('y', y);
  if (
    !Array.isArray(distances) ||
    distances.length !== n ||
    distances.some((row) => !(row instanceof Float64Array) || row.length !== n)
  )
    throw new InputError(
      `distances must be pairwiseSquaredDistances of the ${n} rows of y, ` +
        `got ${describe(distances)}`,
    );
  for (const [name, rows] of [
    ['trainRows', trainRows],
    ['testRows', testRows],
  ] as const) {
    if (!Array.isArray(rows) || rows.length === 0)
      throw new InputError(
        `${name} must be a non-empty array of row numbers, got ${describe(rows)}`,
      );
    rows.forEach((r, i) => assertInteger(`${name}[${i}]`, r, 0, n - 1));
    if (new Set(rows).size !== rows.length) throw new InputError(`${name} repeats a row`);
  }
  if (testRows.some((r) => trainRows.includes(r)))
    throw new InputError('a row cannot be both a training row and a test row');
  for (let i = 1; i < trainRows.length; i++)
    if (trainRows[i] <= trainRows[i - 1])
      throw new InputError('trainRows must be in ascending order (ties fall to the lower row)');
  const { k, smoothing } = checkOptions(options, trainRows.length);
  const position = new Int32Array(n).fill(-1);
  trainRows.forEach((r, t) => (position[r] = t));
  const ranked = rankingOf(distances);
  const toTrain = new Float64Array(trainRows.length);
  // Neighbours as positions in trainRows: first from the row's nearest rows overall, which hold
  // them unless more than RANK_DEPTH - k of those are outside trainRows; else by a full scan.
  const neighboursOf = (row: number, self = -1) => {
    const found: number[] = [];
    for (const c of ranked[row]) {
      if (c === row || position[c] < 0) continue;
      found.push(position[c]);
      if (found.length === k) return found;
    }
    const from = distances[row];
    for (let t = 0; t < trainRows.length; t++) toTrain[t] = from[trainRows[t]];
    return nearest(toTrain, k, self);
  };
  const yTrain = trainRows.map((i) => y[i]);
  const fitted = {
    k,
    smoothing,
    ...fitFromNeighbours(
      yTrain,
      trainRows.map((row, t) => neighboursOf(row, t)),
      k,
      smoothing,
    ),
  };
  const probs = testRows.map((row) =>
    posteriors(fitted, neighbourCounts(yTrain, neighboursOf(row), numLabels)),
  );
  return { ...fitted, probs, decisions: probs.map((p) => p.map((v) => (v >= 0.5 ? 1 : 0))) };
}
