import { describe, expect, it } from 'vitest';
import { countsInPlan } from '../../machines/countsInPlan';
import { DEFAULT_EMULATION_RULE, emulationVerdicts, type EmulationTask } from '../../machines/emulation';
import { formatCompletion, formatDoneOf } from '../../machines/percent';
import { computeProgress, isOnTime, type ProgressTask } from '../../machines/progress';
import { buildReviewContent, type ReviewTask } from '../../machines/review';
import { weeklyTrend, type TrendEntry, type TrendTask } from '../../machines/trend';

/**
 * Issue #14, item 1: the plan's figures count the plan's own tasks; a task carrying `source` (from
 * an inspection finding, later a PAR criterion) is counted apart in `extra`, for the plan, each
 * area and each unit, and never in the percentage, the trend, a review's lists or a verdict.
 */
const source = { inspectionId: 'stp-2026-kt1', findingId: 'stp-2026-kt1-1', decisionNo: '432/QĐ-STP' };
const at = (local: string) => new Date(`${local}+07:00`);

describe('countsInPlan', () => {
  it('is true for a plan task (issued or added by amendment), false for one carrying source', () => {
    expect(countsInPlan({})).toBe(true);
    expect(countsInPlan({ source: undefined })).toBe(true);
    expect(countsInPlan({ source })).toBe(false);
  });
});

describe('computeProgress counts remediation apart', () => {
  // 26 plan tasks done of 28 (25 on time, 1 late), one overdue; three remediation tasks: one done
  // late, one overdue, one cancelled; all remediation in area A3, units HCTP and VP.
  const now = at('2026-11-01T09:00:00');
  const plan = (state: ProgressTask['state'], extra: Partial<ProgressTask> = {}): ProgressTask => ({
    areaId: 'A1', ownerUnitId: 'VP', state, deadline: '2026-06-30', ...extra,
  });
  const tasks: ProgressTask[] = [
    ...Array.from({ length: 25 }, () => plan('done', { completedAt: '2026-06-01T09:00:00+07:00' })),
    plan('done', { areaId: 'A3', ownerUnitId: 'HCTP', completedAt: '2026-07-02T09:00:00+07:00' }), // late
    plan('inProgress', { areaId: 'A3', ownerUnitId: 'HCTP', deadline: '2026-12-31' }),
    plan('notStarted', { areaId: 'A2', deadline: '2026-10-31' }), // overdue
    plan('done', { areaId: 'A3', ownerUnitId: 'HCTP', deadline: '2026-10-15', completedAt: '2026-10-20T09:00:00+07:00', source }),
    plan('inProgress', { areaId: 'A3', ownerUnitId: 'HCTP', deadline: '2026-10-15', source }), // overdue
    plan('cancelled', { areaId: 'A3', ownerUnitId: 'VP', source }),
  ];
  const p = computeProgress(tasks, now, { areaIds: ['A1', 'A2', 'A3'], unitIds: ['VP', 'HCTP', 'TTR'] });

  it('the plan reads 26/28 · 92,86%, as issued', () => {
    expect(p).toMatchObject({ total: 28, done: 26, doneOnTime: 25, doneLate: 1, inProgress: 1, notStarted: 1, cancelled: 0, overdue: 1 });
    expect(p.percent).toBe((26 / 28) * 100);
    expect(formatCompletion(p)).toBe('26/28 nhiệm vụ · 92,86%');
  });

  it('extra holds the remediation: 1 done (late), 1 overdue, 1 cancelled → 1/2', () => {
    expect(p.extra).toEqual({
      total: 3, done: 1, doneOnTime: 0, doneLate: 1, inProgress: 1, notStarted: 0, inReview: 0, cancelled: 1, overdue: 1,
      percent: 50,
    });
    expect(formatDoneOf(p.extra)).toBe('1/2');
  });

  it('each area and each unit has its own extra, the plan counts unmixed', () => {
    const area = Object.fromEntries(p.byArea.map((a) => [a.areaId, a]));
    expect(area.A3).toMatchObject({ total: 2, done: 1, doneLate: 1, inProgress: 1, percent: 50 });
    expect(area.A3.extra).toMatchObject({ total: 3, done: 1, overdue: 1, cancelled: 1 });
    expect(area.A1.extra.total).toBe(0);
    expect(area.A1).toMatchObject({ total: 25, done: 25, percent: 100 });
    const unit = Object.fromEntries(p.byUnit.map((u) => [u.unitId, u]));
    expect(unit.HCTP).toMatchObject({ total: 2, done: 1 });
    expect(unit.HCTP.extra).toMatchObject({ total: 2, done: 1, inProgress: 1, overdue: 1, percent: 50 });
    expect(unit.VP.extra).toMatchObject({ total: 1, cancelled: 1, percent: 0 });
    expect(unit.TTR.extra.total).toBe(0);
    // Nothing is lost: the plan's and the extra counts add up to every task on the board.
    expect(p.total + p.extra.total).toBe(tasks.length);
    expect(p.byArea.reduce((n, a) => n + a.total + a.extra.total, 0)).toBe(tasks.length);
  });

  it('a remediation task in an area or unit the plan does not list still gets its row', () => {
    const q = computeProgress([plan('notStarted', { areaId: 'A9', ownerUnitId: 'NEW', source })], now, { areaIds: ['A1'], unitIds: ['VP'] });
    expect(q.byArea.map((a) => [a.areaId, a.total, a.extra.total])).toEqual([['A1', 0, 0], ['A9', 0, 1]]);
    expect(q.byUnit.map((u) => [u.unitId, u.total, u.extra.total])).toEqual([['VP', 0, 0], ['NEW', 0, 1]]);
    expect(q.percent).toBe(0);
  });
});

describe('a review lists only the plan’s own tasks', () => {
  const task = (id: string, fields: Partial<ReviewTask>): ReviewTask => ({
    id, code: id, title: id, areaId: 'A1', ownerUnitId: 'HCTP', state: 'inProgress', deadline: '2026-09-01', ...fields,
  });
  it('overdue and lagging leave the remediation out; its counts are in progress.extra', () => {
    const content = buildReviewContent(
      [
        task('3.2', { deadline: '2026-09-01' }), // overdue on 14/09
        task('3.4', { deadline: '2026-09-30' }), // lagging
        task('KT1.1', { deadline: '2026-09-10', source }), // overdue, but not the plan's
        task('KT1.2', { deadline: '2026-09-30', source }), // would lag, not the plan's
      ],
      '2026-09-14',
    );
    expect(content.overdue.map((t) => t.code)).toEqual(['3.2']);
    expect(content.lagging.map((t) => t.code)).toEqual(['3.4']);
    expect(content.progress).toMatchObject({ total: 2, overdue: 1 });
    expect(content.progress.extra).toMatchObject({ total: 2, overdue: 1, inProgress: 2 });
  });
});

describe('the trend follows the plan’s own tasks', () => {
  it('a remediation task neither falls due nor completes in it', () => {
    const tasks: TrendTask[] = [
      { id: 'a', deadline: '2026-03-04', state: 'done' },
      { id: 'kt', deadline: '2026-03-04', state: 'done', source },
    ];
    const entries: TrendEntry[] = [
      { at: '2026-03-03T02:00:00Z', taskId: 'a', from: 'inReview', to: 'done' },
      { at: '2026-03-03T03:00:00Z', taskId: 'kt', from: 'inReview', to: 'done' },
    ];
    const week = weeklyTrend(2026, tasks, entries, '2026-03-08').find((w) => w.start === '2026-03-02')!;
    expect(week).toMatchObject({ due: 1, dueCumulative: 1, done: 1, doneCumulative: 1 });
  });
});

describe('emulation: a unit’s unfinished remediation is a note on its verdict', () => {
  const late = (t: EmulationTask) => t.state === 'done' && !isOnTime(t);
  const task = (code: string, fields: Partial<EmulationTask>): EmulationTask => ({
    code, ownerUnitId: 'HCTP', state: 'done', deadline: '2026-06-30', completedAt: '2026-06-01T09:00:00+07:00', ...fields,
  });

  it('every plan task done on time → eligible, with the unfinished remediation noted, not counted', () => {
    const [v] = emulationVerdicts([task('3.1', {}), task('KT1.1', { state: 'inProgress', completedAt: undefined, source })], ['HCTP'], late);
    expect(v).toMatchObject({ verdict: 'eligible', done: 1, doneLate: 0, notDone: 0, notDoneTasks: [], remediationNotDoneTasks: ['KT1.1'] });
    expect(v.note).toBe('Khắc phục sau kiểm tra: 1 nhiệm vụ chưa hoàn thành (KT1.1)');
  });

  it('a remediation task done (even late) or cancelled leaves no note and changes nothing', () => {
    const [v] = emulationVerdicts(
      [
        task('3.1', {}),
        task('KT1.1', { deadline: '2026-05-01', source }),
        task('KT1.2', { state: 'cancelled', completedAt: undefined, source }),
      ],
      ['HCTP'],
      late,
      DEFAULT_EMULATION_RULE,
    );
    expect(v).toMatchObject({ verdict: 'eligible', done: 1, doneLate: 0, remediationNotDoneTasks: [] });
    expect(v.note).toBeUndefined();
  });

  it('a plan task not done still decides: not eligible, both noted', () => {
    const [v] = emulationVerdicts(
      [task('3.2', { state: 'inProgress', completedAt: undefined }), task('KT1.1', { state: 'notStarted', completedAt: undefined, source })],
      ['HCTP'],
      late,
    );
    expect(v).toMatchObject({ verdict: 'notEligible', notDone: 1, notDoneTasks: ['3.2'] });
    expect(v.note).toBe('1 nhiệm vụ chưa hoàn thành (3.2); Khắc phục sau kiểm tra: 1 nhiệm vụ chưa hoàn thành (KT1.1)');
  });
});
