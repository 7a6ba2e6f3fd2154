import { generatePlanFile } from './test/support/planFile';
import { startServer } from './test/support/server';
import { fanout } from './test/bench/fanout';
import { closeBench } from './test/bench/engine';
const planFile = generatePlanFile({ units: 64, tasks: 256 });
const s = await startServer({ env: { SEED_FILE: planFile, NODE_ENV: 'production' } });
console.log(await fanout(s.url, planFile, 200), await fanout(s.url, planFile, 1000));
await s.stop(); closeBench();
