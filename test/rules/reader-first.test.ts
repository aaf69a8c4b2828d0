/**
 * What a TypeScript reader meets in the lessons, checked on the committed notebooks: each lesson's
 * models as TensorFlow.js in visible cells, the claim checks folded, prose of a chapter's length,
 * exercises done in the notebook, and one worked solution per exercise in notebooks/solutions/.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../../scripts/lib/env';
import { NOTEBOOKS_DIR } from '../../scripts/lib/lesson-files';
import { readNotebook, text, type NotebookCell } from '../../scripts/lib/notebook-json';
import { SOLUTIONS } from '../../scripts/lib/notebook-clean';

const MAX_WORDS = 2500;
const MAX_LESSON_MODULE_LINES = 2000;

/** What every lesson's visible code shows, and what each lesson's source asks for in particular. */
const EVERY_LESSON: Record<string, RegExp> = {
  'tf.sequential (or tf.model)': /tf\.(sequential|model)\(/,
  'tf.layers.dense': /tf\.layers\.dense\(/,
  '.compile(': /\.compile\(/,
  '.fit(': /\.fit\(/,
  '.predict(': /\.predict\(/,
};
const BY_LESSON: Record<string, Record<string, RegExp>> = {
  '01': {
    'tf.train.sgd(0.01)': /tf\.train\.sgd\(\s*0\.01\s*\)/,
    'epochs: 20': /epochs:\s*20\b/,
    'batchSize: 100': /batchSize:\s*100\b/,
  },
  '02': { 'tf.losses.sigmoidCrossEntropy': /tf\.losses\.sigmoidCrossEntropy\(/ },
  '05': { "'sparseCategoricalCrossentropy'": /'sparseCategoricalCrossentropy'/ },
  '06': { 'tf.callbacks.earlyStopping': /tf\.callbacks\.earlyStopping\(/ },
};

const lessons = readdirSync(NOTEBOOKS_DIR)
  .filter((f) => /^\d\d-.+\.ipynb$/.test(f))
  .sort();

const folded = (cell: NotebookCell) =>
  (cell.metadata?.jupyter as { source_hidden?: boolean } | undefined)?.source_hidden === true;
const tags = (cell: NotebookCell) => (cell.metadata?.tags as string[] | undefined) ?? [];

/** The markdown of the `## Exercises` section (up to the next `## ` heading). */
function exercisesSection(cells: readonly NotebookCell[]): string {
  const markdown = cells
    .filter((c) => c.cell_type === 'markdown')
    .map((c) => text(c.source))
    .join('\n');
  const match = /^## Exercises\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(markdown);
  return match ? match[1] : '';
}

test('there are six lessons', () => assert.equal(lessons.length, 6));

for (const file of lessons) {
  const number = file.slice(0, 2);
  const cells = readNotebook(join(NOTEBOOKS_DIR, file)).cells;

  test(`${file}: the models are TensorFlow.js in visible cells`, () => {
    const visible = cells
      .filter((c) => c.cell_type === 'code' && !folded(c))
      .map((c) => text(c.source))
      .join('\n');
    const wanted = { ...EVERY_LESSON, ...BY_LESSON[number] };
    const missing = Object.entries(wanted).filter(([, pattern]) => !pattern.test(visible));
    assert.deepEqual(
      missing.map(([what]) => what),
      [],
      `${file}: no visible code cell shows these`,
    );
  });

  test(`${file}: claim checks are folded, and the teaching cells are not`, () => {
    const claimCells = cells.filter((c) => tags(c).includes('claims'));
    assert.ok(claimCells.length > 0, `${file} has no cell tagged 'claims'`);
    const open = claimCells.filter((c) => !folded(c)).map((c) => c.id);
    assert.deepEqual(open, [], `cells tagged 'claims' must have metadata.jupyter.source_hidden`);
    const untitled = claimCells.filter((c) => !/^\/\/ \S/.test(text(c.source))).map((c) => c.id);
    assert.deepEqual(untitled, [], 'a folded cell starts with a comment saying what it checks');
    const hiddenOther = cells
      .filter((c) => folded(c) && !tags(c).includes('claims'))
      .map((c) => c.id);
    assert.deepEqual(hiddenOther, [], 'only claim checks are folded');
  });

  test(`${file}: at most ${MAX_WORDS} words of prose`, () => {
    const words = cells
      .filter((c) => c.cell_type === 'markdown')
      .map((c) => text(c.source).replace(/```[\s\S]*?```/g, ' '))
      .join(' ')
      .split(/\s+/)
      .filter(Boolean).length;
    assert.ok(words <= MAX_WORDS, `${file}: ${words} words`);
  });

  test(`${file}: exercises stay in the notebook, each with a worked solution`, () => {
    const exercises = exercisesSection(cells);
    const count = (exercises.match(/^\d+\.\s/gm) ?? []).length;
    assert.ok(count > 0, `${file} has no numbered exercise under '## Exercises'`);
    assert.doesNotMatch(exercises, /\bsrc\/|npm run build|restart/i);
    const solutions = readNotebook(join(NOTEBOOKS_DIR, SOLUTIONS, file)).cells;
    const solved = solutions.filter((c) => c.cell_type === 'code' && tags(c).includes('solution'));
    assert.equal(solved.length, count, `${SOLUTIONS}/${file}: one 'solution' cell per exercise`);
    for (const cell of solved)
      assert.match(text(cell.source), /claim(Interval)?\(/, 'a solution checks its outcome');
    const first = solutions.find((c) => c.cell_type === 'code');
    assert.match(text(first?.source), /lessonSeed\(/, 'the first cell takes the lesson seed');
  });
}

test('notebooks/solutions holds exactly one notebook per lesson', () => {
  const solutions = readdirSync(join(NOTEBOOKS_DIR, SOLUTIONS))
    .filter((f) => f.endsWith('.ipynb'))
    .sort();
  assert.deepEqual(solutions, lessons);
});

test(`src/lessons/ holds at most ${MAX_LESSON_MODULE_LINES} lines`, () => {
  const dir = join(ROOT, 'src', 'lessons');
  const lines = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [basename(f), readFileSync(join(dir, f), 'utf8').split('\n').length - 1] as const);
  const total = lines.reduce((sum, [, n]) => sum + n, 0);
  assert.ok(total <= MAX_LESSON_MODULE_LINES, `${total} lines: ${JSON.stringify(lines)}`);
});
