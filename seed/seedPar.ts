import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DossierCountField } from '../machines/dossiers';
import { ParCriterionBody, type DossierBody } from '../machines/parApi';
import { z } from 'zod';
import type { ParCriterionDef } from '../machines/parTree';
import type { Actor } from '../machines/roles';
import { decideDossier, decideNewPar, decideParLifecycle, decideScore } from '../server/engine/decide/par';
import type { Engine } from '../server/engine/engine';
import { getPar } from '../server/engine/par/lookup';
import { liveOf } from '../server/engine/par/views';

/** The demo PAR Index and dossier figures (seed/demo-par-2026.json): a sample, labelled so. */
export interface DemoPar {
  title: string;
  criteria: ParCriterionDef[];
  createdAt: string;
  scoringFrom: string;
  scores: Array<{ code: string; by: string; at: string; score: number; explanation: string }>;
  dossiers: Array<{ period: DossierBody['period']; at: string } & Record<DossierCountField, number>>;
}

export const DEMO_PAR_PATH = fileURLToPath(new URL('./demo-par-2026.json', import.meta.url));

export function readDemoPar(path = DEMO_PAR_PATH): DemoPar {
  const demo = JSON.parse(readFileSync(path, 'utf8')) as DemoPar;
  // Through the API's own schema: defaults (a parent's method) as a request would have them.
  return { ...demo, criteria: z.array(ParCriterionBody).parse(demo.criteria) };
}

const iso = (at: string) => new Date(at).toISOString();

/**
 * Replays the demo index through the engine with its recorded users and times: drafted by the
 * Văn phòng on 01/10, scoring from 05/10, partly scored by the units through November; the
 * dossier figures of Q1, H1 and Q3 typed by the Văn phòng after each period.
 */
export async function seedDemoPar(engine: Engine, planId: string, demo: DemoPar, actor: (username: string) => Actor): Promise<void> {
  const plan = () => engine.getPlan(planId);
  const year = plan().year;
  for (const { at, ...counts } of demo.dossiers) {
    await engine.execute(() => decideDossier(plan(), actor('vanphong'), { year, ...counts }, iso(at)));
  }
  const [created] = await engine.execute(() => decideNewPar(plan(), actor('vanphong'), { year, title: demo.title }, demo.criteria, iso(demo.createdAt)));
  const id = created.streamId!;
  const now = () => engine.clock();
  await engine.execute(() => {
    const { index } = getPar(engine, id);
    return decideParLifecycle(plan(), index, actor('vanphong'), { type: 'START_SCORING' }, liveOf(plan(), now()), iso(demo.scoringFrom));
  });
  for (const s of demo.scores) {
    await engine.execute(() => {
      const { index } = getPar(engine, id);
      return decideScore(plan(), index, s.code, actor(s.by), { score: s.score, explanation: s.explanation }, [], liveOf(plan(), now()), iso(s.at));
    });
  }
}
