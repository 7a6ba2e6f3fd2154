import type { Context } from 'hono';
import { AppError } from '../errors';

/**
 * Login throttling behind an async interface, so several server instances can share one
 * (PostgreSQL) implementation; routes depend on this interface only.
 *
 * The rule (README, Security):
 * - per address and username: 10 failed attempts per 15 minutes, then 429 for that username from
 *   that address, the right password included;
 * - per address, for usernames that do not exist: 100 per 15 minutes, then 429 for unknown
 *   usernames only. Known usernames are never refused for the address's sake, so guesses from a
 *   shared NAT or proxy address cannot lock the whole agency out.
 * An attempt is counted when it is reserved, before the password is checked, so a burst of
 * concurrent attempts cannot get more evaluations than the limit; a right password clears its key.
 */
export interface LimitKey {
  key: string;
  max: number;
}

export type Reservation = { ok: true } | { ok: false; retryAfterMs: number };

export interface LoginLimiter {
  /** Atomically: refuses when any key is at its max; otherwise counts one attempt on every key. */
  reserve(keys: LimitKey[], now: Date): Promise<Reservation>;
  /** Forgets a key's attempts (a successful login). */
  clear(key: string): Promise<void>;
}

/** A refused reservation is a 429 with Retry-After; `message` gets the minutes to wait. */
export function assertReserved(c: Context, reservation: Reservation, message: (minutes: number) => string): void {
  if (reservation.ok) return;
  c.header('Retry-After', String(Math.ceil(reservation.retryAfterMs / 1000)));
  throw new AppError('rate_limited', message(Math.ceil(reservation.retryAfterMs / 60000)));
}

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export interface LoginLimits {
  /** Attempts per address and username per window. */
  perAccount: number;
  /** Attempts with usernames that do not exist, per address per window. */
  unknownPerAddress: number;
}

/** The rule as README states it. */
export const LOGIN_LIMITS: LoginLimits = { perAccount: 10, unknownPerAddress: 100 };

export function loginKeys(address: string, username: string, userExists: boolean, limits = LOGIN_LIMITS): LimitKey[] {
  const keys: LimitKey[] = [{ key: `account|${address}|${username.toLowerCase()}`, max: limits.perAccount }];
  if (!userExists) keys.push({ key: `unknown|${address}`, max: limits.unknownPerAddress });
  return keys;
}

/** Fixed windows in this process's memory: one server instance. */
export class MemoryLoginLimiter implements LoginLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly windowMs = LOGIN_WINDOW_MS) {}

  async reserve(keys: LimitKey[], now: Date): Promise<Reservation> {
    const t = now.getTime();
    // Check every key, then count on every key, with no await in between: atomic in one process.
    let wait = 0;
    for (const { key, max } of keys) {
      const w = this.windows.get(key);
      if (w && w.resetAt > t && w.count >= max) wait = Math.max(wait, w.resetAt - t);
    }
    if (wait > 0) return { ok: false, retryAfterMs: wait };
    for (const { key } of keys) {
      const w = this.windows.get(key);
      if (!w || w.resetAt <= t) this.windows.set(key, { count: 1, resetAt: t + this.windowMs });
      else w.count++;
    }
    if (this.windows.size > 10_000) this.prune(t);
    return { ok: true };
  }

  async clear(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private prune(t: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= t) this.windows.delete(key);
  }
}
