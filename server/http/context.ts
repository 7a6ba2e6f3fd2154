import type { Actor } from '../../machines/roles';
import type { Engine } from '../engine/engine';
import type { Hub } from '../live/hub';
import type { AccountStore, StoredUser } from '../store/accounts';
import type { ReviewStore } from '../reports/reviewStore';

/** What every route may use; built once in server/app.ts. */
export interface Deps {
  engine: Engine;
  accounts: AccountStore;
  hub: Hub;
  /** Durable reviews (`ReviewStore.open(dataDir)`); in memory when absent. */
  reviews?: ReviewStore;
}

export interface AppEnv {
  Variables: {
    user: StoredUser;
    actor: Actor;
    sessionToken: string;
  };
}

export const actorOf = (u: StoredUser): Actor => ({ id: u.id, username: u.username, role: u.role, unitId: u.unitId });
