import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedIfEmpty } from '../../seed/seedStore';
import { createApp } from '../../server/app';
import { Engine } from '../../server/engine/engine';
import { EmbeddedStore } from '../../server/store/embedded/embeddedStore';
import { Hub } from '../../server/live/hub';
import { AccountStore } from '../../server/store/accounts';
import { DEMO_PASSWORD } from './api';

/**
 * The real app in this process (Hono's app.request), on a real seeded DATA_DIR: route semantics
 * without a server process. `clock` is settable so a test can move time on.
 */
export async function openApp(now: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-app-'));
  await seedIfEmpty(dataDir, { password: DEMO_PASSWORD });
  let clock = new Date(now);
  const engine = await Engine.open({ store: await EmbeddedStore.open(dataDir), clock: () => clock, snapshotDelayMs: 60_000 });
  const accounts = await AccountStore.open(dataDir);
  const app = createApp({ engine, accounts, hub: new Hub(engine) });

  // What @hono/node-server hands the app: login reads the client address from it (rate limit).
  const nodeEnv = { incoming: { socket: { remoteAddress: '127.0.0.1', remotePort: 40000, remoteFamily: 'IPv4' } } };
  async function as(username: string) {
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    }, nodeEnv);
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      app.request(path, {
        method,
        headers: {
          cookie,
          ...(method === 'GET' ? {} : { 'X-Requested-With': 'tiendo' }),
          ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      }, nodeEnv);
    const json = async <T = any>(method: string, path: string, body?: unknown) => {
      const res = await call(method, path, body);
      return { status: res.status, body: (await res.json()) as T };
    };
    return { call, json };
  }

  return {
    app,
    engine,
    accounts,
    dataDir,
    as,
    setNow(instant: string) {
      clock = new Date(instant);
    },
    async close() {
      await engine.close();
    },
  };
}
