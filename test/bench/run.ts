import { closeBench, runEngineBench } from './engine';
import { runPostgresBench } from './postgres';

/** `npm run bench`: the engine benchmark on both stores (the board benchmark is `npm run bench:board`). */
const embedded = await runEngineBench();
const postgres = await runPostgresBench(embedded.planFile);
if (postgres) {
  const summary = [
    { store: 'embedded (NDJSON + fdatasync)', 'req/s': embedded.at64, 'p99 ms': embedded.p99 },
    { store: 'PostgreSQL, 1 instance', 'req/s': postgres.one['req/s'], 'p99 ms': postgres.one['p99 ms'] },
    { store: 'PostgreSQL, 2 instances', 'req/s': postgres.two['req/s'], 'p99 ms': postgres.two['p99 ms'] },
    ...(postgres.pgbench ? [{ store: 'pgbench, the same commit (ceiling)', 'req/s': Math.round(postgres.pgbench.tps), 'p99 ms': NaN }] : []),
  ];
  console.log('Durable transitions at 64 clients, same run:');
  console.table(summary);
  if (postgres.pgbench) {
    const ratio = postgres.one['req/s'] / postgres.pgbench.tps;
    console.log(`PostgreSQL 1 instance ÷ pgbench ceiling: ${ratio.toFixed(2)} (target ≥ 0.5); pgbench latency average ${postgres.pgbench.latencyMs} ms`);
  }
}
closeBench();
