import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { initialAdminFromEnv } from '../seed/initialAdmin';
import { compose } from './compose';
import { serveWithApiErrors } from './http/adapterErrors';
import { mailSettingsFromEnv } from './notifications/mailer';
import { reminderTimeFrom } from './notifications/scheduler';

/**
 * `npm start`: seeds an empty store, restores it, serves API and board. The store is the embedded
 * one under DATA_DIR, or PostgreSQL when DATABASE_URL is set (README, Scaling out).
 * TIENDO_NOW pins the clock (an ISO instant) for demos and reproducible tests.
 * TIENDO_SNAPSHOT_DELAY_MS sets how long plan snapshots wait after a change (default 1000): tests
 * that must see the log-only restart path set it beyond their run, so no snapshot is written
 * before a clean stop.
 */
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(process.env.DATA_DIR ?? './data');
const staticDir = fileURLToPath(new URL('../dist/client', import.meta.url));
const fixedNow = process.env.TIENDO_NOW ? new Date(process.env.TIENDO_NOW) : undefined;
if (fixedNow && Number.isNaN(fixedNow.getTime())) throw new Error(`TIENDO_NOW is not a date: ${process.env.TIENDO_NOW}`);
const snapshotDelayMs = process.env.TIENDO_SNAPSHOT_DELAY_MS ? Number(process.env.TIENDO_SNAPSHOT_DELAY_MS) : undefined;
if (snapshotDelayMs !== undefined && !(Number.isInteger(snapshotDelayMs) && snapshotDelayMs >= 0 && snapshotDelayMs <= 2 ** 31 - 1)) {
  throw new Error(`TIENDO_SNAPSHOT_DELAY_MS is not a delay in milliseconds: ${process.env.TIENDO_SNAPSHOT_DELAY_MS}`);
}

const started = performance.now();
const composed = await compose({
  dataDir,
  databaseUrl: process.env.DATABASE_URL || undefined,
  databaseSchema: process.env.DATABASE_SCHEMA || undefined,
  seedFile: process.env.SEED_FILE,
  demoPassword: process.env.DEMO_PASSWORD,
  admin: initialAdminFromEnv(),
  notifications: { reminderTime: reminderTimeFrom(process.env.REMINDER_TIME), mail: mailSettingsFromEnv() },
  clock: fixedNow ? () => fixedNow : undefined,
  snapshotDelayMs,
  // The process's policy when the store refuses a write: stop, so nothing unsaved is ever served.
  onFatal: (error) => {
    console.error('FATAL: the store refused a write; stopping so nothing unsaved is served.', error);
    process.exit(70);
  },
});
const app = createApp(composed.deps, staticDir);
// Uploads no accepted event refers to are removed after 24 hours (API.md "Evidence files").
composed.deps.files?.startCollector();

const server = serveWithApiErrors({ fetch: app.fetch, port, hostname: host }, (info) => {
  const ms = Math.round(performance.now() - started);
  console.log(`Tiến Độ: listening on http://${host}:${info.port} (${composed.where}${composed.seeded ? ', seeded' : ''}, ready in ${ms} ms)`);
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`Tiến Độ: ${signal}, closing`);
  server.close();
  server.closeAllConnections();
  await composed.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
