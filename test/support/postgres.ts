import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectionConfig } from '../../server/store/postgres/connect';
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
