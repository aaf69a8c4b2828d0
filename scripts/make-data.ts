/** Writes the lessons' data files from their seeded generators: `npm run data`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lesson01Csv } from '../src/lessons/01-sigmoid-vs-softmax';

const target = join(__dirname, '..', 'data', 'lesson01-clusters.csv');
writeFileSync(target, lesson01Csv());
console.log(`wrote ${target}`);
