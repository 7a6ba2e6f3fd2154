import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { DEFAULT_DEMO_PASSWORD } from '../seed/accounts';
import { seedIfEmpty } from '../seed/seedStore';
import { createApp } from './app';
import { Engine } from './engine/engine';
import { Hub } from './live/hub';
import { AccountStore } from './store/accounts';

/**
 * `npm start`: seeds an empty DATA_DIR, restores the store, serves API and board.
 * TIENDO_NOW pins the clock (an ISO instant) for demos and reproducible tests.
 */
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(process.env.DATA_DIR ?? './data');
const staticDir = fileURLToPath(new URL('../dist/client', import.meta.url));
const fixedNow = process.env.TIENDO_NOW ? new Date(process.env.TIENDO_NOW) : undefined;
if (fixedNow && Number.isNaN(fixedNow.getTime())) throw new Error(`TIENDO_NOW is not a date: ${process.env.TIENDO_NOW}`);

const started = performance.now();
mkdirSync(dataDir, { recursive: true });
const seeded = await seedIfEmpty(dataDir, {
  planFile: process.env.SEED_FILE,
  password: process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
});
const engine = await Engine.open({
  dataDir,
  clock: fixedNow ? () => fixedNow : undefined,
  // The process's policy when the store refuses a write: stop, so nothing unsaved is ever served.
  onFatal: (error) => {
    console.error('FATAL: the store refused a write; stopping so nothing unsaved is served.', error);
    process.exit(70);
  },
});
const accounts = await AccountStore.open(dataDir);
const hub = new Hub(engine);
const app = createApp({ engine, accounts, hub }, staticDir);

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const ms = Math.round(performance.now() - started);
  console.log(`Tiến Độ: listening on http://${host}:${info.port} (data ${dataDir}${seeded ? ', seeded' : ''}, ready in ${ms} ms)`);
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`Tiến Độ: ${signal}, closing`);
  server.close();
  (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  await engine.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
