import { describe, expect, it } from 'vitest';
import { buildReviewContent, daysOverdue, type ReviewTask } from '../../machines/review';
import { weeklyTrend } from '../../machines/trend';

/**
 * A review is built from the plan as of the period's end. Here the "plan as of" is folded from a
 * history that goes on after the period: the review built as of 14/03 must ignore the later moves.
 */
type Move = { at: string; taskId: string; to: ReviewTask['state'] };
const definition: ReviewTask[] = [
  { id: 't1', code: '1.1', title: 'Kế hoạch CCHC', areaId: 'A1', ownerUnitId: 'VP', deadline: '2026-01-31', state: 'notStarted' },
  { id: 't2', code: '2.1', title: 'Rà soát văn bản', areaId: 'A2', ownerUnitId: 'XDVB', deadline: '2026-03-10', state: 'notStarted' },
  { id: 't3', code: '3.1', title: 'Số hóa hồ sơ', areaId: 'A3', ownerUnitId: 'HCTP', deadline: '2026-04-10', state: 'notStarted' },
  { id: 't4', code: '3.2', title: 'Dịch vụ công', areaId: 'A3', ownerUnitId: 'HCTP', deadline: '2026-09-30', state: 'notStarted' },
];
const history: Move[] = [
  { at: '2026-01-20T03:00:00Z', taskId: 't1', to: 'done' },
  { at: '2026-02-01T03:00:00Z', taskId: 't3', to: 'inProgress' },
  // After the quarter: t2 finished late, t3 done — the Q1 review must not see these.
  { at: '2026-03-15T03:00:00Z', taskId: 't2', to: 'done' },
  { at: '2026-04-01T03:00:00Z', taskId: 't3', to: 'done' },
];

function planAsOf(date: string): ReviewTask[] {
  const tasks = new Map(definition.map((t) => [t.id, { ...t }]));
  for (const move of history) {
    if (new Date(Date.parse(move.at) + 7 * 3600_000).toISOString().slice(0, 10) > date) continue;
    const task = tasks.get(move.taskId)!;
    task.state = move.to;
    if (move.to === 'done') task.completedAt = move.at;
  }
  return [...tasks.values()];
}

describe('review content as of a past date', () => {
  it('freezes progress, overdue and lagging tasks at the end of the period despite later moves', () => {
    const review = buildReviewContent(planAsOf('2026-03-14'), '2026-03-14', { unitIds: ['VP', 'XDVB', 'HCTP'] });
    expect(review.progress).toMatchObject({ total: 4, done: 1, doneOnTime: 1, overdue: 1, inProgress: 1, notStarted: 2 });
    expect(review.overdue.map((t) => [t.code, t.ownerUnitId])).toEqual([['2.1', 'XDVB']]);
    expect(review.lagging.map((t) => t.code)).toEqual(['3.1']);
    expect(review.progress.byUnit.map((u) => [u.unitId, u.done, u.overdue])).toEqual([
      ['VP', 1, 0], ['XDVB', 0, 1], ['HCTP', 0, 0],
    ]);
  });

  it('the same period reviewed from today\'s plan would differ: the as-of input is what makes it right', () => {
    const now = buildReviewContent(planAsOf('2026-11-01'), '2026-03-14');
    expect(now.progress.done).toBe(3);
    expect(daysOverdue('2026-03-10', '2026-03-14')).toBe(4);
  });

  it('the trend of the same history shows the reopened count only up to the date viewed', () => {
    const entries = history.map((m) => ({ at: m.at, taskId: m.taskId, from: 'x', to: m.to }));
    const weeks = weeklyTrend(2026, planAsOf('2026-03-14'), entries, '2026-03-14');
    expect(weeks.filter((w) => w.doneCumulative !== null).at(-1)!.doneCumulative).toBe(1);
  });
});
