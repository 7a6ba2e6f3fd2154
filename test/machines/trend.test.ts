import { describe, expect, it } from 'vitest';
import { weeklyTrend } from '../../machines/trend';

const tasks = [
  { id: 'a', deadline: '2026-01-10', state: 'done' },
  { id: 'b', deadline: '2026-01-14', state: 'inProgress' },
  { id: 'c', deadline: '2026-01-14', state: 'cancelled' },
  { id: 'd', deadline: '2025-12-20', state: 'done' },
];
const entries = [
  { at: '2025-12-18T03:00:00Z', taskId: 'd', from: 'inReview', to: 'done' },
  { at: '2026-01-06T03:00:00Z', taskId: 'a', from: 'inReview', to: 'done' },
  // Approved late on Sunday 11/01 in Hà Nội (UTC 16:30 is 23:30 local), so week 1 not week 2.
  { at: '2026-01-11T16:30:00Z', taskId: 'b', from: 'inReview', to: 'done' },
  { at: '2026-01-13T03:00:00Z', taskId: 'b', from: 'done', to: 'inProgress' },
  { at: '2026-01-13T04:00:00Z', taskId: 'b', from: 'inProgress', to: 'inProgress' },
];

describe('weekly trend', () => {
  it('counts due and done per Monday-started week, cumulatively, from history', () => {
    const weeks = weeklyTrend(2026, tasks, entries, '2026-01-20');
    expect(weeks[0]).toEqual({ start: '2025-12-29', end: '2026-01-04', due: 0, dueCumulative: 1, done: 0, doneCumulative: 1 });
    expect(weeks[1]).toEqual({ start: '2026-01-05', end: '2026-01-11', due: 1, dueCumulative: 2, done: 2, doneCumulative: 3 });
    // b reopened: the cumulative count drops back; the cancelled task never falls due.
    expect(weeks[2]).toEqual({ start: '2026-01-12', end: '2026-01-18', due: 1, dueCumulative: 3, done: 0, doneCumulative: 2 });
  });

  it('leaves weeks after the viewed date without completions, and covers the year', () => {
    const weeks = weeklyTrend(2026, tasks, entries, '2026-01-07');
    expect(weeks[1]).toMatchObject({ done: 1, doneCumulative: 2 });
    expect(weeks[2]).toMatchObject({ done: null, doneCumulative: null, dueCumulative: 3 });
    expect(weeks.at(-1)!.end >= '2026-12-31').toBe(true);
    expect(weeks.length).toBe(53);
  });
});
