import { localDate } from './dates';
import type { TaskState } from './task';

/** What progress needs to know of a task; the API's Task satisfies it. */
export interface ProgressTask {
  areaId: string;
  ownerUnitId: string;
  state: TaskState;
  deadline: string;
  completedAt?: string;
}

export interface Counts {
  total: number;
  done: number;
  doneOnTime: number;
  doneLate: number;
  inProgress: number;
  notStarted: number;
  inReview: number;
  cancelled: number;
  overdue: number;
  /** done / (total − cancelled) × 100, unrounded; 0 when nothing counts. */
  percent: number;
}

export interface Progress extends Counts {
  byArea: Array<Counts & { areaId: string }>;
  byUnit: Array<Counts & { unitId: string }>;
}

/** Done on or before the deadline's (agency-local) day is on time. */
export function isOnTime(task: Pick<ProgressTask, 'deadline' | 'completedAt'>): boolean {
  return task.completedAt !== undefined && localDate(task.completedAt) <= task.deadline;
}

/** The deadline's (agency-local) day has passed: the one overdue rule, for tasks and findings alike. */
export function deadlinePassed(deadline: string, now: Date): boolean {
  return localDate(now) > deadline;
}

/** Not done, not cancelled, and the deadline's day has passed. */
export function isOverdue(task: Pick<ProgressTask, 'state' | 'deadline'>, now: Date): boolean {
  return task.state !== 'done' && task.state !== 'cancelled' && deadlinePassed(task.deadline, now);
}

function emptyCounts(): Counts {
  return {
    total: 0, done: 0, doneOnTime: 0, doneLate: 0, inProgress: 0, notStarted: 0,
    inReview: 0, cancelled: 0, overdue: 0, percent: 0,
  };
}

function add(counts: Counts, task: ProgressTask, now: Date): void {
  counts.total++;
  counts[task.state]++;
  if (task.state === 'done') counts[isOnTime(task) ? 'doneOnTime' : 'doneLate']++;
  if (isOverdue(task, now)) counts.overdue++;
}

function finish<T extends Counts>(counts: T): T {
  const denominator = counts.total - counts.cancelled;
  counts.percent = denominator === 0 ? 0 : (counts.done / denominator) * 100;
  return counts;
}

/**
 * Plan, area and unit progress against an injected clock. Areas and units are listed in the
 * order given, so a row exists even for an area with no task yet.
 */
export function computeProgress(
  tasks: readonly ProgressTask[],
  now: Date,
  order: { areaIds?: readonly string[]; unitIds?: readonly string[] } = {},
): Progress {
  const plan = emptyCounts();
  const byArea = new Map<string, Counts & { areaId: string }>();
  const byUnit = new Map<string, Counts & { unitId: string }>();
  for (const areaId of order.areaIds ?? []) byArea.set(areaId, { areaId, ...emptyCounts() });
  for (const unitId of order.unitIds ?? []) byUnit.set(unitId, { unitId, ...emptyCounts() });
  for (const task of tasks) {
    add(plan, task, now);
    let area = byArea.get(task.areaId);
    if (!area) byArea.set(task.areaId, (area = { areaId: task.areaId, ...emptyCounts() }));
    add(area, task, now);
    let unit = byUnit.get(task.ownerUnitId);
    if (!unit) byUnit.set(task.ownerUnitId, (unit = { unitId: task.ownerUnitId, ...emptyCounts() }));
    add(unit, task, now);
  }
  return {
    ...finish(plan),
    byArea: [...byArea.values()].map(finish),
    byUnit: [...byUnit.values()].map(finish),
  };
}
