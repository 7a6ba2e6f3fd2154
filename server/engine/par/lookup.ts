import { AppError } from '../../errors';
import type { Engine } from '../engine';
import type { PlanRecord } from '../records';
import { parMessages as m } from './messages';
import type { ParRecord } from './records';

/** The index with this id and its plan (ids name their plan, but a lookup should not parse them). */
export function getPar(engine: Engine, id: string): { plan: PlanRecord; index: ParRecord } {
  for (const plan of engine.listPlans()) {
    if (plan.par && Object.hasOwn(plan.par, id)) return { plan, index: plan.par[id] };
  }
  throw new AppError('not_found', m.notFound(id));
}

/** The plan a year's index or dossier figures belong to: the one named, else the first plan of that year. */
export function planOfYear(engine: Engine, year: number, planId?: string): PlanRecord | undefined {
  const plans = engine.listPlans();
  return planId === undefined ? plans.find((p) => p.year === year) : plans.find((p) => p.id === planId);
}
