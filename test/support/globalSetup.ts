import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startPostgres } from './pgServer';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The test files with a PostgreSQL half: those that ask for `pgUrl()` (support/postgres.ts). */
export function postgresTestFiles(dir = join(ROOT, 'test')): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => {
      const path = join(dir, d.name);
      if (d.isDirectory()) return postgresTestFiles(path);
      return d.name.endsWith('.test.ts') && readFileSync(path, 'utf8').includes('pgUrl()') ? [relative(ROOT, path)] : [];
    })
    .sort();
}

/**
 * Finds a real PostgreSQL for the store contract and the two-instance tests: TEST_DATABASE_URL when
 * set (development and CI machines), otherwise a throwaway server started here from the machine's
 * PostgreSQL binaries. Without one, the PostgreSQL half is skipped: under CI=true that fails the
 * run before any test starts (a green CI run must have tested both stores); elsewhere one line says
 * which files' PostgreSQL tests were skipped and why.
 */
export default async function setup(project: TestProject) {
  const found = await startPostgres();
  if (found.url) console.log(`PostgreSQL for the store tests: ${found.label}`);
  else {
    const skipped = `PostgreSQL half SKIPPED in ${postgresTestFiles().join(', ')}: ${found.label}`;
    if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`CI=true and no PostgreSQL: ${skipped}`);
    console.log(skipped);
  }
  project.provide('pgUrl', found.url);
  return async () => {
    await found.stop?.();
    // The run's temporary folder (vitest.config.ts): everything the tests left there.
    if (process.env.TIENDO_TEST_TMP) rmSync(process.env.TIENDO_TEST_TMP, { recursive: true, force: true });
  };
}
