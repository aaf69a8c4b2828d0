// Lint for every TypeScript file, notebook cells included (see scripts/lib/notebook-lint.ts).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'build/**',
      'lib/**',
      'lib.staging-*/**',
      'node_modules/**',
      '.venv/**',
      'eslint.config.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'readonly',
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Prettier formats to 100 columns; this catches what it cannot wrap (strings, comments).
      'max-len': ['error', { code: 100, ignoreUrls: true, ignoreRegExpLiterals: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['scripts/tslab-kernel.js', 'scripts/tslab-converter.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
