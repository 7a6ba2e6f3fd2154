import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { User } from '../../machines/api';

export interface StoredUser extends User {
  passwordHash: string;
}

interface StoredSession {
  /** sha256 of the cookie token, so the file never holds a usable session. */
  tokenHash: string;
  userId: string;
  expiresAt: string;
}

interface AccountsFile {
  users: StoredUser[];
  sessions: StoredSession[];
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Users and sessions in one lowdb file; sessions survive a restart, so nobody is logged out by one. */
export class AccountStore {
  /** Sessions by token hash: looked up on every request. */
  private sessions = new Map<string, StoredSession>();
  private users = new Map<string, StoredUser>();

  private constructor(private readonly db: Low<AccountsFile>) {
    this.reindex();
  }

  private reindex(): void {
    this.sessions = new Map(this.db.data.sessions.map((s) => [s.tokenHash, s]));
    this.users = new Map(this.db.data.users.map((u) => [u.id, u]));
  }

  static async open(dataDir: string): Promise<AccountStore> {
    // The plain JSONFile adapter on purpose: lowdb's preset helper swaps in memory under NODE_ENV=test.
    const db = new Low<AccountsFile>(new JSONFile(join(dataDir, 'accounts.json')), { users: [], sessions: [] });
    await db.read();
    return new AccountStore(db);
  }

  get hasUsers(): boolean {
    return this.db.data.users.length > 0;
  }

  async replaceUsers(users: StoredUser[]): Promise<void> {
    this.db.data = { users, sessions: [] };
    this.reindex();
    await this.db.write();
  }

  findByUsername(username: string): StoredUser | undefined {
    return this.db.data.users.find((u) => u.username === username);
  }

  findById(id: string): StoredUser | undefined {
    return this.users.get(id);
  }

  listUsers(): User[] {
    return this.db.data.users.map(publicUser);
  }

  async createSession(userId: string, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const nowMs = now.getTime();
    this.db.data.sessions = this.db.data.sessions.filter((s) => Date.parse(s.expiresAt) > nowMs);
    this.db.data.sessions.push({ tokenHash: sha256(token), userId, expiresAt: new Date(nowMs + SESSION_TTL_MS).toISOString() });
    this.reindex();
    await this.db.write();
    return token;
  }

  userForSession(token: string, now: Date): StoredUser | undefined {
    const hash = sha256(token);
    const session = this.sessions.get(hash);
    if (!session || Date.parse(session.expiresAt) <= now.getTime()) return undefined;
    return this.findById(session.userId);
  }

  async deleteSession(token: string): Promise<void> {
    const hash = sha256(token);
    this.db.data.sessions = this.db.data.sessions.filter((s) => s.tokenHash !== hash);
    this.reindex();
    await this.db.write();
  }
}

export function publicUser({ passwordHash: _, ...user }: StoredUser): User {
  return user;
}
