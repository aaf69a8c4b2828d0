/**
 * Test data shared by the metrics and thresholds tests, whose reference values come from
 * scikit-learn; test/support/sklearn_reference.py holds the same generator in Python.
 */

/**
 * Deterministic pseudo-random multi-label data, reproduced bit for bit in Python:
 *   s = (s * 1664525 + 1013904223) & 0xffffffff; draw = s >> 8
 *   t = 1 if draw % 100 < 30 else 0; k = draw' % 101; if t: k = min(100, k + 30); p = k / 100
 * Probabilities are multiples of 0.01, so ties are common.
 */
export function randomFixture(
  n: number,
  numLabels: number,
  seed: number,
): { yTrue: number[][]; probs: number[][] } {
  let s = seed >>> 0;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s >>> 8;
  };
  const yTrue: number[][] = [];
  const probs: number[][] = [];
  for (let i = 0; i < n; i++) {
    const t = new Array<number>(numLabels);
    const p = new Array<number>(numLabels);
    for (let j = 0; j < numLabels; j++) {
      t[j] = next() % 100 < 30 ? 1 : 0;
      let k = next() % 101;
      if (t[j] === 1) k = Math.min(100, k + 30);
      p[j] = k / 100;
    }
    yTrue.push(t);
    probs.push(p);
  }
  return { yTrue, probs };
}
