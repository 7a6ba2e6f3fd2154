import { EmbeddedStore } from '../store/embedded/embeddedStore';
import type { EventStore } from '../store/port';
import { PgStore } from '../store/postgres/pgStore';
import { EmbeddedFileStore } from './embeddedFiles';
import { PgFileStore } from './pgFiles';
import type { FileStore } from './port';

/** The file store that goes with an event store: files beside the log, or in the same database. */
export function fileStoreFor(store: EventStore, opts: { serving?: boolean } = {}): FileStore {
  if (store instanceof PgStore) return new PgFileStore(store.pool);
  if (store instanceof EmbeddedStore) return new EmbeddedFileStore(store.dataDir, { clearSpool: opts.serving });
  throw new Error('no file store goes with this event store');
}
