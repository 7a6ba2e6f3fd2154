import { countsInPlan } from './countsInPlan';
import { computeProgress, isOverdue, type Progress, type ProgressTask } from './progress';

/**
 * A review's frozen content, built once from the plan as it stood at `asOf` (rebuilt from
 * history) and then stored: later moves never change it. Pure: the caller supplies the plan as of
 * the date.
 */
export interface ReviewTask extends ProgressTask {
  id: string;
  code: string;
  title: string;
}

export interface ReviewContent<T extends ReviewTask> {
  progress: Progress;
  /** Open, not yet overdue, but at risk: due within LAGGING_WINDOW_DAYS and not yet submitted. */
  lagging: T[];
  /** Open past their deadline at `asOf`, most overdue first. */
  overdue: T[];
  // Both lists are the plan's own tasks (countsInPlan); remediation is in `progress.extra`.
}

/** How far ahead a deadline makes an unsubmitted task "lagging" (chậm tiến độ): one month. */
export const LAGGING_WINDOW_DAYS = 30;

/** The instant a date's agency-local day ends: "as of 14/03" includes all of 14/03 in Hà Nội. */
export function endOfLocalDay(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T23:59:59.999+07:00`));
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function buildReviewContent<T extends ReviewTask>(
  tasks: readonly T[],
  asOf: string,
  order: { areaIds?: readonly string[]; unitIds?: readonly string[] } = {},
): ReviewContent<T> {
  const now = endOfLocalDay(asOf);
  const horizon = addDays(asOf, LAGGING_WINDOW_DAYS);
  const own = tasks.filter(countsInPlan);
  const overdue = own
    .filter((t) => isOverdue(t, now))
    .sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
  const lagging = own.filter(
    (t) => (t.state === 'notStarted' || t.state === 'inProgress') && !isOverdue(t, now) && t.deadline <= horizon,
  );
  return { progress: computeProgress(tasks, now, order), lagging, overdue };
}

/** Whole days from a deadline to an agency-local date (positive when overdue). */
export function daysOverdue(deadline: string, asOf: string): number {
  return Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${deadline}T00:00:00Z`)) / 86_400_000);
}
