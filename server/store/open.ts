import { EmbeddedStore } from './embedded/embeddedStore';
import type { EventStore } from './port';

/**
 * Which store this process runs on: PostgreSQL when DATABASE_URL is set (a province, several
 * instances), otherwise the embedded store under DATA_DIR (one agency, nothing to install).
 */
export async function openStore(opts: { dataDir: string; databaseUrl?: string; schema?: string }): Promise<EventStore> {
  if (opts.databaseUrl) {
    const { PgStore } = await import('./postgres/pgStore');
    return PgStore.open(opts.databaseUrl, { schema: opts.schema });
  }
  return EmbeddedStore.open(opts.dataDir);
}
