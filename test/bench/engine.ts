import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../../machines/roles';
import { Engine } from '../../server/engine/engine';
import { EmbeddedStore } from '../../server/store/embedded/embeddedStore';
import type { NewLogEntry } from '../../server/store/entries';
import { seedIfEmpty } from '../../seed/seedStore';
import { DEMO_PASSWORD } from '../support/api';
import { generatePlanFile, generatedTaskIds } from '../support/planFile';
import { startServer, type RunningServer } from '../support/server';

/**
 * The bench's parts: stores filled through the engine, cold starts, and the load client. Durable
 * transitions: each client owns one task and alternates SUBMIT (its unit head) and RETURN (the
 * coordinator), one request at a time, so `clients` is the number of requests in flight.
 */

const UNITS = 64;
const TASKS = 256;
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);

export interface Sample {
  label: string;
  clients: number;
  ok: number;
  failed: number;
  seconds: number;
  latencies: number[];
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export function call(url: string, method: string, path: string, body?: string, cookie?: string) {
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

export async function login(url: string, username: string): Promise<string> {
  const res = await call(url, 'POST', '/api/session', JSON.stringify({ username, password: DEMO_PASSWORD }));
  if (res.status !== 200 || !res.setCookie) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  return res.setCookie.split(';')[0];
}

/**
 * Fills a store with `events` history events. The first rounds go through the engine itself
 * (START, then one SUBMIT and one RETURN per task: real decisions, real snapshots); the rest repeat
 * those SUBMIT/RETURN pairs through the store port in large commits (a million decisions one at a
 * time would take the bench longer than everything it measures). A last engine start replays them
 * and writes the plan snapshot, as a server that ran that long would have.
 */
export async function buildStore(planFile: string, events: number, seeded?: string): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-bench-'));
  // Seeding hashes every demo account's password (seconds of scrypt): done once, then copied.
  if (seeded) cpSync(seeded, dataDir, { recursive: true });
  else await seedIfEmpty(dataDir, { planFile, password: DEMO_PASSWORD });
  const tasks = generatedTaskIds(planFile);
  const head = (unit: string): Actor => ({ id: `u-truongphong.${unit.toLowerCase()}`, username: `truongphong.${unit.toLowerCase()}`, role: 'unitHead', unitId: unit });
  const coordinator: Actor = { id: 'u-vanphong', username: 'vanphong', role: 'coordinator', unitId: 'VP' };
  let engine = await Engine.open({ store: await EmbeddedStore.open(dataDir) });
  await Promise.all(tasks.map((t) => engine.sendTaskEvent(t.id, head(t.unit), { type: 'START' })));
  let written = tasks.length;
  const templates = new Map<string, NewLogEntry[]>();
  for (let round = 0; round < 2 && written < events; round++) {
    const batch = tasks.slice(0, Math.min(tasks.length, events - written));
    await Promise.all(
      batch.map((t) =>
        round === 0
          ? engine.sendTaskEvent(t.id, head(t.unit), { type: 'SUBMIT', evidence: 'Văn bản số 1/BC' })
          : engine.sendTaskEvent(t.id, coordinator, { type: 'RETURN', reason: 'Bổ sung tài liệu kiểm chứng' }),
      ),
    );
    written += batch.length;
  }
  for (const t of tasks) {
    const pair = (await engine.history(t.id)).filter((e) => e.type === 'SUBMIT' || e.type === 'RETURN');
    if (pair.length === 2) templates.set(t.id, pair.map(({ seq: _s, sv: _v, ...e }) => e));
  }
  await engine.close();
  if (written < events && templates.size) {
    const store = await EmbeddedStore.open(dataDir);
    const versions = new Map([...templates.keys()].map((id) => [id, 3]));
    const ids = [...templates.keys()];
    let next = 0;
    while (written < events) {
      const appends = [];
      for (let n = 0; n < 10_000 && written < events; n++, written++) {
        const id = ids[next % ids.length];
        const turn = Math.floor(next / ids.length) % 2;
        next++;
        const v = versions.get(id)!;
        appends.push({ entry: { ...templates.get(id)![turn], at: new Date().toISOString() }, expectedVersion: v });
        versions.set(id, v + 1);
      }
      await store.append(appends);
    }
    await store.close();
    engine = await Engine.open({ store: await EmbeddedStore.open(dataDir) });
    await engine.close();
  }
  return dataDir;
}

/** Builds one store per size in a child process (its garbage never pauses the measuring process). */
export function buildStoresInChild(planFile: string, sizes: number[]): string[] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), planFile, sizes.join(',')], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return out.trim().split('\n').slice(-sizes.length);
}

export interface ColdStartRow {
  events: string;
  'cold start ms': number;
  'RSS MiB': number;
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

export async function measure(label: string, clients: number, seconds: number, step: (client: number) => Promise<boolean>): Promise<Sample> {
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
/** `onStart` is called once the clients are logged in, as the load begins (e.g. to read the server's CPU time). */
export async function transitions(urls: string | string[], planFile: string, clients: number, label: string, seconds = label === 'warm-up' ? 3 : SECONDS, onStart?: () => void): Promise<Sample> {
  const servers = typeof urls === 'string' ? [urls] : urls;
  const url = servers[0];
  const tasks = generatedTaskIds(planFile).slice(0, clients);
  const coordinator = await login(url, 'vanphong');
  const heads = new Map<string, string>();
  for (const t of tasks) if (!heads.has(t.unit)) heads.set(t.unit, await login(url, `truongphong.${t.unit.toLowerCase()}`));
  const plan = JSON.parse((await call(url, 'GET', `/api/plans/${tasks[0].id.split('-').slice(0, 2).join('-')}`, undefined, coordinator)).text);
  const state = new Map<string, string>(plan.tasks.map((t: { id: string; state: string }) => [t.id, t.state]));
  onStart?.();
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

/** The Hono hello-world (hello.ts) in its own process: the yardstick. */
export async function startHello(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./hello.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`hello-world exited with ${code}`)));
  });
  return { url, child };
}

/** One step of load on the hello-world. */
export const helloStep = (url: string) => async () => (await call(url, 'GET', '/')).status === 200;

/** The same client against the hello-world, after a warm-up. */
export async function helloWorld(clients: number): Promise<Sample> {
  const { url, child } = await startHello();
  try {
    await measure('warm-up', clients, 3, helloStep(url));
    return await measure('Hono hello-world (same client)', clients, SECONDS, helloStep(url));
  } finally {
    child.kill('SIGTERM');
  }
}

/** User + system CPU time of a process so far (all its threads), in µs, from /proc (Linux; USER_HZ is 100). */
export function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 1e4;
}

/** Runs a load and adds the server's CPU µs per accepted request, counted from `start` (after the clients logged in). */
export async function withServerCpu(pid: number, run: (start: () => void) => Promise<Sample>) {
  let before = cpuMicros(pid);
  const sample = await run(() => (before = cpuMicros(pid)));
  return { ...row(sample), 'server CPU µs/req': Math.round((cpuMicros(pid) - before) / sample.ok) };
}

/** Resident set of a process, from /proc (Linux), in MiB. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024);
}

export function closeBench(): void {
  agent.destroy();
}

// Run directly (by buildStoresInChild): build one store per size and print their folders.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const seeded = mkdtempSync(join(tmpdir(), 'tiendo-bench-seed-'));
  await seedIfEmpty(seeded, { planFile: process.argv[2], password: DEMO_PASSWORD });
  const dirs = [];
  for (const size of process.argv[3].split(',').map(Number)) dirs.push(await buildStore(process.argv[2], size, seeded));
  rmSync(seeded, { recursive: true, force: true });
  console.log(dirs.join('\n'));
}
