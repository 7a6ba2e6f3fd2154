import type pg from 'pg';
import { inTransaction } from './connect';
import { LOGIN_WINDOW_MS, type LimitKey, type LoginLimiter, type Reservation } from '../../http/loginLimiter';

/**
 * The login limit counted in PostgreSQL, so it holds across instances: the check and the count
 * happen in one transaction that locks the keys' rows, so concurrent attempts on any instance
 * cannot get more evaluations than the limit.
 */
export class PgLoginLimiter implements LoginLimiter {
  constructor(
    private readonly pool: pg.Pool,
    private readonly windowMs = LOGIN_WINDOW_MS,
  ) {}

  async reserve(keys: LimitKey[], now: Date): Promise<Reservation> {
    return inTransaction(this.pool, async (client): Promise<Reservation> => {
      const names = keys.map((k) => k.key).sort();
      // Rows for new keys first (a fresh window), then lock every key's row in a fixed order.
      await client.query(
        `INSERT INTO tiendo_login_attempts (key, count, reset_at) SELECT k, 0, $2 FROM unnest($1::text[]) AS k ON CONFLICT DO NOTHING`,
        [names, new Date(now.getTime() + this.windowMs)],
      );
      const { rows } = await client.query<{ key: string; count: number; reset_at: Date }>(
        'SELECT key, count, reset_at FROM tiendo_login_attempts WHERE key = ANY($1) ORDER BY key FOR UPDATE',
        [names],
      );
      let wait = 0;
      for (const r of rows) {
        const max = keys.find((k) => k.key === r.key)!.max;
        if (r.reset_at.getTime() > now.getTime() && r.count >= max) wait = Math.max(wait, r.reset_at.getTime() - now.getTime());
      }
      if (wait > 0) return { ok: false, retryAfterMs: wait };
      await client.query(
        `UPDATE tiendo_login_attempts SET
           count = CASE WHEN reset_at <= $2 THEN 1 ELSE count + 1 END,
           reset_at = CASE WHEN reset_at <= $2 THEN $3 ELSE reset_at END
         WHERE key = ANY($1)`,
        [names, now, new Date(now.getTime() + this.windowMs)],
      );
      return { ok: true };
    });
  }

  async clear(key: string): Promise<void> {
    await this.pool.query('DELETE FROM tiendo_login_attempts WHERE key = $1', [key]);
  }
}
