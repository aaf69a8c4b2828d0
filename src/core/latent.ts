/**
 * Multi-label data whose labels share hidden causes, generated in memory from a seed.
 *
 * Each row has a few latent factors `z` (standard normal). The features are many noisy linear
 * mixtures of them, `x = z W + noise`, with one random mixing matrix `W` for the whole data set,
 * so no single feature is a latent. Each label is a nonlinear rule on two of the latents,
 * `a z_p + b z_q + c z_0 z_1 + e > t`: the interaction `z_0 z_1`, the hard nonlinear part, is
 * common to every label, and every latent feeds more than one label, so a network that recovers
 * the latents and their interaction once can reuse them for every label. `e` is an optional per-row
 * term shared by all labels and absent from the features, which makes the labels depend on each
 * other even when the features are known.
 */
import { assertAllocation } from './allocation';
import { createRng } from './random';
import {
  assertFiniteNumber,
  assertInteger,
  assertOptions,
  assertProbability,
  InputError,
} from './validate';

/** Options of {@link makeLatentMultiLabel}. */
export interface LatentMultiLabelOptions {
  numSamples: number;
  numFeatures: number;
  /** Hidden factors shared by the labels, at least 2. */
  numLatents: number;
  numLabels: number;
  /** Standard deviation of the Gaussian noise added to each feature. */
  featureNoise: number;
  /**
   * Standard deviation of the per-row term shared by every label's rule and absent from the
   * features (0 for none).
   */
  sharedNoise?: number;
  /** Fraction of label entries flipped at random after the rules (label noise). */
  flipY?: number;
  /**
   * Size of the weight `c` of the common interaction `z_0 z_1` in every rule (its sign is random
   * per label). Default 1.5.
   */
  interactionStrength?: number;
  seed: number;
}

/** One label's rule: `a z_p + b z_q + c z_0 z_1 + e > threshold`. */
export interface LabelRule {
  p: number;
  q: number;
  a: number;
  b: number;
  c: number;
  threshold: number;
}

/** Features, labels and the latents they came from, as plain row arrays. */
export interface LatentMultiLabelData {
  x: number[][];
  y: number[][];
  latents: number[][];
  rules: LabelRule[];
  numFeatures: number;
  numLabels: number;
}

/**
 * The two latents of label j: consecutive latents, cycling, so that every latent feeds several
 * labels.
 */
function latentPair(j: number, numLatents: number): [number, number] {
  const p = j % numLatents;
  let q = (p + 1 + Math.floor(j / numLatents)) % numLatents;
  if (q === p) q = (p + 1) % numLatents;
  return [p, q];
}

/**
 * Multi-label data with labels that depend on shared latent factors of the input (see the module
 * comment). The same options always give the same rows; rows are independent draws, so the first
 * `k` rows of a larger set are a valid smaller set.
 * @throws InputError for sizes that are not positive integers, fewer than 2 latents, more latents
 *   than features, a negative noise level, or a flipY outside [0, 1].
 */
export function makeLatentMultiLabel(options: LatentMultiLabelOptions): LatentMultiLabelData {
  assertOptions<LatentMultiLabelOptions>(
    options,
    {
      numSamples: true,
      numFeatures: true,
      numLatents: true,
      numLabels: true,
      featureNoise: true,
      sharedNoise: true,
      flipY: true,
      interactionStrength: true,
      seed: true,
    },
    { required: true },
  );
  const {
    numSamples,
    numFeatures,
    numLatents,
    numLabels,
    featureNoise,
    sharedNoise = 0,
    flipY = 0,
    interactionStrength = 1.5,
    seed,
  } = options;
  assertInteger('numSamples', numSamples, 1);
  assertInteger('numFeatures', numFeatures, 1);
  assertInteger('numLatents', numLatents, 2);
  assertInteger('numLabels', numLabels, 1);
  assertAllocation('makeLatentMultiLabel', {
    rows: numSamples,
    columns: numFeatures + numLatents + numLabels,
  });
  assertFiniteNumber('featureNoise', featureNoise);
  assertFiniteNumber('sharedNoise', sharedNoise);
  assertProbability('flipY', flipY);
  assertFiniteNumber('interactionStrength', interactionStrength);
  if (numLatents > numFeatures)
    throw new InputError(
      `numLatents must be at most numFeatures = ${numFeatures}, got ${numLatents}`,
    );
  if (featureNoise < 0) throw new InputError(`featureNoise must be >= 0, got ${featureNoise}`);
  if (sharedNoise < 0) throw new InputError(`sharedNoise must be >= 0, got ${sharedNoise}`);

  const rng = createRng(seed);
  const scale = 1 / Math.sqrt(numLatents);
  const mixing = Array.from({ length: numLatents }, () =>
    Array.from({ length: numFeatures }, () => rng.normal() * scale),
  );
  const rules: LabelRule[] = Array.from({ length: numLabels }, (_, j) => {
    const [p, q] = latentPair(j, numLatents);
    return {
      p,
      q,
      a: rng.uniformIn(-1, 1),
      b: rng.uniformIn(-1, 1),
      c: (rng.uniform() < 0.5 ? -1 : 1) * interactionStrength,
      threshold: rng.uniformIn(-0.5, 0.5),
    };
  });
  const x: number[][] = [];
  const y: number[][] = [];
  const latents: number[][] = [];
  for (let i = 0; i < numSamples; i++) {
    const z = Array.from({ length: numLatents }, () => rng.normal());
    const row = new Array<number>(numFeatures);
    for (let f = 0; f < numFeatures; f++) {
      let sum = featureNoise * rng.normal();
      for (let k = 0; k < numLatents; k++) sum += z[k] * mixing[k][f];
      row[f] = sum;
    }
    const e = sharedNoise * rng.normal();
    const labels = rules.map((r) => {
      const score = r.a * z[r.p] + r.b * z[r.q] + r.c * z[0] * z[1] + e;
      const label = score > r.threshold ? 1 : 0;
      return rng.uniform() < flipY ? 1 - label : label;
    });
    x.push(row);
    y.push(labels);
    latents.push(z);
  }
  return { x, y, latents, rules, numFeatures, numLabels };
}
