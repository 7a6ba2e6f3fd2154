import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Every temporary store, plan file and browser profile of a run (test workers and the servers they
// start inherit TMPDIR) goes under one folder that test/support/globalSetup.ts removes at the end,
// so a run leaves nothing behind in /tmp.
const runDir = (process.env.TIENDO_TEST_TMP ??= mkdtempSync(join(tmpdir(), 'tiendo-run-')));

// Kept apart from vite.config.ts, whose root is client/: tests run from the repository root.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { TMPDIR: runDir },
    globalSetup: ['test/support/globalSetup.ts'],
  },
});
