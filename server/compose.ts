import { DEFAULT_DEMO_PASSWORD } from '../seed/accounts';
import { ensureInitialAdmin, type InitialAdmin } from '../seed/initialAdmin';
import { seedPostgresIfEmpty } from '../seed/seedPostgres';
import { seedIfEmpty } from '../seed/seedStore';
import { Engine } from './engine/engine';
import type { Deps } from './http/context';
import { Hub } from './live/hub';
import { fileStoreFor } from './files/open';
import { Files } from './files/service';
import { AccountStore } from './store/accounts';
import { EmbeddedStore } from './store/embedded/embeddedStore';
import { ensurePrivateDir } from './store/fileModes';
import { PgAccountStore } from './store/postgres/pgAccounts';
import { PgLoginLimiter } from './store/postgres/pgLoginLimiter';
import { PgStore } from './store/postgres/pgStore';
import { startNotifications, type NotificationSettings } from './notifications/start';

export interface ComposeOptions {
  dataDir: string;
  /** PostgreSQL instead of the embedded store (DATABASE_URL), optionally in a schema (DATABASE_SCHEMA). */
  databaseUrl?: string;
  databaseSchema?: string;
  seedFile?: string;
  demoPassword?: string;
  /**
   * A real deployment (ADMIN_USERNAME/ADMIN_PASSWORD): this one leader is created when missing, and
   * nothing is seeded: no demo accounts, no sample plan (the agency imports or drafts its own).
   */
  admin?: InitialAdmin;
  clock?: () => Date;
  onFatal?: (error: Error) => void;
  /** Reminders and mail (REMINDER_TIME, SMTP_URL, …); without them, no scheduler runs. */
  notifications?: NotificationSettings;
  /** How long plan snapshots wait after a change (Engine's default when unset). */
  snapshotDelayMs?: number;
}

export interface Composed {
  deps: Deps;
  seeded: boolean;
  where: string;
  close(): Promise<void>;
}

/**
 * Builds what the app runs on: the embedded store under DATA_DIR (one agency, nothing to install),
 * or PostgreSQL (several instances sharing events, sessions and login limits). Seeds an empty store.
 */
export async function compose(opts: ComposeOptions): Promise<Composed> {
  const seed = { planFile: opts.seedFile, password: opts.demoPassword ?? DEFAULT_DEMO_PASSWORD };
  if (opts.databaseUrl) {
    const store = await PgStore.open(opts.databaseUrl, { schema: opts.databaseSchema });
    const accounts = new PgAccountStore(store.pool, store.target);
    const seeded = opts.admin ? false : await seedPostgresIfEmpty(store, accounts, seed);
    await ensureInitialAdmin(accounts, opts.admin);
    const engine = await Engine.open({ store, clock: opts.clock, onFatal: opts.onFatal, snapshotDelayMs: opts.snapshotDelayMs });
    const hub = new Hub(engine);
    // A logout or a disabled user on any instance closes that session's streams on this one.
    await accounts.onSessionsEnded((e) => {
      if ('userId' in e) hub.closeUser(e.userId);
      else for (const hash of e.tokenHashes) hub.closeSession(hash);
    });
    const files = new Files(fileStoreFor(store, { serving: true }), engine);
    const running = opts.notifications && startNotifications(engine, accounts, hub, opts.notifications);
    // Ready once a start after REMINDER_TIME has made the day's missed reminders.
    await running?.started;
    return {
      deps: { engine, accounts, hub, files, loginLimiter: new PgLoginLimiter(store.pool), notifications: running?.notifications, outbox: running?.outbox },
      seeded,
      where: `PostgreSQL${opts.databaseSchema ? ` schema ${opts.databaseSchema}` : ''}`,
      close: async () => {
        await running?.stop();
        await running?.notifications.idle();
        await accounts.close();
        await files.store.close();
        await engine.close();
      },
    };
  }
  ensurePrivateDir(opts.dataDir);
  const seeded = opts.admin ? false : await seedIfEmpty(opts.dataDir, seed);
  const engine = await Engine.open({ store: await EmbeddedStore.open(opts.dataDir), clock: opts.clock, onFatal: opts.onFatal, snapshotDelayMs: opts.snapshotDelayMs });
  const accounts = await AccountStore.open(opts.dataDir);
  await ensureInitialAdmin(accounts, opts.admin);
  const hub = new Hub(engine);
  const running = opts.notifications && startNotifications(engine, accounts, hub, opts.notifications);
  await running?.started;
  return {
    deps: { engine, accounts, hub, files: new Files(fileStoreFor(engine.store, { serving: true }), engine), notifications: running?.notifications, outbox: running?.outbox },
    seeded,
    where: `data ${opts.dataDir}`,
    close: async () => {
      await running?.stop();
      await running?.notifications.idle();
      await engine.close();
    },
  };
}
