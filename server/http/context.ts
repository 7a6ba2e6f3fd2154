import type { Actor } from '../../machines/roles';
import type { Engine } from '../engine/engine';
import type { Files } from '../files/service';
import type { Hub } from '../live/hub';
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
  /** Where retried event requests find their first answer; in memory by default. */
  idempotency?: IdempotencyStore;
  /** Evidence files; by default the file store that goes with the engine's event store (server/files/open.ts). */
  files?: Files;
  /** Proxies whose X-Forwarded-For is believed; TRUST_PROXY by default. */
  trustProxy?: string[];
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
     * Set on event routes when the request carries an Idempotency-Key: what a durable store
     * records with the event in its log entry (see server/http/idempotency.ts).
     */
    idempotency?: { key: string; bodyHash: string };
  };
}

export const actorOf = (u: StoredUser): Actor => ({ id: u.id, username: u.username, role: u.role, unitId: u.unitId });
