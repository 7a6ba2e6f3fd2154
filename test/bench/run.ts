import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { generatePlanFile } from '../support/planFile';
import { buildStoresInChild, closeBench, coldStart, helloWorld, row, rssMiB, transitions, type ColdStartRow } from './engine';
import { fanout } from './fanout';
import { printBombFigures } from './bombs';
import { postgresColdStarts, runPostgresBench } from './postgres';
import { filesBench, printFilesBench } from './files';

/**
 * `npm run bench`: everything issue 10 asks, in one run, each figure beside its target. Absolute
 * numbers depend on the machine and its load; the targets are ratios within this run.
 */
const UNITS = 64;
const TASKS = 256;
const SIZES = (process.env.BENCH_SIZES ?? '1000,100000,1000000').split(',').map(Number);
const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

const planFile = generatePlanFile({ units: UNITS, tasks: TASKS });
const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
console.log(`load at start: ${uptime()}`);
console.log(`Building stores (plan of ${TASKS} tasks / ${UNITS} units): ${SIZES.map(label).join(', ')} events…`);
const stores = buildStoresInChild(planFile, SIZES);
try {
  const hello = row(await helloWorld(64));

  // Cold start and memory at each history size (the smallest store is then loaded).
  const starts: ColdStartRow[] = [];
  for (let i = SIZES.length - 1; i >= 0; i--) {
    const { server, ms } = await coldStart(stores[i], planFile);
    starts.unshift({ events: label(SIZES[i]), 'cold start ms': Math.round(ms), 'RSS MiB': rssMiB(server.process.pid!) });
    await server.stop();
  }
  // The same histories copied into PostgreSQL (before the load below adds to the smallest one).
  const pgStarts = await postgresColdStarts(planFile, SIZES.map((n, i) => ({ dir: stores[i], label: label(n) })));

  const { server } = await coldStart(stores[0], planFile);
  const rows = [hello];
  let fans;
  try {
    await transitions(server.url, planFile, 64, 'warm-up');
    for (const c of [1, 16, 64]) rows.push(row(await transitions(server.url, planFile, c, 'transition, embedded')));
    fans = [await fanout(server.url, planFile, 200), await fanout(server.url, planFile, 1000)];
  } finally {
    await server.stop();
  }
  const pg = await runPostgresBench(planFile);
  if (pg) rows.push(...pg.rows);
  const files = await filesBench();

  console.log(`\nload at the end: ${uptime()}`);
  console.log('\nTransitions (durable, one request in flight per client):');
  console.table(rows);
  const at64 = rows.find((r) => r.measure === 'transition, embedded' && r.clients === 64)!;
  const ratio = at64['req/s'] / hello['req/s'];
  console.log(`HEADLINE embedded transitions/s at 64 ÷ Hono hello-world req/s: ${ratio.toFixed(2)} (target ≥ 0.5) ${ratio >= 0.5 ? 'MET' : 'NOT MET'}`);
  console.log(`embedded p99 at 64 clients: ${at64['p99 ms']} ms (target ≤ 30) ${at64['p99 ms'] <= 30 ? 'MET' : 'NOT MET'}`);
  if (pg?.pgbench) console.log(`PostgreSQL 1 instance at 64 ÷ pgbench ceiling (${Math.round(pg.pgbench.tps)} tps): ${(pg.one['req/s'] / pg.pgbench.tps).toFixed(2)}`);

  console.log('\nLive fan-out, POST answered → task event on the last open stream:');
  console.table([...fans.map((f) => ({ store: 'embedded', ...f })), ...(pg?.fans ?? []).map((f) => ({ store: 'PostgreSQL', ...f }))]);
  for (const [store, [f200, f1000]] of [['embedded', fans], ...(pg ? [['PostgreSQL', pg.fans]] : [])] as Array<[string, typeof fans]>) {
    // When the streams have the move before the POST's answer, "answer → last stream" is 0 at 200
    // and its growth says nothing: then growth is judged on the whole path, POST sent → last stream.
    const whole = f200.p95 === 0;
    const [a, b] = whole ? [f200['sent→last p95'], f1000['sent→last p95']] : [f200.p95, f1000.p95];
    console.log(
      `${store}: p95 at 1,000 streams: ${f1000.p95} ms (target ≤ 50) ${f1000.p95 <= 50 ? 'MET' : 'NOT MET'}; ` +
        `÷ p95 at 200${whole ? ' (sent → last stream: at 200 every stream had it before the answer)' : ''}: ${b} ÷ ${a} ms = ${(b / a).toFixed(2)} (target ≤ 1.5) ${b <= 1.5 * a ? 'MET' : 'NOT MET'}`,
    );
  }

  printFilesBench(files);

  console.log('\nHistory on disk: cold start to /api/health and RSS after it:');
  console.table([...starts.map((r) => ({ store: 'embedded', ...r })), ...(pgStarts ?? []).map((r) => ({ store: 'PostgreSQL', ...r }))]);
  for (const [store, rowsOf] of [['embedded', starts], ...(pgStarts ? [['PostgreSQL', pgStarts]] : [])] as Array<[string, ColdStartRow[]]>) {
    const first = rowsOf[0];
    const last = rowsOf[rowsOf.length - 1];
    const startRatio = last['cold start ms'] / first['cold start ms'];
    console.log(`${store}: cold start ${last.events} ÷ ${first.events}: ${startRatio.toFixed(2)} (target ≤ 1.5) ${startRatio <= 1.5 ? 'MET' : 'NOT MET'}; RSS at ${last.events}: ${last['RSS MiB']} MiB (target ≤ 300) ${last['RSS MiB'] <= 300 ? 'MET' : 'NOT MET'}`);
  }
  await printBombFigures();
} finally {
  closeBench();
  for (const dir of [...stores, dirname(planFile)]) rmSync(dir, { recursive: true, force: true });
}
