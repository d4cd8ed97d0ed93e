import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Grading tests mostly wait (for prompts, deadlines, the wire): two test files at once keep 2 cores
    // busy, where vitest's default (one fewer than the cores) leaves one idle half the time.
    maxWorkers: 2,
  },
});
