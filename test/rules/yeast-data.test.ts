/**
 * The committed yeast file is the published one: its digest, its shape (2,417 rows of 103
 * features and 14 labels), labels that are 0 or 1, and the label statistics of its standard
 * split (test = the first 917 rows) as the literature reports them.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';

const FILE = join(__dirname, '..', '..', 'data', 'yeast.csv.gz');
const SHA256 = '2969cb4bab877a27adcbe17871fa0b378a1e54b98816cd6106b542ee450a1c09';

test('data/yeast.csv.gz has the published digest', () => {
  assert.equal(createHash('sha256').update(readFileSync(FILE)).digest('hex'), SHA256);
});

test('2,417 rows of Att1..Att103 and Class1..Class14, labels 0/1, features finite', () => {
  const lines = gunzipSync(readFileSync(FILE)).toString('utf8').trim().split('\n');
  const header = lines[0].split(',');
  const expected = [
    ...Array.from({ length: 103 }, (_, i) => `Att${i + 1}`),
    ...Array.from({ length: 14 }, (_, i) => `Class${i + 1}`),
  ];
  assert.deepEqual(header, expected);
  const rows = lines.slice(1).map((line) => line.split(','));
  assert.equal(rows.length, 2417);
  const labels: number[][] = [];
  rows.forEach((cells, i) => {
    assert.equal(cells.length, 117, `row ${i} has ${cells.length} cells`);
    for (let j = 0; j < 103; j++) assert.ok(Number.isFinite(Number(cells[j])), `row ${i} col ${j}`);
    const y = cells.slice(103).map(Number);
    assert.ok(
      y.every((v) => v === 0 || v === 1),
      `row ${i} has a label other than 0/1`,
    );
    labels.push(y);
  });
  // Label cardinality 4.24 and 198 distinct label sets (Elisseeff & Weston; MULAN).
  const cardinality = labels.flat().reduce((a, b) => a + b, 0) / labels.length;
  assert.equal(cardinality.toFixed(2), '4.24');
  assert.equal(new Set(labels.map((y) => y.join(''))).size, 198);
  // Standard split: 38 test rows carry a label set never seen in the 1,500 training rows.
  const seen = new Set(labels.slice(917).map((y) => y.join('')));
  assert.equal(labels.slice(0, 917).filter((y) => !seen.has(y.join(''))).length, 38);
});
