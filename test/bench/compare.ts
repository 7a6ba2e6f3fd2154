import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiClient } from '../support/api';
import { generatePlanFile, generatedTaskIds } from '../support/planFile';
import { closeBench, transitions, withServerCpu } from './engine';

/**
 * `npm run bench:compare -- --baseline DIR`: the same transition load against this tree's server and
 * another checkout's (e.g. the commit before a change, `git worktree add DIR <commit>` + `npm ci`),
 * side by side in one run: each starts from a fresh store seeded from the same plan, then they take
 * turns (A, B, A, B, A, B) so machine noise falls on both alike. Prints each round and the medians.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const baseline = args.includes('--baseline') ? resolve(args[args.indexOf('--baseline') + 1]) : undefined;
if (!baseline) {
  console.error('bench:compare: say which checkout to compare with: -- --baseline /path/to/other/worktree');
  process.exit(2);
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function start(cwd: string, planFile: string): Promise<{ url: string; child: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-compare-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, SEED_FILE: planFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) ok(m[1]);
    });
    child.stderr!.on('data', (d) => (out += d));
    child.once('exit', (code) => fail(new Error(`server in ${cwd} exited ${code}: ${out}`)));
  });
  return { url, child, dir };
}

const planFile = generatePlanFile({ units: 64, tasks: 256 });
const tasks = generatedTaskIds(planFile).slice(0, 64);
const servers = { current: await start(ROOT, planFile), baseline: await start(baseline, planFile) };
for (const s of Object.values(servers)) {
  const heads = new Map<string, ApiClient>();
  for (const t of tasks) if (!heads.has(t.unit)) heads.set(t.unit, await ApiClient.login(s.url, `truongphong.${t.unit.toLowerCase()}`));
  for (const t of tasks) await heads.get(t.unit)!.request('POST', `/api/tasks/${t.id}/events`, { type: 'START' });
  await transitions(s.url, planFile, 64, 'warm-up');
}
const results: Record<string, Array<Awaited<ReturnType<typeof withServerCpu>>>> = { current: [], baseline: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const name of ['current', 'baseline'] as const) {
    const x = await withServerCpu(servers[name].child.pid!, (start) => transitions(servers[name].url, planFile, 64, `${name} round ${r + 1}`, undefined, start));
    results[name].push(x);
    console.log(`${name} round ${r + 1}: ${x['req/s']} req/s, p50 ${x['p50 ms']} ms, p99 ${x['p99 ms']} ms, server CPU ${x['server CPU µs/req']} µs/req, failed ${x.failed}`);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cur = median(results.current.map((x) => x['req/s']));
const base = median(results.baseline.map((x) => x['req/s']));
console.table([
  { tree: 'current', 'median req/s': cur, 'median p99 ms': median(results.current.map((x) => x['p99 ms'])), 'median server CPU µs/req': median(results.current.map((x) => x['server CPU µs/req'])) },
  { tree: `baseline (${baseline})`, 'median req/s': base, 'median p99 ms': median(results.baseline.map((x) => x['p99 ms'])), 'median server CPU µs/req': median(results.baseline.map((x) => x['server CPU µs/req'])) },
]);
console.log(`durable transitions at 64 clients, current ÷ baseline: ${(cur / base).toFixed(2)}`);
for (const s of Object.values(servers)) {
  const exited = new Promise((done) => s.child.once('exit', done));
  s.child.kill('SIGTERM');
  await exited;
  rmSync(s.dir, { recursive: true, force: true });
}
closeBench();
