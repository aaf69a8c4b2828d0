import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  MAX_POWERSET_LABELS,
  decodePowerset,
  decodePowersetRows,
  encodePowerset,
  encodePowersetRows,
} from '../../src/core/powerset';
import {
  decodeSeenCombinations,
  encodeSeenCombinations,
  fitSeenCombinations,
  type SeenCombinations,
} from '../../src/core/seen-combinations';
import { assertPowersetFits, powersetOutputCost, sigmoidOutputCost } from '../../src/core/sizing';
import {
  countCombinations,
  fromMultiHot,
  labelCardinality,
  labelCombinationKey,
  rowsWithAtLeast,
  toMultiHot,
} from '../../src/core/labels';
import { formatBytes } from '../../src/core/format';
import { assertInputError } from '../support/close';

/** Reference bits of `c` over `n` labels, most significant first, built a different way (text). */
function bitsOf(c: number, n: number): number[] {
  return c
    .toString(2)
    .padStart(n, '0')
    .split('')
    .map((ch) => (ch === '1' ? 1 : 0));
}

describe('multi-hot helpers', () => {
  it('toMultiHot builds the documented example', () => {
    assert.deepEqual(
      toMultiHot(
        [
          [0, 2],
          [1, 3, 4],
        ],
        5,
      ),
      [
        [1, 0, 1, 0, 0],
        [0, 1, 0, 1, 1],
      ],
    );
  });

  it('toMultiHot accepts an empty label list as an all-zero row', () => {
    assert.deepEqual(toMultiHot([[], [1]], 2), [
      [0, 0],
      [0, 1],
    ]);
  });

  it('toMultiHot rejects bad ids, duplicates, empty input and bad numLabels', () => {
    assertInputError(
      () => toMultiHot([[0, 5]], 5),
      /labelLists\[0\]\[1\] must be an integer label id in \[0, 4\].*got 5/,
    );
    assertInputError(() => toMultiHot([[-1]], 5), /labelLists\[0\]\[0\].*got -1/);
    assertInputError(() => toMultiHot([[1.5]], 5), /labelLists\[0\]\[0\].*got 1\.5/);
    assertInputError(
      () => toMultiHot([[0], [2, 1, 2]], 5),
      /labelLists\[1\] lists label 2 twice \(positions 0 and 2\)/,
    );
    assertInputError(() => toMultiHot([], 5), /labelLists must have at least one row/);
    assertInputError(() => toMultiHot([[0]], 0), /numLabels must be an integer >= 1, got 0/);
    assertInputError(
      () => toMultiHot([5 as unknown as number[]], 5),
      /labelLists\[0\] must be an array/,
    );
  });

  it('fromMultiHot inverts toMultiHot', () => {
    const lists = [[0, 2], [1, 3, 4], [], [4]];
    assert.deepEqual(fromMultiHot(toMultiHot(lists, 5)), lists);
  });

  it('labelCombinationKey formats a row', () => {
    assert.equal(labelCombinationKey([1, 0]), '{1,0}');
    assert.equal(labelCombinationKey([0, 1, 1]), '{0,1,1}');
    assertInputError(() => labelCombinationKey([1, 2]), /row\[1\] must be 0 or 1.*got 2/);
    assertInputError(
      () => labelCombinationKey([]),
      /row must have at least one label, got an empty array/,
    );
  });

  it('countCombinations counts and sorts by combination', () => {
    const yTrue = [
      [1, 1],
      [0, 1],
      [1, 1],
      [0, 0],
      [0, 1],
      [1, 1],
    ];
    assert.deepEqual(countCombinations(yTrue), [
      { combination: '{0,0}', count: 1 },
      { combination: '{0,1}', count: 2 },
      { combination: '{1,1}', count: 3 },
    ]);
  });

  it('countCombinations works above 53 labels (string keys)', () => {
    const a = new Array(60).fill(0);
    const b = a.slice();
    b[59] = 1;
    const counts = countCombinations([b, a, b]);
    assert.equal(counts.length, 2);
    assert.deepEqual(
      counts.map((c) => c.count),
      [1, 2],
    );
  });

  it('labelCardinality and rowsWithAtLeast', () => {
    const yTrue = [
      [1, 0, 1],
      [0, 0, 0],
      [1, 1, 1],
      [0, 1, 0],
    ];
    assert.equal(labelCardinality(yTrue), 6 / 4);
    assert.equal(rowsWithAtLeast(yTrue, 0), 4);
    assert.equal(rowsWithAtLeast(yTrue, 1), 3);
    assert.equal(rowsWithAtLeast(yTrue, 2), 2);
    assert.equal(rowsWithAtLeast(yTrue, 3), 1);
    assert.equal(rowsWithAtLeast(yTrue, 4), 0);
    assertInputError(() => rowsWithAtLeast(yTrue, -1), /k must be an integer >= 0, got -1/);
    assertInputError(() => labelCardinality([]), /yTrue must have at least one row/);
  });
});

describe('label-powerset codec', () => {
  it('uses most-significant-bit-first order', () => {
    assert.equal(encodePowerset([1, 0, 0, 1]), 9);
    assert.equal(encodePowerset([1, 0, 1, 0]), 10);
    assert.equal(encodePowerset([0, 0, 0, 1]), 1);
    assert.equal(encodePowerset([1, 0, 0, 0]), 8);
    assert.equal(encodePowerset([1, 1, 1, 1]), 15);
    assert.deepEqual(decodePowerset(9, 4), [1, 0, 0, 1]);
    assert.deepEqual(decodePowerset(10, 4), [1, 0, 1, 0]);
  });

  it('is exact at 30 labels', () => {
    const ones = new Array(30).fill(1);
    assert.equal(MAX_POWERSET_LABELS, 30);
    assert.equal(encodePowerset(ones), 2 ** 30 - 1);
    assert.equal(encodePowerset(ones), 1073741823);
    assert.deepEqual(decodePowerset(2 ** 30 - 1, 30), ones);
    const top = new Array(30).fill(0);
    top[0] = 1;
    assert.equal(encodePowerset(top), 2 ** 29);
    assert.deepEqual(decodePowerset(2 ** 29, 30), top);
  });

  it('round-trips every combination for n = 1..12 (8190 in all)', () => {
    let checked = 0;
    for (let n = 1; n <= 12; n++) {
      const total = 2 ** n;
      for (let c = 0; c < total; c++) {
        const row = decodePowerset(c, n);
        // Compare with the text-built reference so a consistently wrong bit order cannot pass.
        assert.deepEqual(row, bitsOf(c, n));
        assert.equal(encodePowerset(row), c);
        checked++;
      }
    }
    assert.equal(checked, 8190);
  });

  it('round-trips whole matrices, including typed-array indices', () => {
    const n = 12;
    const indices: number[] = [];
    for (let c = 0; c < 2 ** n; c++) indices.push(c);
    const rows = decodePowersetRows(indices, n);
    assert.equal(rows.length, 4096);
    assert.deepEqual(encodePowersetRows(rows), indices);
    assert.deepEqual(decodePowersetRows(Int32Array.from([9, 10]), 4), [
      [1, 0, 0, 1],
      [1, 0, 1, 0],
    ]);
  });

  it('rejects non-binary labels, naming the row and column', () => {
    assertInputError(
      () =>
        encodePowersetRows([
          [0, 1],
          [1, 2],
        ]),
      /yTrue\[1\]\[1\] must be 0 or 1.*got 2/,
    );
    assertInputError(
      () => encodePowersetRows([[0, 0.5]]),
      /yTrue\[0\]\[1\] must be 0 or 1.*got 0\.5/,
    );
    assertInputError(
      () => encodePowersetRows([[NaN, 1]]),
      /yTrue\[0\]\[0\] must be a finite number, got NaN/,
    );
    assertInputError(
      () =>
        encodePowersetRows([
          [1, 1],
          [-1, 0],
        ]),
      /yTrue\[1\]\[0\] must be 0 or 1.*got -1/,
    );
    assertInputError(() => encodePowerset([1, 2]), /row\[1\] must be 0 or 1.*got 2/);
    assertInputError(() => encodePowerset([0.5]), /row\[0\].*got 0\.5/);
    assertInputError(() => encodePowerset([NaN]), /row\[0\].*got NaN/);
    assertInputError(() => encodePowerset([1, -1]), /row\[1\].*got -1/);
  });

  it('rejects ragged and empty input', () => {
    assertInputError(
      () => encodePowersetRows([[0, 1], [1]]),
      /yTrue is ragged: row 0 has 2 columns but row 1 has 1/,
    );
    assertInputError(
      () => encodePowersetRows([]),
      /yTrue must have at least one row, got an empty array/,
    );
    assertInputError(() => encodePowersetRows([[]]), /yTrue must have at least one column/);
    assertInputError(
      () => encodePowerset([]),
      /row must have at least one label, got an empty array/,
    );
    assertInputError(
      () => decodePowersetRows([], 3),
      /classIndices must have at least one class index, got an empty array/,
    );
  });

  it('rejects too many labels, saying how many classes that would be', () => {
    const row31 = new Array(31).fill(0);
    assertInputError(
      () => encodePowerset(row31),
      /row has 31 labels.*at most 30.*2\^31 = 2,147,483,648 classes/,
    );
    assertInputError(
      () => encodePowersetRows([row31]),
      /yTrue has 31 label columns.*2\^31 = 2,147,483,648 classes/,
    );
    assertInputError(
      () => decodePowerset(0, 31),
      /numLabels must be at most 30, got 31.*2\^31 = 2,147,483,648 classes/,
    );
    assertInputError(() => decodePowersetRows([0], 31), /numLabels must be at most 30.*2\^31/);
    assertInputError(
      () => powersetOutputCost(31, 64),
      /numLabels must be at most 30.*2\^31 = 2,147,483,648 classes/,
    );
  });

  it('rejects out-of-range and non-integer class indices', () => {
    assertInputError(
      () => decodePowerset(16, 4),
      /classIndex must be an integer class index in \[0, 15\].*got 16/,
    );
    assertInputError(
      () => decodePowerset(-1, 4),
      /classIndex must be an integer class index in \[0, 15\].*got -1/,
    );
    assertInputError(
      () => decodePowerset(2.5, 4),
      /classIndex must be an integer class index.*got 2\.5/,
    );
    assertInputError(() => decodePowerset(NaN, 4), /classIndex must be an integer.*got NaN/);
    assertInputError(() => decodePowerset(2 ** 30, 30), /in \[0, 1,073,741,823\].*got 1073741824/);
    assertInputError(
      () => decodePowersetRows([1, 2, 8], 3),
      /classIndices\[2\] must be an integer class index in \[0, 7\].*got 8/,
    );
    assertInputError(() => decodePowersetRows([1, 0.5], 3), /classIndices\[1\].*got 0\.5/);
  });

  it('rejects numLabels 0 and non-integer numLabels', () => {
    assertInputError(() => decodePowerset(0, 0), /numLabels must be an integer >= 1, got 0/);
    assertInputError(() => decodePowerset(0, 2.5), /numLabels must be an integer >= 1, got 2\.5/);
    assertInputError(() => decodePowersetRows([0], 0), /numLabels must be an integer >= 1, got 0/);
    assertInputError(() => powersetOutputCost(0, 64), /numLabels must be an integer >= 1, got 0/);
  });
});

describe('fitSeenCombinations, encodeSeenCombinations, decodeSeenCombinations', () => {
  const train = [
    [0, 1, 1],
    [1, 0, 0],
    [0, 1, 1],
    [0, 0, 0],
    [1, 0, 0],
  ];

  it('numbers combinations in order of first appearance', () => {
    const seen = fitSeenCombinations(train);
    assert.equal(seen.numLabels, 3);
    assert.deepEqual(seen.combinations, [
      [0, 1, 1],
      [1, 0, 0],
      [0, 0, 0],
    ]);
    assert.deepEqual(encodeSeenCombinations(train, seen), [0, 1, 0, 2, 1]);
  });

  it('round-trips and returns copies', () => {
    const seen = fitSeenCombinations(train);
    const back = decodeSeenCombinations(encodeSeenCombinations(train, seen), seen);
    assert.deepEqual(back, train);
    back[0][0] = 7;
    assert.deepEqual(decodeSeenCombinations([0], seen), [[0, 1, 1]]);
    train[0][0] = 1;
    assert.deepEqual(seen.combinations[0], [0, 1, 1]);
    train[0][0] = 0;
    assert.deepEqual(decodeSeenCombinations(Int32Array.from([2, 1]), seen), [
      [0, 0, 0],
      [1, 0, 0],
    ]);
  });

  it('is a plain value: a copy of a fit encodes as the fit does', () => {
    const seen = JSON.parse(JSON.stringify(fitSeenCombinations(train))) as SeenCombinations;
    assert.deepEqual(encodeSeenCombinations([[0, 0, 0]], seen), [2]);
  });

  it('handles more labels than a full powerset allows', () => {
    const a = new Array(80).fill(0);
    const b = a.slice();
    b[79] = 1;
    const seen = fitSeenCombinations([a, b, a]);
    assert.equal(seen.combinations.length, 2);
    assert.deepEqual(encodeSeenCombinations([b, a], seen), [1, 0]);
  });

  it('throws on an unseen combination, naming it and its row', () => {
    const seen = fitSeenCombinations(train);
    assertInputError(
      () =>
        encodeSeenCombinations(
          [
            [0, 1, 1],
            [1, 1, 1],
          ],
          seen,
        ),
      /yTrue row 1 has the label combination \{1,1,1\}, which was not seen in the fit/,
    );
  });

  it('maps unseen combinations to -1 when asked', () => {
    const seen = fitSeenCombinations(train);
    const rows = [
      [1, 1, 1],
      [0, 0, 0],
    ];
    assert.deepEqual(encodeSeenCombinations(rows, seen, { mapUnseenToMinusOne: true }), [-1, 2]);
    assertInputError(
      () => decodeSeenCombinations([-1], seen),
      /classIndices\[0\].*got -1 \(-1 marks a combination not seen in the fit/,
    );
  });

  it('validates its input', () => {
    assertInputError(() => fitSeenCombinations([]), /yTrue must have at least one row/);
    assertInputError(() => fitSeenCombinations([[0, 2]]), /yTrue\[0\]\[1\] must be 0 or 1/);
    const seen = fitSeenCombinations(train);
    assertInputError(() => encodeSeenCombinations([[0, 1]], seen), /yTrue must have 3 columns/);
    assertInputError(
      () => encodeSeenCombinations(train, { combinations: [[0, 1]], numLabels: 3 }),
      /seen\.combinations must have 3 columns, got 2/,
    );
    assertInputError(
      () => decodeSeenCombinations([3], seen),
      /classIndices\[0\] must be an integer class index in \[0, 2\].*got 3/,
    );
    assertInputError(() => decodeSeenCombinations([0.5], seen), /classIndices\[0\].*got 0\.5/);
    assertInputError(
      () => decodeSeenCombinations([], seen),
      /classIndices must have at least one class index/,
    );
    assertInputError(
      () =>
        encodeSeenCombinations(train, seen, { mapUnseenToMinusOne: 'yes' as unknown as boolean }),
      /options\.mapUnseenToMinusOne must be a boolean, got the string "yes"/,
    );
  });
});

describe('output-layer cost calculators', () => {
  it('gives exact values for a few n (hand computed)', () => {
    // 4 labels, 64 hidden: 64*16 + 16 = 1040 params; 64*4 + 4 = 260 params.
    assert.deepEqual(powersetOutputCost(4, 64), { numClasses: 16, params: 1040, bytes: 4160 });
    assert.deepEqual(sigmoidOutputCost(4, 64), { params: 260, bytes: 1040 });
    // 10 labels, 128 hidden: 129 * 1024 = 132,096 params.
    assert.deepEqual(powersetOutputCost(10, 128), {
      numClasses: 1024,
      params: 132096,
      bytes: 528384,
    });
    assert.deepEqual(sigmoidOutputCost(10, 128, 2), { params: 1290, bytes: 2580 });
    // 24 labels, 64 hidden: 65 * 16,777,216 = 1,090,519,040 params.
    assert.deepEqual(powersetOutputCost(24, 64), {
      numClasses: 16777216,
      params: 1090519040,
      bytes: 4362076160,
    });
    // 30 labels, 64 hidden: 65 * 2^30 = 69,793,218,560 params, exact beyond 2^32.
    assert.deepEqual(powersetOutputCost(30, 64), {
      numClasses: 1073741824,
      params: 69793218560,
      bytes: 279172874240,
    });
    assert.deepEqual(powersetOutputCost(1, 1), { numClasses: 2, params: 4, bytes: 16 });
  });

  it('doubles with every extra label, while sigmoid grows linearly', () => {
    for (let n = 1; n < MAX_POWERSET_LABELS; n++) {
      const a = powersetOutputCost(n, 100);
      const b = powersetOutputCost(n + 1, 100);
      assert.equal(b.numClasses, 2 * a.numClasses);
      assert.equal(b.params, 2 * a.params);
      assert.equal(b.bytes, 2 * a.bytes);
      assert.equal(sigmoidOutputCost(n + 1, 100).params - sigmoidOutputCost(n, 100).params, 101);
    }
  });

  it('validates arguments', () => {
    assertInputError(() => powersetOutputCost(4, 0), /hiddenUnits must be an integer >= 1, got 0/);
    assertInputError(
      () => sigmoidOutputCost(4, 64, 0),
      /bytesPerParam must be a number > 0, got 0/,
    );
    assertInputError(() => sigmoidOutputCost(0, 64), /numLabels must be an integer >= 1, got 0/);
    assertInputError(() => powersetOutputCost(30, 2 ** 23), /hiddenUnits is too large/);
  });

  it('assertPowersetFits passes under budget and explains an over-budget layer', () => {
    const GiB = 2 ** 30;
    assert.deepEqual(assertPowersetFits(10, 128, GiB), powersetOutputCost(10, 128));
    assertInputError(
      () => assertPowersetFits(24, 64, GiB),
      /^a 2\^24 = 16,777,216-class softmax output layer on 64 hidden units needs 1,090,519,040 parameters \(4\.06 GiB of float32 weights\), over the budget of 1\.00 GiB/,
    );
    assertInputError(
      () => assertPowersetFits(24, 64, GiB),
      /24 sigmoid outputs would need 1,560 parameters \(6\.09 KiB\)/,
    );
    assertInputError(
      () => assertPowersetFits(4, 64, 0),
      /memoryBudgetBytes must be a number of bytes > 0, got 0/,
    );
    assertInputError(() => assertPowersetFits(31, 64, GiB), /2\^31 = 2,147,483,648 classes/);
  });

  it('formatBytes picks binary units', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(1024), '1.00 KiB');
    assert.equal(formatBytes(1536), '1.50 KiB');
    assert.equal(formatBytes(2 ** 20), '1.00 MiB');
    assert.equal(formatBytes(2 ** 20 - 1), '1.00 MiB');
    assert.equal(formatBytes(2 ** 30), '1.00 GiB');
    assert.equal(formatBytes(4362076160), '4.06 GiB');
    assert.equal(formatBytes(4096 * 2 ** 30), '4,096.00 GiB');
    assertInputError(() => formatBytes(-1), /bytes must be a number >= 0, got -1/);
    assertInputError(() => formatBytes(NaN), /bytes must be a finite number, got NaN/);
  });
});
