import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { copiedEntries } from '../../server/store/copy';
import { EmbeddedStore } from '../../server/store/embedded/embeddedStore';
import { connectionConfig } from '../../server/store/postgres/connect';
import { PgStore } from '../../server/store/postgres/pgStore';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server the tests may use, or undefined (with the reason printed once) when none. */
    pgUrl: string | undefined;
  }
}

/** The PostgreSQL URL chosen by test/support/globalSetup.ts, if any. */
export const pgUrl = (): string | undefined => inject('pgUrl');

/** A fresh schema name, so tests never see each other's rows and need no cleanup order. */
export const freshSchema = () => `t_${randomBytes(6).toString('hex')}`;

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client(connectionConfig(url));
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** A DATA_DIR's log copied verbatim into a PostgreSQL schema (importRaw fills the history columns), as store:copy does. */
export async function copyLogIntoPostgres(dataDir: string, url: string, schema: string): Promise<void> {
  const pg = await PgStore.open(url, { schema });
  const source = await EmbeddedStore.open(dataDir);
  await pg.importRaw(copiedEntries(source.readRaw()));
  await source.close();
  await pg.close();
}
