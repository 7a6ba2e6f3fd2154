import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildStoresInChild, closeBench, row, transitions } from './engine';
import { generatePlanFile } from '../support/planFile';
import { startServer } from '../support/server';

/**
 * `npm run bench:profile`: the server under `node --cpu-prof` while 64 clients send transitions,
 * then the functions with the most self time. Where the time goes, not how fast it is.
 */

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

export function summarise(profile: Profile, top = 25): { name: string; ms: number; pct: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const dt = profile.timeDeltas[i] / 1000;
    total += dt;
    const url = n.callFrame.url.replace(/^.*\/(node_modules|wt\/perf)\//, '');
    const key = `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => ({ name, ms: Math.round(ms), pct: +((100 * ms) / total).toFixed(1) }));
}

if (process.argv[1]?.endsWith('profile.ts')) {
  const planFile = generatePlanFile({ units: 64, tasks: 256 });
  const [dataDir] = buildStoresInChild(planFile, [1_000]);
  const profDir = mkdtempSync(join(tmpdir(), 'tiendo-prof-'));
  const server = await startServer({
    dataDir,
    env: { SEED_FILE: planFile, NODE_ENV: 'production' },
    execArgv: ['--cpu-prof', `--cpu-prof-dir=${profDir}`],
  });
  await transitions(server.url, planFile, 64, 'warm-up');
  console.table([row(await transitions(server.url, planFile, 64, 'transition (profiled)', 6))]);
  await server.stop();
  for (const f of readdirSync(profDir)) {
    console.log(f);
    console.table(summarise(JSON.parse(readFileSync(join(profDir, f), 'utf8'))));
  }
  closeBench();
  if (!process.env.KEEP_PROFILE) rmSync(profDir, { recursive: true, force: true });
  else console.log(`profile kept in ${profDir}`);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(dirname(planFile), { recursive: true, force: true });
}
