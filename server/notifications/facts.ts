import type { ReminderFinding, ReminderPlan, ReminderTask } from '../../machines/reminders';
import type { PlanRecord } from '../engine/records';

/** What the reminder rule (machines/reminders.ts) needs of a plan as the engine holds it. */
export function reminderFacts(plan: PlanRecord): ReminderPlan {
  const tasks: ReminderTask[] = plan.taskIds.map((id) => {
    const t = plan.tasks[id];
    return { id, code: t.code, title: t.title, ownerUnitId: t.machine.context.ownerUnitId, deadline: t.deadline, state: t.machine.value };
  });
  const findings: ReminderFinding[] = [];
  for (const inspection of Object.values(plan.inspections ?? {})) {
    const { context, value } = inspection.machine;
    for (const id of inspection.findingIds) {
      const f = inspection.findings[id];
      findings.push({
        id,
        inspectionId: inspection.id,
        inspectionTitle: context.title,
        description: f.machine.context.description,
        targetUnitId: context.targetUnitId,
        deadline: f.machine.context.deadline,
        state: f.machine.value,
        inspection: { state: value, remediationDeadline: context.remediationDeadline },
        taskId: f.machine.context.taskId,
      });
    }
  }
  return { id: plan.id, year: plan.year, tasks, findings };
}
