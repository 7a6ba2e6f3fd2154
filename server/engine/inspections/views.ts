import { isInspectionSource } from '../../../machines/api';
import type { Task } from '../../../machines/api';
import type { Finding, Inspection, InspectionProgramme } from '../../../machines/inspectionApi';
import { allowedFindingEvents, allowedInspectionEvents } from '../../../machines/inspectionDecision';
import { inspectionCoverage, isFindingOverdue } from '../../../machines/inspectionProgress';
import type { Actor } from '../../../machines/roles';
import type { PlanRecord, TaskRecord } from '../records';
import type { FindingRecord, InspectionRecord } from './records';

/** API.md "Inspections" shapes, computed from records for one caller at one instant. */

/** Whether a finding's remediation task is done; a finding without a task has nothing to wait for. */
export function findingTaskDone(plan: PlanRecord, finding: FindingRecord): boolean {
  const taskId = finding.machine.context.taskId;
  if (!taskId) return true;
  return Object.hasOwn(plan.tasks, taskId) && plan.tasks[taskId].machine.value === 'done';
}

export function unverifiedFindings(inspection: InspectionRecord): number {
  return inspection.findingIds.filter((id) => inspection.findings[id].machine.value !== 'verified').length;
}

function findingOverdue(inspection: InspectionRecord, finding: FindingRecord, now: Date): boolean {
  const { value, context } = inspection.machine;
  return isFindingOverdue(
    { state: finding.machine.value, deadline: finding.machine.context.deadline },
    { state: value, remediationDeadline: context.remediationDeadline },
    now,
  );
}

export function findingView(plan: PlanRecord, inspection: InspectionRecord, finding: FindingRecord, actor: Actor, now: Date): Finding {
  const { context, value } = finding.machine;
  return {
    id: finding.id,
    inspectionId: inspection.id,
    ...context,
    state: value,
    files: finding.files ?? [],
    overdue: findingOverdue(inspection, finding, now),
    version: finding.version,
    allowedEvents: allowedFindingEvents(finding.machine, inspection.machine, actor, { taskDone: findingTaskDone(plan, finding) }),
  };
}

export function inspectionView(plan: PlanRecord, inspection: InspectionRecord, actor: Actor, now: Date): Inspection {
  const { planId: _planId, ...context } = inspection.machine.context;
  return {
    id: inspection.id,
    planId: plan.id,
    ...context,
    state: inspection.machine.value,
    version: inspection.version,
    selfReportFiles: inspection.selfReportFiles ?? [],
    findings: inspection.findingIds.map((id) => findingView(plan, inspection, inspection.findings[id], actor, now)),
    allowedEvents: allowedInspectionEvents(inspection.machine, actor, { unverifiedFindings: unverifiedFindings(inspection) }),
  };
}

/** The plan's inspections, by scheduled date (then in the order they were planned). */
export function inspectionsOf(plan: PlanRecord): InspectionRecord[] {
  return Object.values(plan.inspections ?? {}).sort(
    (a, b) => a.machine.context.scheduledOn.localeCompare(b.machine.context.scheduledOn) || a.number - b.number,
  );
}

export function programmeView(plan: PlanRecord, actor: Actor, now: Date): InspectionProgramme {
  const inspections = inspectionsOf(plan).map((i) => inspectionView(plan, i, actor, now));
  return {
    planId: plan.id,
    year: plan.year,
    inspections,
    coverage: inspectionCoverage(inspections, plan.units.map((u) => u.id)),
  };
}

/**
 * What a remediation task's card shows of its finding: whether its inspection was cancelled (the
 * task stays on the board, marked), and whether the finding is overdue (then so is the card).
 */
export function taskSourceFlags(plan: PlanRecord, task: TaskRecord, now: Date): Pick<Task, 'source' | 'inspectionOverdue'> {
  if (!task.source || !isInspectionSource(task.source)) return task.source ? { source: task.source } : {};
  const inspection = plan.inspections?.[task.source.inspectionId];
  const finding = inspection?.findings[task.source.findingId];
  if (!inspection || !finding) return { source: task.source };
  return {
    source: { ...task.source, ...(inspection.machine.value === 'cancelled' ? { inspectionCancelled: true } : {}) },
    inspectionOverdue: findingOverdue(inspection, finding, now),
  };
}
