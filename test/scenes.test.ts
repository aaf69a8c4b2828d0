import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeLatentMultiLabel } from '../src/core/latent';
import { makeScenes, SCENE_LABELS } from '../src/lessons/04-separate-vs-shared';
import { InputError } from '../src/core/validate';

/** Pearson correlation of two columns. */
function correlation(a: number[], b: number[]): number {
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let cov = 0,
    va = 0,
    vb = 0;
  for (let i = 0; i < a.length; i++) {
    cov += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return cov / Math.sqrt(va * vb);
}

describe('makeLatentMultiLabel', () => {
  const options = {
    numSamples: 2000,
    numFeatures: 12,
    numLatents: 3,
    numLabels: 5,
    featureNoise: 0.2,
    seed: 7,
  };

  it('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(makeLatentMultiLabel(options), makeLatentMultiLabel(options));
    assert.notDeepEqual(
      makeLatentMultiLabel(options).y,
      makeLatentMultiLabel({ ...options, seed: 8 }).y,
    );
  });

  it('has the requested shapes and 0/1 labels', () => {
    const d = makeLatentMultiLabel(options);
    assert.equal(d.x.length, 2000);
    assert.ok(d.x.every((r) => r.length === 12 && r.every(Number.isFinite)));
    assert.ok(d.y.every((r) => r.length === 5 && r.every((v) => v === 0 || v === 1)));
    assert.equal(d.rules.length, 5);
  });

  it('makes smaller sets the prefixes of larger ones', () => {
    const small = makeLatentMultiLabel({ ...options, numSamples: 50 });
    assert.deepEqual(small.y, makeLatentMultiLabel(options).y.slice(0, 50));
  });

  it('derives each noiseless label exactly from its rule on the latents', () => {
    const d = makeLatentMultiLabel(options);
    d.latents.forEach((z, i) =>
      d.rules.forEach((r, j) => {
        const score = r.a * z[r.p] + r.b * z[r.q] + r.c * z[0] * z[1];
        assert.equal(d.y[i][j], score > r.threshold ? 1 : 0);
      }),
    );
  });

  it('makes labels depend on the features: a feature correlates with a label', () => {
    const d = makeLatentMultiLabel(options);
    const best = Math.max(
      ...Array.from({ length: 12 }, (_, f) =>
        Math.abs(
          correlation(
            d.x.map((r) => r[f]),
            d.y.map((r) => r[0]),
          ),
        ),
      ),
    );
    assert.ok(best > 0.2, `largest |correlation| between a feature and label 0 is ${best}`);
  });

  it('links the labels more with a shared unobserved term', () => {
    const agree = (y: number[][]) => y.filter((r) => r.every((v) => v === r[0])).length / y.length;
    const base = makeScenes(3000, 0);
    const linked = makeScenes(3000, 0, { sharedNoise: 1 });
    assert.ok(
      agree(linked.y) > agree(base.y) + 0.05,
      `all-equal rows ${agree(linked.y)} vs ${agree(base.y)}`,
    );
  });

  it('flips the requested share of labels', () => {
    const clean = makeLatentMultiLabel({ ...options, numSamples: 4000 });
    const noisy = makeLatentMultiLabel({ ...options, numSamples: 4000, flipY: 0.1 });
    let differ = 0;
    clean.y.forEach((r, i) => r.forEach((v, j) => (differ += v === noisy.y[i][j] ? 0 : 1)));
    const share = differ / (4000 * 5);
    assert.ok(Math.abs(share - 0.1) < 0.02, `flipped share ${share}`);
  });

  it('rejects bad options with an InputError naming the argument', () => {
    assert.throws(
      () => makeLatentMultiLabel({ ...options, numLatents: 1 }),
      (e: unknown) => e instanceof InputError && /numLatents/.test(e.message),
    );
    assert.throws(
      () => makeLatentMultiLabel({ ...options, numLatents: 13 }),
      (e: unknown) => e instanceof InputError && /numLatents/.test(e.message),
    );
    assert.throws(
      () => makeLatentMultiLabel({ ...options, featureNoise: -1 }),
      (e: unknown) => e instanceof InputError && /featureNoise/.test(e.message),
    );
    assert.throws(
      () => makeLatentMultiLabel({ ...options, flipY: 2 }),
      (e: unknown) => e instanceof InputError && /flipY/.test(e.message),
    );
  });
});

describe('makeScenes', () => {
  it('has three labels car, bus, pedestrian on 24 features, every combination present', () => {
    const d = makeScenes(2000, 0);
    assert.deepEqual([...SCENE_LABELS], ['car', 'bus', 'pedestrian']);
    assert.equal(d.numFeatures, 24);
    assert.equal(new Set(d.y.map((r) => r.join())).size, 8);
  });
});
