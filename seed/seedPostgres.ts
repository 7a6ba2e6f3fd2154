import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyStore } from '../server/store/copy';
import type { PgAccountStore } from '../server/store/postgres/pgAccounts';
import type { PgStore } from '../server/store/postgres/pgStore';
import { seedIfEmpty, type SeedOptions } from './seedStore';
import { EmbeddedFileStore } from '../server/files/embeddedFiles';
import { PgFileStore } from '../server/files/pgFiles';
import { copyFiles } from '../server/files/verify';

const SEED_LOCK = 7310_0003;

/**
 * Seeds an empty PostgreSQL store the way an empty DATA_DIR is seeded: the plan and its history are
 * replayed through the engine into a scratch embedded store, then copied in one transaction (users
 * first: a crash between leaves no events, and the next start seeds again). Instances starting
 * together take turns on an advisory lock; the second finds data and does nothing.
 */
export async function seedPostgresIfEmpty(store: PgStore, accounts: PgAccountStore, options: SeedOptions): Promise<boolean> {
  const client = await store.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
    const { rows } = await client.query('SELECT 1 FROM tiendo_events LIMIT 1');
    if (rows.length) return false;
    const scratch = mkdtempSync(join(tmpdir(), 'tiendo-seed-'));
    try {
      await seedIfEmpty(scratch, options);
      // The evidence files first: an event is never there without the files it names.
      const files = new PgFileStore(store.pool);
      await copyFiles(new EmbeddedFileStore(scratch), files);
      await files.close();
      await copyStore(scratch, store, accounts, { replaceUsers: true });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    return true;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => {});
    client.release();
  }
}
