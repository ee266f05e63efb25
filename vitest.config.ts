import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { testSeedTime } from './packages/fixtures/src/seed-time.ts';

// Every test process and every service a test starts inherits this: the seed world is the same
// age on any calendar day (see packages/fixtures/src/seed-time.ts).
process.env.SEED_TIME ??= new Date(testSeedTime()).toISOString();

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for everyone (its package has no "exports"); Vite
    // would pick the ESM build for our code, and @apollo/* (CommonJS) would get another copy.
    // Two copies of graphql refuse each other's schemas, so tests load the one Node does.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/**/*.test.ts', 'subgraphs/**/*.test.ts', 'gateway/**/*.test.ts', 'schema/**/*.test.ts', 'web/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.ts'],
          environment: 'node',
          // Each e2e file boots five services; keep them from competing for two cores.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
