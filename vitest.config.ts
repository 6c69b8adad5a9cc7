import { defineConfig } from 'vitest/config';

// One suite for the whole monorepo. Unit and integration tests live in each project's test/ folder;
// benchmarks (bench/) are programs run by npm scripts and are never collected here.
export default defineConfig({
  test: {
    include: [
      'libs/*/test/**/*.test.ts',
      'experiments/shared/test/**/*.test.ts',
      'experiments/*/*/test/**/*.test.ts',
      'scripts/test/**/*.test.ts',
      'datasets/test/**/*.test.ts',
    ],
    pool: 'forks',
    globalSetup: ['scripts/test/temp-root.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
