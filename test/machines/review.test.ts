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
    const right = buildReviewContent(planAsOf('2026-03-14'), '2026-03-14');
    const wrong = buildReviewContent(planAsOf('2026-11-01'), '2026-03-14');
    // Today's plan has t2 and t3 done (after the quarter): the quarter would look better than it was.
    expect([right.progress.done, wrong.progress.done]).toEqual([1, 3]);
    expect([right.overdue.map((t) => t.code), wrong.overdue.map((t) => t.code)]).toEqual([['2.1'], []]);
    expect([right.lagging.map((t) => t.code), wrong.lagging.map((t) => t.code)]).toEqual([['3.1'], []]);
  });

  it('daysOverdue counts whole days from the deadline to the date, negative before it', () => {
    expect(daysOverdue('2026-03-10', '2026-03-14')).toBe(4);
    expect(daysOverdue('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysOverdue('2026-03-14', '2026-03-14')).toBe(0);
    expect(daysOverdue('2026-03-20', '2026-03-14')).toBe(-6);
  });

  it('the trend of the same history, with t1 reopened in February, counts done only as it stood each week up to the date viewed', () => {
    const moves = history.map((m) => ({ at: m.at, taskId: m.taskId, from: 'inProgress', to: m.to }));
    const entries = [
      ...moves,
      { at: '2026-02-10T03:00:00Z', taskId: 't1', from: 'done', to: 'inProgress' },
      // Approved again after the date viewed: not counted.
      { at: '2026-03-20T03:00:00Z', taskId: 't1', from: 'inReview', to: 'done' },
    ];
    const weeks = weeklyTrend(2026, planAsOf('2026-03-14'), entries, '2026-03-14');
    const week = (start: string) => weeks.find((w) => w.start === start)!;
    expect(week('2026-01-19')).toMatchObject({ done: 1, doneCumulative: 1 });
    expect(week('2026-02-02')).toMatchObject({ done: 0, doneCumulative: 1 });
    // The reopening takes t1 out of done from its week on.
    expect(week('2026-02-09')).toMatchObject({ done: 0, doneCumulative: 0 });
    // The week of 14/03 is counted up to that day only, and later weeks not at all.
    expect(week('2026-03-09')).toMatchObject({ done: 0, doneCumulative: 0 });
    expect(week('2026-03-16')).toMatchObject({ done: null, doneCumulative: null });
  });
});
