import type { Context, MiddlewareHandler } from 'hono';
import type { RequestKey } from '../engine/idempotency';
import { messages } from '../engine/messages';
import { AppError } from '../errors';
import type { StreamRef } from '../store/entries';
import { sha256 } from '../store/sha256';
import type { AppEnv } from './context';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotency-Replayed';

/** The first answer to a request that carried a key. */
export interface IdempotentAnswer {
  status: number;
  /** The JSON body as sent. */
  body: string;
}

export type Claim =
  | { state: 'claimed' }
  | { state: 'done'; bodyHash: string; answer: IdempotentAnswer }
  | { state: 'inFlight'; bodyHash: string };

/**
 * This process's memory of keys: it tells a retry from a request still running and answers a retry
 * to the same process with the exact bytes first sent. `scope` is the caller and the route
 * (`userId POST /api/tasks/x/events`), so one user's key never answers another's request. What
 * makes a key durable is the engine: the route hands it on (requestKey), the engine records it in
 * the event's own log entry and answers a retry after a restart, or on another instance, from there.
 */
export interface IdempotencyStore {
  /** Atomically: an answer already given, a request still running, or a claim on the key for this request. */
  claim(scope: string, key: string, bodyHash: string, now: Date): Promise<Claim>;
  /** The claimed request was accepted (2xx): keep its answer. */
  finish(scope: string, key: string, bodyHash: string, answer: IdempotentAnswer, now: Date): Promise<void>;
  /** The claimed request was refused or failed (nothing committed): a retry is evaluated afresh. */
  release(scope: string, key: string): Promise<void>;
}

const KEY = /^[\x21-\x7e]{1,200}$/;

export const bodyHashOf = (body: string) => sha256(body, 'base64url');

/**
 * Idempotency-Key on POST event routes (README, Retries): the same key with the same body gets the
 * original answer (and `Idempotency-Replayed: true`) without sending the event again; with another
 * body, 422 idempotency_mismatch; while the first is still running, 409 conflict. Only accepted
 * (2xx) answers are kept: a refused request changed nothing, so its retry is simply evaluated.
 */
export function idempotency(store: IdempotencyStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined) return next();
    if (!KEY.test(key)) {
      throw new AppError('bad_request', `Tiêu đề ${IDEMPOTENCY_HEADER} phải gồm 1–200 ký tự ASCII in được (ví dụ một UUID).`);
    }
    const scope = `${c.get('user').id} ${c.req.method} ${c.req.path}`;
    const bodyHash = bodyHashOf(await c.req.text());
    const claim = await store.claim(scope, key, bodyHash, new Date());
    if (claim.state !== 'claimed' && claim.bodyHash !== bodyHash) throw new AppError('idempotency_mismatch', messages.idempotencyMismatch);
    if (claim.state === 'inFlight') {
      throw new AppError('conflict', 'Yêu cầu với cùng khóa đang được xử lý. Vui lòng thử lại sau giây lát.');
    }
    if (claim.state === 'done') {
      return c.body(claim.answer.body, claim.answer.status as 200, {
        'content-type': 'application/json; charset=UTF-8',
        [REPLAYED_HEADER]: 'true',
      });
    }
    let replayed = false;
    c.set('idempotency', { key, bodyHash, userId: c.get('user').id, replayed: () => (replayed = true) });
    try {
      await next();
    } finally {
      const res = c.res;
      if (replayed) res.headers.set(REPLAYED_HEADER, 'true');
      if (res.status >= 200 && res.status < 300 && !c.error) {
        await store.finish(scope, key, bodyHash, { status: res.status, body: await res.clone().text() }, new Date());
      } else {
        await store.release(scope, key);
      }
    }
  };
}

/** The request's key for the engine (undefined without one), naming the stream the route addresses. */
export function requestKey(c: Context<AppEnv>, stream: StreamRef): RequestKey | undefined {
  const key = c.get('idempotency');
  return key && { ...key, stream };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** One process's memory: answers kept a day, at most `max` keys (oldest forgotten first). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, { bodyHash: string; answer?: IdempotentAnswer; at: number }>();

  constructor(private readonly max = 50_000, private readonly ttlMs = DAY_MS) {}

  async claim(scope: string, key: string, bodyHash: string, now: Date): Promise<Claim> {
    const id = `${scope}\n${key}`;
    const entry = this.entries.get(id);
    if (entry && (entry.answer === undefined || entry.at + this.ttlMs > now.getTime())) {
      return entry.answer ? { state: 'done', bodyHash: entry.bodyHash, answer: entry.answer } : { state: 'inFlight', bodyHash: entry.bodyHash };
    }
    this.entries.delete(id);
    this.entries.set(id, { bodyHash, at: now.getTime() });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return { state: 'claimed' };
  }

  async finish(scope: string, key: string, bodyHash: string, answer: IdempotentAnswer, now: Date): Promise<void> {
    this.entries.set(`${scope}\n${key}`, { bodyHash, answer, at: now.getTime() });
  }

  async release(scope: string, key: string): Promise<void> {
    this.entries.delete(`${scope}\n${key}`);
  }
}
