import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connectionConfig } from '../../server/store/postgres/connect';
import { copyStore } from '../../server/store/copy';
import { PgAccountStore } from '../../server/store/postgres/pgAccounts';
import { PgStore } from '../../server/store/postgres/pgStore';
import { dropSchema, freshSchema } from '../support/postgres';
import { ApiClient } from '../support/api';
import { generatedTaskIds } from '../support/planFile';
import { startServer } from '../support/server';
import { coldStart, row, rssMiB, transitions, type ColdStartRow } from './engine';
import { fanout, type FanoutResult } from './fanout';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const SCRIPT = fileURLToPath(new URL('./pgbench-append.sql', import.meta.url));

export interface PgBenchRows {
  one: ReturnType<typeof row>;
  two: ReturnType<typeof row>;
  /** 1, 16 and 64 clients on one instance, 64 on two, pgbench as the last row. */
  rows: Array<ReturnType<typeof row>>;
  pgbench: { tps: number; latencyMs: number } | undefined;
  /** Live fan-out on one PostgreSQL instance, 200 and 1,000 streams. */
  fans: FanoutResult[];
}

const databaseUrl = () => process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ ...connectionConfig(url), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** pgbench with the store's own commit (pgbench-append.sql), 64 clients, on a fresh events table. */
async function pgbench(url: string): Promise<PgBenchRows['pgbench']> {
  const schema = freshSchema();
  const store = await PgStore.open(url, { schema });
  await store.close();
  const u = new URL(connectionConfig(url).connectionString!);
  const res = spawnSync(
    'pgbench',
    ['-n', '-c', '64', '-j', '2', '-T', String(SECONDS), '-f', SCRIPT, '-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username), u.pathname.slice(1)],
    { encoding: 'utf8', env: { ...process.env, PGOPTIONS: `-c search_path=${schema}` } },
  );
  await dropSchema(url, schema);
  if (res.status !== 0) {
    console.log(`pgbench did not run: ${(res.stderr || res.error?.message || '').trim().split('\n').at(-1)}`);
    return undefined;
  }
  const tps = Number(/tps = ([\d.]+)/.exec(res.stdout)?.[1]);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(res.stdout)?.[1]);
  return { tps, latencyMs };
}

/**
 * The same load as the embedded bench (64 clients cycling SUBMIT/RETURN) against the PostgreSQL store:
 * one instance, then two instances of one deployment sharing the clients, then pgbench running the
 * store's own commit transaction as the ceiling of that database server on this machine.
 */
export async function runPostgresBench(planFile: string): Promise<PgBenchRows | undefined> {
  const url = databaseUrl();
  if (!(await reachable(url))) {
    console.log(`PostgreSQL bench SKIPPED: nothing answers at ${url} (set BENCH_DATABASE_URL)`);
    return undefined;
  }
  const schema = freshSchema();
  const env = { DATABASE_URL: url, DATABASE_SCHEMA: schema, SEED_FILE: planFile, NODE_ENV: 'production' };
  const a = await startServer({ env });
  try {
    // The same starting point as the embedded stores: every measured task in progress.
    const tasks = generatedTaskIds(planFile).slice(0, 64);
    const heads = new Map<string, ApiClient>();
    for (const t of tasks) if (!heads.has(t.unit)) heads.set(t.unit, await ApiClient.login(a.url, `truongphong.${t.unit.toLowerCase()}`));
    await Promise.all(tasks.map((t) => heads.get(t.unit)!.request('POST', `/api/tasks/${t.id}/events`, { type: 'START' })));
    await transitions(a.url, planFile, 64, 'warm-up');
    const rows = [];
    for (const c of [1, 16, 64]) rows.push(row(await transitions(a.url, planFile, c, 'transition, PostgreSQL 1 instance')));
    const one = rows[2];
    const fans = [await fanout(a.url, planFile, 200), await fanout(a.url, planFile, 1000)];
    const b = await startServer({ env });
    try {
      await transitions([a.url, b.url], planFile, 64, 'warm-up');
      const two = row(await transitions([a.url, b.url], planFile, 64, 'transition, PostgreSQL 2 instances'));
      const ceiling = await pgbench(url);
      rows.push(two);
      if (ceiling) rows.push({ measure: 'pgbench, the same commit (ceiling)', clients: 64, 'req/s': Math.round(ceiling.tps), 'p50 ms': NaN, 'p99 ms': NaN, failed: 0 });
      return { one, two, rows, pgbench: ceiling, fans };
    } finally {
      await b.stop();
      rmSync(b.dataDir, { recursive: true, force: true });
    }
  } finally {
    await a.stop();
    rmSync(a.dataDir, { recursive: true, force: true });
    await dropSchema(url, schema);
  }
}

/**
 * Cold start and RSS of one PostgreSQL instance over the same histories as the embedded stores,
 * copied in with store:copy's own code. The first start writes the snapshots a running deployment
 * has (the copy carries none); the second is measured.
 */
export async function postgresColdStarts(planFile: string, stores: Array<{ dir: string; label: string }>): Promise<ColdStartRow[] | undefined> {
  const url = databaseUrl();
  if (!(await reachable(url))) return undefined;
  const starts: ColdStartRow[] = [];
  for (const { dir, label } of stores) {
    const schema = freshSchema();
    const scratch = mkdtempSync(join(tmpdir(), 'tiendo-bench-pg-'));
    try {
      const target = await PgStore.open(url, { schema });
      const accounts = new PgAccountStore(target.pool, target.target);
      await copyStore(dir, target, accounts);
      await target.close();
      const env = { DATABASE_URL: url, DATABASE_SCHEMA: schema };
      await (await coldStart(scratch, planFile, env)).server.stop();
      const { server, ms } = await coldStart(scratch, planFile, env);
      starts.push({ events: label, 'cold start ms': Math.round(ms), 'RSS MiB': rssMiB(server.process.pid!) });
      await server.stop();
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      await dropSchema(url, schema);
    }
  }
  return starts;
}
