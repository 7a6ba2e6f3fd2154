import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../../../machines/roles';
import { DEFAULT_DEMO_PASSWORD } from '../../../seed/accounts';
import { REFERENCE_PLAN_PATH } from '../../../seed/referencePlan';
import { seedPostgresIfEmpty } from '../../../seed/seedPostgres';
import { seedIfEmpty } from '../../../seed/seedStore';
import { Engine } from '../../../server/engine/engine';
import { Hub } from '../../../server/live/hub';
import type { MailSettings } from '../../../server/notifications/mailer';
import { smtpTransport } from '../../../server/notifications/mailer';
import { Notifications } from '../../../server/notifications/notifications';
import { Outbox } from '../../../server/notifications/outbox';
import { AccountStore } from '../../../server/store/accounts';
import { EmbeddedStore } from '../../../server/store/embedded/embeddedStore';
import type { AccountStorePort } from '../../../server/store/accountsPort';
import { PgAccountStore } from '../../../server/store/postgres/pgAccounts';
import { PgStore } from '../../../server/store/postgres/pgStore';

export type DemoEvent = { task: string; type: 'START' | 'SUBMIT' | 'APPROVE' | 'RETURN' | 'REOPEN' | 'CANCEL'; at: string; by: string; evidence?: string; reason?: string };

/** The reference plan as it stood before `from`: its demo history cut there, the rest returned to be played day by day. */
export function referencePlanBefore(from: string): { planFile: string; later: DemoEvent[] } {
  const file = JSON.parse(readFileSync(REFERENCE_PLAN_PATH, 'utf8'));
  const history = file.demoHistory as DemoEvent[];
  const cut = Date.parse(from);
  file.demoHistory = history.filter((e) => Date.parse(e.at) < cut);
  delete file.demoInspection;
  const planFile = join(mkdtempSync(join(tmpdir(), 'tiendo-plan-')), 'plan.json');
  writeFileSync(planFile, JSON.stringify(file));
  return { planFile, later: history.filter((e) => Date.parse(e.at) >= cut).sort((a, b) => Date.parse(a.at) - Date.parse(b.at)) };
}

export interface Instance {
  engine: Engine;
  accounts: AccountStorePort;
  hub: Hub;
  notifications: Notifications;
  outbox: Outbox;
  close(): Promise<void>;
}

/** Where a world's store lives: a DATA_DIR, or a PostgreSQL schema; instances open on it like server processes. */
export interface StoreSpot {
  name: string;
  seed(planFile: string): Promise<void>;
  open(clock: () => Date, mail: MailSettings): Promise<Instance>;
}

function instance(engine: Engine, accounts: AccountStorePort, mail: MailSettings, closeStore: () => Promise<void>): Instance {
  const hub = new Hub(engine);
  const notifications = new Notifications(engine, accounts, hub, true);
  const outbox = new Outbox(notifications, accounts, smtpTransport(mail.smtpUrl), mail);
  return {
    engine, accounts, hub, notifications, outbox,
    close: async () => {
      await notifications.idle();
      await outbox.stop();
      await closeStore();
    },
  };
}

export function embeddedSpot(): StoreSpot {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-notify-'));
  return {
    name: 'embedded',
    seed: async (planFile) => void (await seedIfEmpty(dataDir, { planFile, password: DEFAULT_DEMO_PASSWORD })),
    open: async (clock, mail) => {
      const engine = await Engine.open({ store: await EmbeddedStore.open(dataDir), clock, snapshotDelayMs: 60_000 });
      const accounts = await AccountStore.open(dataDir);
      return instance(engine, accounts, mail, () => engine.close());
    },
  };
}

export function postgresSpot(url: string, schema: string): StoreSpot {
  return {
    name: 'postgres',
    seed: async (planFile) => {
      const store = await PgStore.open(url, { schema });
      const accounts = new PgAccountStore(store.pool, store.target);
      await seedPostgresIfEmpty(store, accounts, { planFile, password: DEFAULT_DEMO_PASSWORD });
      await store.close();
    },
    open: async (clock, mail) => {
      const store = await PgStore.open(url, { schema });
      const accounts = new PgAccountStore(store.pool, store.target);
      const engine = await Engine.open({ store, clock, snapshotDelayMs: 60_000 });
      return instance(engine, accounts, mail, async () => {
        await accounts.close();
        await engine.close();
      });
    },
  };
}

/** A demo user as the engine's actor. */
export async function actorOf(accounts: AccountStorePort, username: string): Promise<Actor> {
  const u = (await accounts.findByUsername(username))!;
  return { id: u.id, username: u.username, role: u.role, unitId: u.unitId };
}
