import { countsInPlan } from './countsInPlan';
import { localDate } from './dates';
import type { TaskState } from './task';

/** What progress needs to know of a task; the API's Task satisfies it. */
export interface ProgressTask {
  areaId: string;
  ownerUnitId: string;
  state: TaskState;
  deadline: string;
  completedAt?: string;
  /** Set on a task from an inspection finding (or a PAR criterion): counted apart (countsInPlan). */
  source?: unknown;
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

/** The plan's own tasks in the counts; tasks carrying `source` in `extra` (machines/countsInPlan.ts). */
export interface WithExtra extends Counts {
  extra: Counts;
}

export interface Progress extends WithExtra {
  byArea: Array<WithExtra & { areaId: string }>;
  byUnit: Array<WithExtra & { unitId: string }>;
}

/**
 * A progress as a review froze it. Reviews stored before `extra` existed lack it (their counts took
 * in remediation tasks too): they keep what they froze, and are shown as they were.
 */
export interface FrozenProgress extends Counts {
  extra?: Counts;
  byArea: Array<Counts & { areaId: string; extra?: Counts }>;
  byUnit: Array<Counts & { unitId: string; extra?: Counts }>;
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

export function emptyCounts(): Counts {
  return {
    total: 0, done: 0, doneOnTime: 0, doneLate: 0, inProgress: 0, notStarted: 0,
    inReview: 0, cancelled: 0, overdue: 0, percent: 0,
  };
}

function count(counts: Counts, task: ProgressTask, now: Date): void {
  counts.total++;
  counts[task.state]++;
  if (task.state === 'done') counts[isOnTime(task) ? 'doneOnTime' : 'doneLate']++;
  if (isOverdue(task, now)) counts.overdue++;
}

/** Into the row's own counts, or into its `extra` for a task the plan does not count. */
function add(row: WithExtra, task: ProgressTask, now: Date): void {
  count(countsInPlan(task) ? row : row.extra, task, now);
}

const emptyRow = (): WithExtra => ({ ...emptyCounts(), extra: emptyCounts() });

function finishCounts(counts: Counts): void {
  const denominator = counts.total - counts.cancelled;
  counts.percent = denominator === 0 ? 0 : (counts.done / denominator) * 100;
}

function finish<T extends WithExtra>(row: T): T {
  finishCounts(row);
  finishCounts(row.extra);
  return row;
}

/**
 * Plan, area and unit progress against an injected clock: the plan's own tasks in the counts, the
 * others (from an inspection finding, a PAR criterion) in each row's `extra`. Areas and units are
 * listed in the order given, so a row exists even for an area with no task yet.
 */
export function computeProgress(
  tasks: readonly ProgressTask[],
  now: Date,
  order: { areaIds?: readonly string[]; unitIds?: readonly string[] } = {},
): Progress {
  const plan = emptyRow();
  const byArea = new Map<string, WithExtra & { areaId: string }>();
  const byUnit = new Map<string, WithExtra & { unitId: string }>();
  for (const areaId of order.areaIds ?? []) byArea.set(areaId, { areaId, ...emptyRow() });
  for (const unitId of order.unitIds ?? []) byUnit.set(unitId, { unitId, ...emptyRow() });
  for (const task of tasks) {
    add(plan, task, now);
    let area = byArea.get(task.areaId);
    if (!area) byArea.set(task.areaId, (area = { areaId: task.areaId, ...emptyRow() }));
    add(area, task, now);
    let unit = byUnit.get(task.ownerUnitId);
    if (!unit) byUnit.set(task.ownerUnitId, (unit = { unitId: task.ownerUnitId, ...emptyRow() }));
    add(unit, task, now);
  }
  return {
    ...finish(plan),
    byArea: [...byArea.values()].map(finish),
    byUnit: [...byUnit.values()].map(finish),
  };
}
