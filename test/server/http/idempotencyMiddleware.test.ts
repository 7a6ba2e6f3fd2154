import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/errors';
import type { AppEnv } from '../../../server/http/context';
import { idempotency, MemoryIdempotencyStore } from '../../../server/http/idempotency';
import { sendError } from '../../../server/http/respond';
import type { StoredUser } from '../../../server/store/accountsPort';

/**
 * The Idempotency-Key middleware alone, on a bare app whose handler counts its runs (idempotency.test.ts
 * and idempotency.restart.test.ts check it through the whole app, the engine's log and a restart).
 */
function bareApp() {
  const runs: string[] = [];
  let gate: Promise<void> | undefined;
  let started: (() => void) | undefined;
  const app = new Hono<AppEnv>();
  app.onError((err, c) => (err instanceof AppError ? sendError(c, err) : c.text(String(err), 500)));
  app.use(async (c, next) => {
    c.set('user', { id: c.req.header('x-user') ?? 'u-a' } as StoredUser);
    return next();
  });
  app.use(idempotency(new MemoryIdempotencyStore()));
  app.post('*', async (c) => {
    const body = await c.req.json<{ n: number; refuse?: boolean }>();
    runs.push(`${c.get('user').id} ${c.req.path} ${body.n}`);
    started?.();
    if (gate) await gate;
    if (body.refuse) throw new AppError('conflict', 'refused');
    return c.json({ run: runs.length, n: body.n });
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  /** Holds the handler once it has started, until `release`; `running` settles when it has started. */
  const hold = () => {
    let release!: () => void;
    gate = new Promise((r) => (release = r));
    const running = new Promise<void>((r) => (started = r));
    return { running, release };
  };
  return { post, runs, hold };
}

describe('idempotency(store) on a bare app', () => {
  it('without a key every request runs', async () => {
    const { post, runs } = bareApp();
    await post('/a', { n: 1 });
    await post('/a', { n: 1 });
    expect(runs).toHaveLength(2);
  });

  it('a key that is not 1–200 printable ASCII characters: 400, nothing runs', async () => {
    const { post, runs } = bareApp();
    for (const key of ['a b', 'x'.repeat(201), 'caf\u00e9']) {
      const res = await post('/a', { n: 1 }, { 'idempotency-key': key });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('bad_request');
    }
    expect(runs).toEqual([]);
  });

  it('the same key and body: the first answer, byte for byte, marked replayed; the handler ran once', async () => {
    const { post, runs } = bareApp();
    const first = await post('/a', { n: 1 }, { 'idempotency-key': 'k1' });
    const again = await post('/a', { n: 1 }, { 'idempotency-key': 'k1' });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(await again.text()).toBe(await first.text());
    expect(runs).toEqual(['u-a /a 1']);
  });

  it('the same key with another body: 422 idempotency_mismatch, nothing runs again', async () => {
    const { post, runs } = bareApp();
    await post('/a', { n: 1 }, { 'idempotency-key': 'k1' });
    const res = await post('/a', { n: 2 }, { 'idempotency-key': 'k1' });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('idempotency_mismatch');
    expect(runs).toEqual(['u-a /a 1']);
  });

  it('a retry while the first is still running: 409, and the first still answers', async () => {
    const { post, runs, hold } = bareApp();
    const { running, release } = hold();
    const first = post('/a', { n: 1 }, { 'idempotency-key': 'k1' });
    await running;
    const retry = await post('/a', { n: 1 }, { 'idempotency-key': 'k1' });
    expect(retry.status).toBe(409);
    release();
    expect((await first).status).toBe(200);
    expect(runs).toHaveLength(1);
  });

  it('a refused answer is not kept: the retry runs afresh', async () => {
    const { post, runs } = bareApp();
    expect((await post('/a', { n: 1, refuse: true }, { 'idempotency-key': 'k1' })).status).toBe(409);
    expect((await post('/a', { n: 1, refuse: true }, { 'idempotency-key': 'k1' })).status).toBe(409);
    expect(runs).toHaveLength(2);
  });

  it('a key is one user\'s on one route: another user or another path runs afresh', async () => {
    const { post, runs } = bareApp();
    await post('/a', { n: 1 }, { 'idempotency-key': 'k1' });
    await post('/a', { n: 1 }, { 'idempotency-key': 'k1', 'x-user': 'u-b' });
    await post('/b', { n: 1 }, { 'idempotency-key': 'k1' });
    expect(runs).toEqual(['u-a /a 1', 'u-b /a 1', 'u-a /b 1']);
  });
});
