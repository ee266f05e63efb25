// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/__generated__/**', '**/drizzle/**', 'data/**', '.turbo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // SQL lives in one place per service: its store under src/db/ (and the kit's shared
    // statements). Domain modules, resolvers and loaders ask the store; they never build SQL.
    // Tests may read a store directly to check what a write left behind.
    files: ['**/*.ts'],
    ignores: ['**/src/db/**', 'packages/kit/**', '**/drizzle.config.ts', '**/*.test.ts', 'test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3'],
              message: "SQL lives only in the service's src/db/ store (and the kit): add a statement there and call it.",
            },
          ],
        },
      ],
    },
  },
  {
    // A statement is written once for both engines: it awaits Drizzle's builder, and never calls
    // what only SQLite's builder has (`.get()`, `.all()`, `.run()`).
    files: ['subgraphs/*/src/db/statements/**/*.ts', 'packages/kit/src/db/**/*.ts'],
    ignores: ['packages/kit/src/db/engine.ts', 'packages/kit/src/db/testing.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(get|all|run)$/][arguments.length=0]",
          message: 'Only SQLite has .get()/.all()/.run(): await the builder so the statement runs on both engines.',
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'packages/kit/src/testing.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
