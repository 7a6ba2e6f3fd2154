import { migrateTaskSnapshot } from '../../machines/migrations';
import type { PersistedPlanMachine } from '../../machines/plan';
import { attach, filesOfPayload } from '../../machines/files';
import { newTaskMachine } from '../../machines/taskDecision';
import type { LogEntry } from '../store/entries';
import type { PlanDefinition, PlanRecord, TaskDefinition, TaskRecord } from './records';

/** Applies one entry of a kind other than plan and task (inspections, reviews, …) to its plan. */
export type KindApplier = (plan: PlanRecord, entry: LogEntry) => void;

const appliers = new Map<string, KindApplier>();

/** A new stream kind says here how its entries change the state its plan holds. */
export function registerApplier(kind: string, apply: KindApplier): void {
  appliers.set(kind, apply);
}

/**
 * Applies one accepted log entry to the in-memory plans. The live path and the restore path both
 * go through here, so what a restart rebuilds is exactly what was acknowledged.
 */
export function applyEntry(plans: Map<string, PlanRecord>, entry: LogEntry): void {
  if (entry.kind === 'plan' && entry.type === 'CREATE') {
    const definition = entry.payload!.definition as PlanDefinition;
    plans.set(entry.planId, createPlanRecord(definition, entry.snapshot as unknown as PersistedPlanMachine));
    return;
  }
  const plan = plans.get(entry.planId);
  if (!plan) throw new Error(`log entry ${entry.seq} names unknown plan ${entry.planId}`);

  if (entry.kind === 'task') {
    const task = plan.tasks[entry.taskId!];
    task.machine = migrateTaskSnapshot(entry.snapshot!);
    task.version++;
    const files = filesOfPayload(entry.payload);
    if (files.length) task.files = attach(task.files, files, entry.at, entry.by);
    return;
  }
  if (entry.kind !== 'plan') {
    const apply = appliers.get(entry.kind);
    if (!apply) throw new Error(`log entry ${entry.seq} is of kind ${entry.kind}, which this build does not know`);
    apply(plan, entry);
    return;
  }

  plan.version++;
  switch (entry.type) {
    case 'ADD_TASK': {
      const task = taskRecord(plan.id, entry.payload!.task as TaskDefinition);
      plan.tasks[task.id] = task;
      plan.taskIds.push(task.id);
      break;
    }
    case 'CHANGE_SETTINGS':
      plan.settings = entry.payload!.settings as PlanRecord['settings'];
      break;
    case 'CHANGE_DEADLINE': {
      const task = plan.tasks[entry.taskId!];
      task.deadline = entry.payload!.deadline as string;
      task.version++;
      break;
    }
  }
  if (entry.snapshot) plan.machine = entry.snapshot as unknown as PersistedPlanMachine;
}

export function taskRecord(planId: string, { ownerUnitId, ...definition }: TaskDefinition): TaskRecord {
  return { ...definition, planId, version: 1, machine: newTaskMachine(ownerUnitId) };
}

function createPlanRecord(definition: PlanDefinition, machine: PersistedPlanMachine): PlanRecord {
  const { tasks, ...rest } = definition;
  const record: PlanRecord = { ...rest, version: 1, machine, taskIds: [], tasks: {} };
  for (const t of tasks) {
    record.tasks[t.id] = taskRecord(definition.id, t);
    record.taskIds.push(t.id);
  }
  return record;
}
