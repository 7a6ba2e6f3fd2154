import { execFileSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../../machines/roles';
import { Engine } from '../../server/engine/engine';
import { seedIfEmpty } from '../../seed/seedStore';
import { DEMO_PASSWORD } from '../support/api';
import { generatePlanFile, generatedTaskIds } from '../support/planFile';
import { startServer, type RunningServer } from '../support/server';

/**
 * Durable transitions per second against the real server and store over loopback, beside the
 * same server's /api/health throughput in the same run, and again with 100,000 events of history.
 * Each client owns one task and alternates SUBMIT (its unit head) and RETURN (the coordinator),
 * one request at a time, so `clients` is the number of requests in flight.
 */

const UNITS = 64;
const TASKS = 256;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);

export interface Sample {
  label: string;
  clients: number;
  ok: number;
  failed: number;
  seconds: number;
  latencies: number[];
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function call(url: string, method: string, path: string, body?: string, cookie?: string) {
  return new Promise<{ status: number; text: string; setCookie?: string }>((resolve, reject) => {
    const req = request(
      url + path,
      {
        method,
        agent,
        headers: {
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
          ...(method !== 'GET' ? { 'x-requested-with': 'tiendo' } : {}),
          ...(cookie ? { cookie } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, setCookie: res.headers['set-cookie']?.[0] }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function login(url: string, username: string): Promise<string> {
  const res = await call(url, 'POST', '/api/session', JSON.stringify({ username, password: DEMO_PASSWORD }));
  if (res.status !== 200 || !res.setCookie) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  return res.setCookie.split(';')[0];
}

/** Fills a store with `events` history events through the engine itself, not by writing files. */
export async function buildStore(planFile: string, events: number): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-bench-'));
  await seedIfEmpty(dataDir, { planFile, password: DEMO_PASSWORD });
  const engine = await Engine.open({ dataDir });
  const tasks = generatedTaskIds(planFile);
  const head = (unit: string): Actor => ({ id: `u-truongphong.${unit.toLowerCase()}`, username: `truongphong.${unit.toLowerCase()}`, role: 'unitHead', unitId: unit });
  const coordinator: Actor = { id: 'u-vanphong', username: 'vanphong', role: 'coordinator', unitId: 'VP' };
  let written = 0;
  await Promise.all(tasks.map((t) => engine.sendTaskEvent(t.id, head(t.unit), { type: 'START' })));
  written += tasks.length;
  for (let round = 0; written < events; round++) {
    const batch = tasks.slice(0, Math.min(tasks.length, events - written));
    await Promise.all(
      batch.map((t) =>
        round % 2 === 0
          ? engine.sendTaskEvent(t.id, head(t.unit), { type: 'SUBMIT', evidence: `Văn bản số ${round}/BC` })
          : engine.sendTaskEvent(t.id, coordinator, { type: 'RETURN', reason: 'Bổ sung tài liệu kiểm chứng' }),
      ),
    );
    written += batch.length;
  }
  await engine.close();
  return dataDir;
}

function buildStoreInChild(planFile: string, events: number): string {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), planFile, String(events)], {
    encoding: 'utf8',
  });
  return out.trim().split('\n').at(-1)!;
}

export async function coldStart(dataDir: string, planFile: string, env: Record<string, string> = {}): Promise<{ server: RunningServer; ms: number }> {
  const t0 = performance.now();
  const server = await startServer({ dataDir, env: { SEED_FILE: planFile, NODE_ENV: 'production', ...env } });
  for (;;) {
    const res = await call(server.url, 'GET', '/api/health').catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  return { server, ms: performance.now() - t0 };
}

async function measure(label: string, clients: number, seconds: number, step: (client: number) => Promise<boolean>): Promise<Sample> {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < end) {
        const s = performance.now();
        const good = await step(client);
        latencies.push(performance.now() - s);
        if (good) ok++;
        else failed++;
      }
    }),
  );
  return { label, clients, ok, failed, seconds: (performance.now() - t0) / 1000, latencies };
}

/** `url` may list several instances of one deployment (PostgreSQL): client i sends to url[i % n]. */
export async function transitions(urls: string | string[], planFile: string, clients: number, label: string, seconds = label === 'warm-up' ? 3 : SECONDS): Promise<Sample> {
  const servers = typeof urls === 'string' ? [urls] : urls;
  const url = servers[0];
  const tasks = generatedTaskIds(planFile).slice(0, clients);
  const coordinator = await login(url, 'vanphong');
  const heads = new Map<string, string>();
  for (const t of tasks) if (!heads.has(t.unit)) heads.set(t.unit, await login(url, `truongphong.${t.unit.toLowerCase()}`));
  const plan = JSON.parse((await call(url, 'GET', `/api/plans/${tasks[0].id.split('-').slice(0, 2).join('-')}`, undefined, coordinator)).text);
  const state = new Map<string, string>(plan.tasks.map((t: { id: string; state: string }) => [t.id, t.state]));
  return measure(label, clients, seconds, async (client) => {
    const task = tasks[client];
    const submit = state.get(task.id) === 'inProgress';
    const body = submit
      ? JSON.stringify({ type: 'SUBMIT', evidence: 'Báo cáo số 01/BC' })
      : JSON.stringify({ type: 'RETURN', reason: 'Bổ sung tài liệu' });
    const res = await call(servers[client % servers.length], 'POST', `/api/tasks/${task.id}/events`, body, submit ? heads.get(task.unit) : coordinator);
    if (res.status === 200) state.set(task.id, submit ? 'inReview' : 'inProgress');
    return res.status === 200;
  });
}

function health(url: string, clients: number): Promise<Sample> {
  return measure('GET /api/health', clients, SECONDS, async () => (await call(url, 'GET', '/api/health')).status === 200);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export function row(s: Sample) {
  const sorted = [...s.latencies].sort((a, b) => a - b);
  return {
    measure: s.label,
    clients: s.clients,
    'req/s': Math.round(s.ok / s.seconds),
    'p50 ms': +pct(sorted, 50).toFixed(2),
    'p99 ms': +pct(sorted, 99).toFixed(2),
    failed: s.failed,
  };
}

export async function runEngineBench(): Promise<{ at64: number; p99: number; planFile: string }> {
  const planFile = generatePlanFile({ units: UNITS, tasks: TASKS });
  console.log(`Building stores (plan of ${TASKS} tasks / ${UNITS} units): 1,000 and 100,000 history events…`);
  // Built in a child process, so its garbage never pauses this process while it measures.
  const small = buildStoreInChild(planFile, 1_000);
  const large = buildStoreInChild(planFile, 100_000);

  // Both stores get the same sequence on a fresh server, warm-up included, so neither is
  // measured with a colder JIT than the other. The first seconds after a start show stalls of a
  // few hundred ms at either history size (JIT tiering); 3 s of load gets past them.
  const rows: Sample[] = [];
  const starts: number[] = [];
  for (const [store, label] of [[small, '1k'], [large, '100k']] as const) {
    const { server, ms } = await coldStart(store, planFile);
    starts.push(ms);
    await transitions(server.url, planFile, 64, 'warm-up');
    rows.push(await health(server.url, 64));
    for (const c of [1, 16, 64]) rows.push(await transitions(server.url, planFile, c, `transition (${label} history)`));
    await server.stop();
  }
  for (const r of rows) if (r.label.startsWith('GET')) r.label += r === rows[0] ? ' (1k)' : ' (100k)';

  const table = rows.map(row);
  console.table(table);
  const healthRate = table[0]['req/s'];
  const rate = (measure: string) => table.find((r) => r.measure === measure && r.clients === 64)!['req/s'];
  const at64 = rate('transition (1k history)');
  const at64Large = rate('transition (100k history)');
  console.log(`durable transitions/s at 64 clients ÷ health req/s (same run): ${(at64 / healthRate).toFixed(3)}`);
  console.log(`rate with 100k history ÷ rate with 1k history (64 clients): ${(at64Large / at64).toFixed(3)}`);
  console.log(`cold start to /api/health: ${Math.round(starts[0])} ms with 1k events, ${Math.round(starts[1])} ms with 100k events`);
  const embedded = table.find((r) => r.measure === 'transition (1k history)' && r.clients === 64)!;
  for (const dir of [small, large]) rmSync(dir, { recursive: true, force: true });
  return { at64, p99: embedded['p99 ms'], planFile };
}

export function closeBench(): void {
  agent.destroy();
}

// Run directly (by buildStoreInChild): build one store and print its folder.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await buildStore(process.argv[2], Number(process.argv[3])));
}
