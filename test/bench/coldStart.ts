import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { generatePlanFile } from '../support/planFile';
import { buildStoresInChild, closeBench, coldStart, rssMiB } from './engine';

/**
 * `npm run bench:cold`: only the bench's cold-start part (run.ts measures it among everything
 * else): the embedded store at each BENCH_SIZES history, start to /api/health, and RSS after it.
 */
const SIZES = (process.env.BENCH_SIZES ?? '1000,1000000').split(',').map(Number);
const planFile = generatePlanFile({ units: 64, tasks: 256 });
const stores = buildStoresInChild(planFile, SIZES);
try {
  const rows = [];
  for (let i = SIZES.length - 1; i >= 0; i--) {
    const { server, ms } = await coldStart(stores[i], planFile);
    rows.unshift({ events: SIZES[i], 'cold start ms': Math.round(ms), 'RSS MiB': rssMiB(server.process.pid!) });
    await server.stop();
  }
  console.table(rows);
  const ratio = rows[rows.length - 1]['cold start ms'] / rows[0]['cold start ms'];
  console.log(`cold start ${SIZES[SIZES.length - 1]} ÷ ${SIZES[0]}: ${ratio.toFixed(2)} (target ≤ 1.5); RSS at ${SIZES[SIZES.length - 1]}: ${rows[rows.length - 1]['RSS MiB']} MiB (target ≤ 300)`);
} finally {
  closeBench();
  for (const dir of [...stores, dirname(planFile)]) rmSync(dir, { recursive: true, force: true });
}
