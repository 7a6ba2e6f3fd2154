import { countsInPlan } from './countsInPlan';
import { localDate } from './dates';

/**
 * The year's trend for the dashboard: per week (Monday to Sunday, agency-local), how many tasks
 * fell due and how many were completed, and both cumulatively, read from the history so a past
 * week shows what was true then (a task approved, then reopened, is not done any more).
 */
export interface TrendTask {
  id: string;
  deadline: string;
  state: string;
  /** A task from an inspection finding or a PAR criterion: not the plan's, not in its trend. */
  source?: unknown;
}

/** The fields of a history entry the trend reads. */
export interface TrendEntry {
  at: string;
  taskId?: string;
  from: string;
  to: string;
}

/** The entries the trend reads at all: a task moving into or out of done. */
export function isDoneMove(e: TrendEntry): boolean {
  return e.taskId !== undefined && (e.to === 'done' || e.from === 'done') && e.from !== e.to;
}

export interface TrendWeek {
  /** Monday of the week, YYYY-MM-DD. */
  start: string;
  end: string;
  due: number;
  dueCumulative: number;
  /** Completions (moves into done) in the week; null for weeks after `until`. */
  done: number | null;
  /** Tasks done at the end of the week (or at `until` for its week); null after `until`. */
  doneCumulative: number | null;
}

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const weekday = (iso: string) => (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0

/**
 * Weeks covering the calendar year of the plan. Due counts use the tasks as given (so pass the
 * plan as of `until` when showing a past date); cancelled tasks never fall due. Only the plan's
 * own tasks count (countsInPlan): a remediation task neither falls due nor completes here.
 */
export function weeklyTrend(year: number, tasks: readonly TrendTask[], entries: readonly TrendEntry[], until: string): TrendWeek[] {
  const first = addDays(`${year}-01-01`, -weekday(`${year}-01-01`));
  const last = `${year}-12-31`;
  const apart = new Set(tasks.filter((t) => !countsInPlan(t)).map((t) => t.id));
  const due = tasks.filter((t) => countsInPlan(t) && t.state !== 'cancelled').map((t) => t.deadline).sort();
  const moves = entries
    .filter((e) => isDoneMove(e) && !apart.has(e.taskId!))
    .map((e) => ({ day: localDate(e.at), into: e.to === 'done', taskId: e.taskId! }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));

  const weeks: TrendWeek[] = [];
  const doneNow = new Set<string>();
  let d = 0;
  let m = 0;
  // Deadlines before the first week still count as due by then.
  for (let start = first; start <= last; start = addDays(start, 7)) {
    const end = addDays(start, 6);
    let dueInWeek = 0;
    while (d < due.length && due[d] <= end) {
      d++;
      if (due[d - 1] >= start) dueInWeek++;
    }
    const week: TrendWeek = { start, end, due: dueInWeek, dueCumulative: d, done: null, doneCumulative: null };
    if (start <= until) {
      const cutoff = end < until ? end : until;
      let completions = 0;
      while (m < moves.length && moves[m].day <= cutoff) {
        const move = moves[m++];
        if (move.into) {
          doneNow.add(move.taskId);
          if (move.day >= start) completions++;
        } else doneNow.delete(move.taskId);
      }
      week.done = completions;
      week.doneCumulative = doneNow.size;
    }
    weeks.push(week);
  }
  return weeks;
}
