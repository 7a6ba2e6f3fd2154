import type { HistoryEntry, PlanDetail, PlanSummary, Task } from '../../machines/api';
import { allowedPlanEvents } from '../../machines/plan';
import { computeProgress, isOverdue, type Progress } from '../../machines/progress';
import type { Actor } from '../../machines/roles';
import { allowedTaskEvents } from '../../machines/taskDecision';
import type { LogEntry } from '../store/entries';
import { taskSourceFlags } from './inspections/views';
import type { PlanRecord, TaskRecord } from './records';

/** API shapes (API.md) computed from records for one caller at one instant. */

/** `past`: a view of the plan at an earlier date, where nothing can be moved. */
export function taskView(plan: PlanRecord, task: TaskRecord, actor: Actor, now: Date, past = false): Task {
  const { machine, ...fields } = task;
  const base = {
    ...fields,
    ownerUnitId: machine.context.ownerUnitId,
    state: machine.value,
    ...(machine.context.completedAt ? { completedAt: machine.context.completedAt } : {}),
    ...(machine.context.evidence ? { evidence: machine.context.evidence } : {}),
    files: task.files ?? [],
  };
  const fromInspection = taskSourceFlags(plan, task, now);
  return {
    ...base,
    ...fromInspection,
    overdue: isOverdue(base, now) || fromInspection.inspectionOverdue === true,
    // Tasks move only while their plan is in force: not while drafted, not once closed.
    allowedEvents: plan.machine.value === 'issued' && !past ? allowedTaskEvents(machine, actor) : [],
  };
}

export function progressOf(plan: PlanRecord, now: Date): Progress {
  const tasks = plan.taskIds.map((id) => {
    const { machine, areaId, deadline, source } = plan.tasks[id];
    return {
      areaId,
      deadline,
      source,
      ownerUnitId: machine.context.ownerUnitId,
      state: machine.value,
      completedAt: machine.context.completedAt,
    };
  });
  return computeProgress(tasks, now, {
    areaIds: plan.areas.map((a) => a.id),
    unitIds: plan.units.map((u) => u.id),
  });
}

export function planSummary(plan: PlanRecord, now: Date): PlanSummary {
  return { id: plan.id, year: plan.year, title: plan.title, status: plan.machine.value, progress: progressOf(plan, now) };
}

export function planDetail(plan: PlanRecord, actor: Actor, now: Date, past = false): PlanDetail {
  return {
    id: plan.id,
    year: plan.year,
    title: plan.title,
    status: plan.machine.value,
    ...(plan.machine.context.decision ? { decision: plan.machine.context.decision } : {}),
    agency: plan.agency,
    version: plan.version,
    settings: plan.settings,
    allowedEvents: past ? [] : allowedPlanEvents(plan.machine, actor),
    areas: plan.areas,
    units: plan.units,
    tasks: plan.taskIds.map((id) => taskView(plan, plan.tasks[id], actor, now, past)),
  };
}

export function historyView(entry: LogEntry): HistoryEntry {
  // A plan's creation carries its whole definition; the history names it, GET /api/plans shows it.
  const payload = entry.type === 'CREATE' ? undefined : entry.payload;
  return {
    seq: entry.seq, at: entry.at, type: entry.type, by: entry.by, from: entry.from, to: entry.to,
    ...(entry.taskId ? { taskId: entry.taskId } : {}),
    ...payload,
  };
}
