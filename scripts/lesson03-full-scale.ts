/**
 * `npx tsx scripts/lesson03-full-scale.ts [--seed=N] [--out=PATH]`: runs lesson 03's experiments
 * at the question's scale (`LESSON03_MODES.full`: 82,000 fit rows per repetition, batch 32) once,
 * through the same steps as the notebook (`runLesson03`), and writes the figures with the command,
 * the settings and the code version to data/lesson03-full-scale.json (or PATH). The notebook shows
 * them; test/unit/lesson03.test.ts checks that the file agrees with the code. Takes a few minutes.
 */
import { savedRunMain } from './lib/saved-run';
import {
  FULL_SCALE_FILE,
  LESSON03_DATA,
  LESSON03_MODES,
  QUESTION_LIKE_DATA,
  QUESTION_SETUP,
  REPETITIONS,
  lesson03Figures,
  lesson03Seeds,
  runLesson03,
} from '../src/lessons/03-evaluating-multi-label';

if (require.main === module)
  savedRunMain({
    script: 'scripts/lesson03-full-scale.ts',
    out: FULL_SCALE_FILE,
    seed: 0,
    about:
      "Lesson 03's figures at the question's scale, one value per repetition (ensemble member) " +
      'for every figure.',
    async run(seed, progress) {
      const mode = LESSON03_MODES.full;
      const results = await runLesson03(mode, seed, progress && 'lesson 03 full scale');
      return {
        settings: {
          seed,
          repetitions: REPETITIONS,
          seeds: lesson03Seeds(seed),
          mode,
          setup: QUESTION_SETUP,
          data: LESSON03_DATA,
          questionLike: QUESTION_LIKE_DATA,
        },
        figures: lesson03Figures(results),
      };
    },
  });
