import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEMO_PASSWORD } from '../../seed/accounts';
import { seedIfEmpty } from '../../seed/seedStore';
import { createApp } from '../../server/app';
import { Engine } from '../../server/engine/engine';
import { EmbeddedStore } from '../../server/store/embedded/embeddedStore';
import type { Deps } from '../../server/http/context';
import { Hub } from '../../server/live/hub';
import type { LiveTimers } from '../../server/live/timers';
import { AccountStore } from '../../server/store/accounts';
import type { AccountStorePort } from '../../server/store/accountsPort';
import { afterAll, beforeAll } from 'vitest';
import type { Answer } from './expectApi';

/** Where requests come from, unless a test says otherwise (the socket peer the app sees). */
export const TEST_ADDRESS = '192.0.2.10';

/** What an API test talks to: a base URL and a fetch that reaches it (in-process or over TCP). */
export interface Target {
  url: string;
  fetch: typeof fetch;
}

export interface TestApp extends Target {
  dataDir: string;
  deps: Deps;
  app: ReturnType<typeof createApp>;
  /** fetch + status + JSON body; `path` is under the app's URL. */
  fetchJson(path: string, init?: RequestInit & { address?: string }): Promise<Answer & { headers: Headers }>;
  close(): Promise<void>;
}

let template: Promise<string> | undefined;

/** The reference store seeded once per test file (a worker), then copied for each app. */
function seededTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-template-'));
    await seedIfEmpty(dir, { password: DEFAULT_DEMO_PASSWORD });
    return dir;
  })();
  return template;
}

/**
 * The real app in this process on a fresh copy of the seeded store: real engine, real files,
 * real account store and hub; requests go through `app.fetch` as the Node adapter would send
 * them (Host header set, the socket peer in `env.incoming`). No server process, no port.
 */
export async function startApp(
  options: {
    now?: string;
    deps?: Partial<Deps>;
    accounts?: (real: AccountStore) => AccountStorePort;
    /** The live streams' timers (heartbeat, expiry): real ones unless a test moves time itself. */
    timers?: LiveTimers;
  } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-app-'));
  cpSync(await seededTemplate(), dataDir, { recursive: true });
  const fixed = options.now ? new Date(options.now) : undefined;
  const engine = await Engine.open({ store: await EmbeddedStore.open(dataDir), clock: fixed ? () => fixed : undefined });
  const real = await AccountStore.open(dataDir);
  const accounts = options.accounts?.(real) ?? real;
  const deps: Deps = { engine, accounts, hub: new Hub(engine, { timers: options.timers }), ...options.deps };
  const app = createApp(deps);
  const url = 'http://tiendo.test';

  const appFetch = (async (input: RequestInfo | URL, init?: RequestInit & { address?: string }) => {
    const request = new Request(input, init);
    if (!request.headers.has('host')) request.headers.set('host', new URL(request.url).host);
    return app.fetch(request, { incoming: { socket: { remoteAddress: init?.address ?? TEST_ADDRESS } } });
  }) as typeof fetch;

  return {
    url,
    fetch: appFetch,
    dataDir,
    deps,
    app,
    fetchJson: (path, init) => fetchAnswer(appFetch, url + path, init),
    close: () => engine.close(),
  };
}

/** One app for a test file, started before its tests and closed after them; read it inside tests. */
export function useApp(options: Parameters<typeof startApp>[0] = {}): () => TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startApp(options);
  });
  afterAll(() => app?.close());
  return () => {
    if (!app) throw new Error('the test app is not started');
    return app;
  };
}

/** fetch, then the status and the JSON body (or the raw text when it is not JSON). */
export async function fetchAnswer(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit = {},
): Promise<Answer & { headers: Headers }> {
  const res = await fetchImpl(url, init);
  const text = await res.text();
  let body: any = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, headers: res.headers, body };
}
