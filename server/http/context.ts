import type { Actor } from '../../machines/roles';
import type { Engine } from '../engine/engine';
import type { Files } from '../files/service';
import type { RequestKey } from '../engine/idempotency';
import type { Hub } from '../live/hub';
import type { Notifications } from '../notifications/notifications';
import type { Outbox } from '../notifications/outbox';
import type { AccountStorePort, StoredUser } from '../store/accountsPort';
import type { IdempotencyStore } from './idempotency';
import type { LoginLimiter, LoginLimits } from './loginLimiter';

/** What every route may use; built once in server/app.ts. */
export interface Deps {
  engine: Engine;
  accounts: AccountStorePort;
  hub: Hub;
  /** Shared by every instance when there are several; in memory by default. */
  loginLimiter?: LoginLimiter;
  /** README's login limit rule by default; tests may lower the counts. */
  loginLimits?: LoginLimits;
  /** Where a retried event request finds its first answer in this process; in memory by default (the engine's log does the rest). */
  idempotency?: IdempotencyStore;
  /** Evidence files; by default the file store that goes with the engine's event store (server/files/open.ts). */
  files?: Files;
  /** Proxies whose X-Forwarded-For is believed; TRUST_PROXY by default. */
  trustProxy?: string[];
  /** In-app notifications; made by createApp when not given (compose gives it, with its scheduler). */
  notifications?: Notifications;
  /** The mail outbox, with SMTP_URL: its counts are in /api/health?detail. */
  outbox?: Outbox;
}

export interface AppEnv {
  Variables: {
    user: StoredUser;
    actor: Actor;
    sessionToken: string;
    /** The session's token hash: live streams are keyed by it, so logout can close them. */
    sessionHash: string;
    sessionExpiresAt: Date;
    /**
     * Set on event routes when the request carries an Idempotency-Key: the route hands it to the
     * engine with the stream it addresses (requestKey in server/http/idempotency.ts).
     */
    idempotency?: Omit<RequestKey, 'stream'>;
  };
}

export const actorOf = (u: StoredUser): Actor => ({ id: u.id, username: u.username, role: u.role, unitId: u.unitId });
