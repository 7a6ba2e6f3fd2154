import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { generatePlanFile } from '../support/planFile';
import { buildStoresInChild, closeBench, coldStart, helloStep, measure, SECONDS, startHello, transitions, withServerCpu } from './engine';

/**
 * `npm run bench:quick`: only the headline of `npm run bench` (the embedded store's durable
 * transitions at 64 clients beside the Hono hello-world), with each server's CPU time per request
 * read from /proc: for trying a change in half a minute. The figures in docs/performance.md come
 * from the full bench.
 */
const planFile = generatePlanFile({ units: 64, tasks: 256 });
const [dataDir] = buildStoresInChild(planFile, [1_000]);
try {
  const { url, child } = await startHello();
  await measure('warm-up', 64, 3, helloStep(url));
  const hello = await withServerCpu(child.pid!, () => measure('Hono hello-world (same client)', 64, SECONDS, helloStep(url)));
  child.kill('SIGTERM');
  const { server } = await coldStart(dataDir, planFile, process.env.SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SERVER_NODE_OPTIONS } : {});
  let at64;
  try {
    await transitions(server.url, planFile, 64, 'warm-up');
    at64 = await withServerCpu(server.process.pid!, (start) => transitions(server.url, planFile, 64, 'transition, embedded', undefined, start));
  } finally {
    await server.stop();
  }
  console.table([hello, at64]);
  console.log(`embedded transitions/s at 64 ÷ Hono hello-world req/s: ${(at64['req/s'] / hello['req/s']).toFixed(2)} (target ≥ 0.5)`);
} finally {
  closeBench();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(dirname(planFile), { recursive: true, force: true });
}
