import { DEFAULT_EMULATION_RULE, emulationVerdicts, type UnitVerdict } from '../../machines/emulation';
import { isOnTime } from '../../machines/progress';
import type { PlanRecord } from '../engine/records';

/** A task's reportable facts from its record (the state lives in the machine snapshot). */
export function taskFacts(plan: PlanRecord, id: string) {
  const t = plan.tasks[id];
  return {
    id,
    code: t.code,
    areaId: t.areaId,
    ownerUnitId: t.machine.context.ownerUnitId,
    state: t.machine.value,
    deadline: t.deadline,
    completedAt: t.machine.context.completedAt,
    ...(t.source ? { source: t.source } : {}),
  };
}

/** Each unit's emulation verdict under the plan's rule; final once the plan is closed. */
export function emulationOf(plan: PlanRecord): UnitVerdict[] {
  return emulationVerdicts(
    plan.taskIds.map((id) => taskFacts(plan, id)),
    plan.units.map((u) => u.id),
    (t) => t.state === 'done' && !isOnTime(t),
    plan.settings.emulationRule ?? DEFAULT_EMULATION_RULE,
    plan.machine.value === 'closed',
  );
}
