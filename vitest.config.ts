import { defineConfig } from 'vitest/config';

// Kept apart from vite.config.ts, whose root is client/: tests run from the repository root.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/support/globalSetup.ts'],
  },
});
