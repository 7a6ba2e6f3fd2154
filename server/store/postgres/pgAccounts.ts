import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../errors';
import {
  SESSION_TTL_MS,
  accountView,
  tokenHashOf,
  type AccountStorePort,
  type AccountView,
  type SessionInfo,
  type StoredUser,
  type UserPatch,
} from '../accountsPort';
import { channel, createClient, inTransaction, type PgTarget } from './connect';

/** What another instance must close: one session's streams, or all of a user's. */
export type SessionsEnded = { tokenHashes: string[] } | { userId: string };

/**
 * Users and sessions in PostgreSQL, for several instances: a session made on one is valid on all,
 * and ending sessions (logout, disabling, a changed role) is announced by NOTIFY so every instance
 * closes that session's live streams at once.
 */
export class PgAccountStore implements AccountStorePort {
  private readonly ended = new Set<(e: SessionsEnded) => void>();
  private listener: pg.Client | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly target: PgTarget,
  ) {}

  async hasUsers(): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM tiendo_users LIMIT 1');
    return rows.length > 0;
  }

  async replaceUsers(users: StoredUser[]): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM tiendo_sessions');
      await client.query('DELETE FROM tiendo_users');
      await client.query(
        'INSERT INTO tiendo_users (id, username, body) SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])',
        [users.map((u) => u.id), users.map((u) => u.username), users.map((u) => JSON.stringify(u))],
      );
    });
  }

  async findByUsername(username: string): Promise<StoredUser | undefined> {
    const { rows } = await this.pool.query<{ body: StoredUser }>('SELECT body FROM tiendo_users WHERE username = $1', [username]);
    return rows[0]?.body;
  }

  async findById(id: string): Promise<StoredUser | undefined> {
    const { rows } = await this.pool.query<{ body: StoredUser }>('SELECT body FROM tiendo_users WHERE id = $1', [id]);
    return rows[0]?.body;
  }

  async listUsers(): Promise<AccountView[]> {
    const { rows } = await this.pool.query<{ body: StoredUser }>('SELECT body FROM tiendo_users ORDER BY username');
    return rows.map((r) => accountView(r.body));
  }

  async listStoredUsers(): Promise<StoredUser[]> {
    const { rows } = await this.pool.query<{ body: StoredUser }>('SELECT body FROM tiendo_users ORDER BY username');
    return rows.map((r) => r.body);
  }

  async createUser(user: StoredUser): Promise<StoredUser> {
    const res = await this.pool.query(
      'INSERT INTO tiendo_users (id, username, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [user.id, user.username, JSON.stringify(user)],
    );
    if (res.rowCount === 0) throw new AppError('conflict', `Tên đăng nhập «${user.username}» đã có người dùng. Hãy chọn tên khác.`);
    return user;
  }

  async updateUser(id: string, patch: UserPatch): Promise<StoredUser | undefined> {
    const { rows } = await this.pool.query<{ body: StoredUser }>(
      // null removes a field (an email address taken away), except unitId, which is null when there is none.
      `UPDATE tiendo_users SET body = jsonb_strip_nulls(body || $2::jsonb) || jsonb_build_object('unitId', (body || $2::jsonb) -> 'unitId')
        WHERE id = $1 RETURNING body`,
      [id, JSON.stringify(patch)],
    );
    const user = rows[0]?.body;
    if (user && (patch.disabled || patch.role !== undefined || patch.unitId !== undefined)) await this.announce({ userId: id });
    return user;
  }

  async createSession(userId: string, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.pool.query('DELETE FROM tiendo_sessions WHERE expires_at <= $1', [now]);
    await this.pool.query('INSERT INTO tiendo_sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
      tokenHashOf(token), userId, new Date(now.getTime() + SESSION_TTL_MS),
    ]);
    return token;
  }

  async sessionFor(token: string, now: Date): Promise<SessionInfo | undefined> {
    const tokenHash = tokenHashOf(token);
    const { rows } = await this.pool.query<{ body: StoredUser; expires_at: Date }>(
      `SELECT u.body, s.expires_at FROM tiendo_sessions s JOIN tiendo_users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [tokenHash, now],
    );
    const row = rows[0];
    if (!row || row.body.disabled) return undefined;
    return { user: row.body, tokenHash, expiresAt: row.expires_at };
  }

  async userForSession(token: string, now: Date): Promise<StoredUser | undefined> {
    return (await this.sessionFor(token, now))?.user;
  }

  async deleteSession(token: string): Promise<void> {
    const tokenHash = tokenHashOf(token);
    await this.pool.query('DELETE FROM tiendo_sessions WHERE token_hash = $1', [tokenHash]);
    await this.announce({ tokenHashes: [tokenHash] });
  }

  async deleteUserSessions(userId: string, exceptTokenHash?: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ token_hash: string }>(
      'DELETE FROM tiendo_sessions WHERE user_id = $1 AND token_hash <> $2 RETURNING token_hash',
      [userId, exceptTokenHash ?? ''],
    );
    const hashes = rows.map((r) => r.token_hash);
    if (hashes.length) await this.announce({ tokenHashes: hashes });
    return hashes;
  }

  private async announce(e: SessionsEnded): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [channel(this.target, 'sessions'), JSON.stringify(e)]);
  }

  /** Sessions ended by any instance (this one included): close their live streams here. */
  async onSessionsEnded(listener: (e: SessionsEnded) => void): Promise<void> {
    this.ended.add(listener);
    if (this.listener) return;
    const client = createClient(this.target);
    this.listener = client;
    client.on('notification', (n) => {
      const e = JSON.parse(n.payload ?? '{}') as SessionsEnded;
      for (const l of this.ended) l(e);
    });
    client.on('error', () => {
      this.listener = undefined;
      client.end().catch(() => {});
      setTimeout(() => void this.onSessionsEnded(listener), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${channel(this.target, 'sessions')}`);
  }

  async close(): Promise<void> {
    await this.listener?.end().catch(() => {});
  }
}
