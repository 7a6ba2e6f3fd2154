import { userInfo } from 'node:os';
import pg from 'pg';

/**
 * Pools and clients for one database and one schema. The schema (default `public`) lets tests and
 * several agencies' deployments share a server without seeing each other.
 */
export interface PgTarget {
  url: string;
  schema?: string;
}

const ident = (s: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`not a plain schema name: ${s}`);
  return s;
};

export function searchPathOption(target: PgTarget): string | undefined {
  return target.schema ? `-c search_path=${ident(target.schema)}` : undefined;
}

/**
 * libpq (psql) falls back to the operating-system user when the URL names none; node-postgres
 * reads $USER, which services and CI often lack. Do what psql does.
 */
export function connectionConfig(url: string): pg.ClientConfig {
  const u = new URL(url);
  if (!u.username && !process.env.PGUSER) u.username = process.env.USER || userInfo().username;
  return { connectionString: u.toString() };
}

export function createPool(target: PgTarget, max = 10): pg.Pool {
  return new pg.Pool({ ...connectionConfig(target.url), max, options: searchPathOption(target) });
}

export function createClient(target: PgTarget): pg.Client {
  return new pg.Client({ ...connectionConfig(target.url), options: searchPathOption(target) });
}

/** Channel names are per schema, so deployments sharing a server do not wake each other. */
export const channel = (target: PgTarget, name: string) => `tiendo_${name}_${target.schema ?? 'public'}`;

export async function ensureSchema(target: PgTarget): Promise<void> {
  if (!target.schema) return;
  const client = new pg.Client(connectionConfig(target.url));
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(target.schema)}`);
  } finally {
    await client.end();
  }
}

/** Runs `work` in one transaction on a pooled connection: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
