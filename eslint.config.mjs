// ESLint flat config. Type-aware only where it pays: no-floating-promises and
// friends catch un-awaited Temporal and database calls.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Workflow code runs in Temporal's deterministic sandbox: no I/O, no clocks of
// its own, no framework. It talks to the outside world through activities.
const workflowSandbox = {
  paths: [
    ...builtinModules
      .filter((name) => !name.startsWith('_'))
      .map((name) => ({ name, message: 'No Node built-ins in workflow code: do I/O in an activity.' })),
    ...['@temporalio/activity', '@temporalio/worker', '@temporalio/client', '@temporalio/testing'].map((name) => ({
      name,
      message: 'Workflow code may use @temporalio/workflow and @temporalio/common only.',
    })),
  ],
  patterns: [
    { regex: '^node:', message: 'No Node built-ins in workflow code: do I/O in an activity.' },
    {
      regex: '^@temporalio/(activity|worker|client|testing)/',
      message: 'Workflow code may use @temporalio/workflow and @temporalio/common only.',
    },
    { regex: '^@nestjs/', message: 'Workflow code must not depend on Nest: wire things up in apps/.' },
    { regex: '^@laurel/infra(/|$)', message: 'Workflow code must not import infra/: call an activity instead.' },
    {
      regex: '^(\\.\\./)+(infra|apps)(/|$)',
      message: 'Workflow code must not import infra/ or apps/: call an activity instead.',
    },
  ],
};

export default defineConfig(
  globalIgnores([
    'dist/',
    'coverage/',
    '.tools/',
    '.data/',
    'bench/results/',
    // Generated from the API's OpenAPI document (npm run web:types).
    'apps/web/src/api/schema.d.ts',
    // Planted layer violations, checked by `npm run deps:check:fixture`.
    'test/fixtures/dependency-rules/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The test fixtures' workflows run in the same sandbox as the real ones.
    files: ['workflows/**/*.ts', 'test/**/fixtures/**/workflows.ts', 'test/**/fixtures/**/*.workflow.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', workflowSandbox] },
  },
);
