import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { AppError } from '../errors';
import {
  SESSION_TTL_MS,
  accountView,
  publicUser,
  tokenHashOf,
  type AccountStorePort,
  type AccountView,
  type SessionInfo,
  type StoredUser,
  type UserPatch,
} from './accountsPort';
import { ensurePrivateDir, ensurePrivateFile } from './fileModes';
import { PrivateJSONFile } from './privateJsonFile';

export { SESSION_TTL_MS, publicUser, type StoredUser };

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

/**
 * Users and sessions in one lowdb file (mode 600 in a 700 folder); sessions survive a restart, so
 * nobody is logged out by one. Implements AccountStorePort for a single server instance.
 */
export class AccountStore implements AccountStorePort {
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
    ensurePrivateDir(dataDir);
    const path = join(dataDir, 'accounts.json');
    ensurePrivateFile(path);
    const db = new Low<AccountsFile>(new PrivateJSONFile(path), { users: [], sessions: [] });
    await db.read();
    return new AccountStore(db);
  }

  async hasUsers(): Promise<boolean> {
    return this.db.data.users.length > 0;
  }

  async replaceUsers(users: StoredUser[]): Promise<void> {
    this.db.data = { users, sessions: [] };
    this.reindex();
    await this.db.write();
  }

  async findByUsername(username: string): Promise<StoredUser | undefined> {
    return this.db.data.users.find((u) => u.username === username);
  }

  async findById(id: string): Promise<StoredUser | undefined> {
    return this.users.get(id);
  }

  async listUsers(): Promise<AccountView[]> {
    return this.db.data.users.map(accountView);
  }

  async listStoredUsers(): Promise<StoredUser[]> {
    return [...this.db.data.users];
  }

  async createUser(user: StoredUser): Promise<StoredUser> {
    if (this.db.data.users.some((u) => u.username === user.username || u.id === user.id)) {
      throw new AppError('conflict', `Tên đăng nhập «${user.username}» đã có người dùng. Hãy chọn tên khác.`);
    }
    this.db.data.users.push(user);
    this.reindex();
    await this.db.write();
    return user;
  }

  async updateUser(id: string, patch: UserPatch): Promise<StoredUser | undefined> {
    const user = this.users.get(id);
    if (!user) return undefined;
    Object.assign(user, patch);
    // null removes a field (an email address taken away) rather than storing it.
    for (const [key, value] of Object.entries(patch)) if (value === null && key !== 'unitId') delete (user as unknown as Record<string, unknown>)[key];
    await this.db.write();
    return user;
  }

  async createSession(userId: string, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const nowMs = now.getTime();
    this.db.data.sessions = this.db.data.sessions.filter((s) => Date.parse(s.expiresAt) > nowMs);
    this.db.data.sessions.push({ tokenHash: tokenHashOf(token), userId, expiresAt: new Date(nowMs + SESSION_TTL_MS).toISOString() });
    this.reindex();
    await this.db.write();
    return token;
  }

  async sessionFor(token: string, now: Date): Promise<SessionInfo | undefined> {
    const tokenHash = tokenHashOf(token);
    const session = this.sessions.get(tokenHash);
    if (!session) return undefined;
    const expiresAt = new Date(session.expiresAt);
    const user = this.users.get(session.userId);
    if (expiresAt.getTime() <= now.getTime() || !user || user.disabled) return undefined;
    return { user, tokenHash, expiresAt };
  }

  async userForSession(token: string, now: Date): Promise<StoredUser | undefined> {
    return (await this.sessionFor(token, now))?.user;
  }

  async deleteSession(token: string): Promise<void> {
    const hash = tokenHashOf(token);
    this.db.data.sessions = this.db.data.sessions.filter((s) => s.tokenHash !== hash);
    this.reindex();
    await this.db.write();
  }

  async deleteUserSessions(userId: string, exceptTokenHash?: string): Promise<string[]> {
    const ended = this.db.data.sessions.filter((s) => s.userId === userId && s.tokenHash !== exceptTokenHash);
    if (!ended.length) return [];
    const gone = new Set(ended.map((s) => s.tokenHash));
    this.db.data.sessions = this.db.data.sessions.filter((s) => !gone.has(s.tokenHash));
    this.reindex();
    await this.db.write();
    return [...gone];
  }
}
