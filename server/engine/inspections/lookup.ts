import { AppError } from '../../errors';
import type { Engine } from '../engine';
import type { PlanRecord } from '../records';
import { inspectionMessages as m } from './messages';
import type { FindingRecord, InspectionRecord } from './records';

/** The inspection with this id and its plan (ids name their plan, but a lookup should not parse them). */
export function getInspection(engine: Engine, id: string): { plan: PlanRecord; inspection: InspectionRecord } {
  for (const plan of engine.listPlans()) {
    if (plan.inspections && Object.hasOwn(plan.inspections, id)) return { plan, inspection: plan.inspections[id] };
  }
  throw new AppError('not_found', m.notFound(id));
}

export function getFinding(inspection: InspectionRecord, findingId: string): FindingRecord {
  if (!Object.hasOwn(inspection.findings, findingId)) throw new AppError('not_found', m.findingNotFound(findingId));
  return inspection.findings[findingId];
}
