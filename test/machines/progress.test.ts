import { describe, expect, it } from 'vitest';
import seed from '../../seed/reference-plan-2026.json';
import { computeProgress, isOnTime, isOverdue, type ProgressTask } from '../../machines/progress';
import { formatCompletion, formatPercent } from '../../machines/percent';
import { decideTaskEvent, newTaskMachine } from '../../machines/taskDecision';
import type { PersistedTaskMachine, TaskEventType, TaskState } from '../../machines/task';
import { seedActor } from './actors';

function t(state: TaskState, extra: Partial<ProgressTask> = {}): ProgressTask {
  return { areaId: 'A1', ownerUnitId: 'VP', state, deadline: '2026-06-30', ...extra };
}

/** A clock at an agency-local wall time. */
const at = (local: string) => new Date(`${local}+07:00`);

describe('isOnTime (agency-local date of completion vs deadline)', () => {
  it('late evening on the deadline day, Vietnam time, is on time', () => {
    expect(isOnTime({ deadline: '2026-03-31', completedAt: '2026-03-31T23:30:00+07:00' })).toBe(true);
  });

  it('just after midnight the next day is late, although that instant is still 31 March in UTC', () => {
    expect(new Date('2026-04-01T00:30:00+07:00').toISOString()).toBe('2026-03-31T17:30:00.000Z');
    expect(isOnTime({ deadline: '2026-03-31', completedAt: '2026-04-01T00:30:00+07:00' })).toBe(false);
    expect(isOnTime({ deadline: '2026-03-31', completedAt: '2026-03-31T17:30:00.000Z' })).toBe(false);
  });

  it('before the deadline is on time; not completed is not on time', () => {
    expect(isOnTime({ deadline: '2026-03-31', completedAt: '2026-01-02T08:00:00+07:00' })).toBe(true);
    expect(isOnTime({ deadline: '2026-03-31', completedAt: undefined })).toBe(false);
  });
});

describe('isOverdue (injected clock)', () => {
  const deadline = '2026-03-31';
  it('the deadline day itself is not overdue, up to its last minute', () => {
    expect(isOverdue({ state: 'inProgress', deadline }, at('2026-03-31T00:00:00'))).toBe(false);
    expect(isOverdue({ state: 'inProgress', deadline }, at('2026-03-31T23:59:59'))).toBe(false);
  });

  it('the next local day is overdue, whatever the UTC date says', () => {
    expect(isOverdue({ state: 'inProgress', deadline }, at('2026-04-01T00:30:00'))).toBe(true);
    expect(isOverdue({ state: 'notStarted', deadline }, new Date('2026-03-31T17:30:00Z'))).toBe(true);
    expect(isOverdue({ state: 'inReview', deadline }, at('2026-06-01T09:00:00'))).toBe(true);
  });

  it('done and cancelled tasks are never overdue', () => {
    expect(isOverdue({ state: 'done', deadline }, at('2026-12-31T09:00:00'))).toBe(false);
    expect(isOverdue({ state: 'cancelled', deadline }, at('2026-12-31T09:00:00'))).toBe(false);
  });
});

describe('computeProgress arithmetic', () => {
  const now = at('2026-05-01T09:00:00');

  it('26 of 28 done is exactly 26/28 × 100, unrounded', () => {
    const tasks = [
      ...Array.from({ length: 26 }, () => t('done', { completedAt: '2026-04-01T09:00:00+07:00' })),
      t('inProgress'),
      t('notStarted'),
    ];
    const p = computeProgress(tasks, now);
    expect(p.total).toBe(28);
    expect(p.done).toBe(26);
    expect(p.percent).toBe((26 / 28) * 100);
    expect(formatPercent(p.done, p.total - p.cancelled)).toBe('92,86%');
    expect(formatCompletion(p)).toBe('26/28 nhiệm vụ · 92,86%');
    expect(formatCompletion(p, { mode: 'truncate', decimals: 0 })).toBe('26/28 nhiệm vụ · 92%');
  });

  it('cancelled tasks leave the denominator: 26 done of 28 with 1 cancelled is 26/27', () => {
    const tasks = [
      ...Array.from({ length: 26 }, () => t('done', { completedAt: '2026-04-01T09:00:00+07:00' })),
      t('inProgress'),
      t('cancelled'),
    ];
    const p = computeProgress(tasks, now);
    expect(p.total).toBe(28);
    expect(p.cancelled).toBe(1);
    expect(p.percent).toBe((26 / 27) * 100);
    expect(formatCompletion(p)).toBe('26/27 nhiệm vụ · 96,30%');
  });

  it('nothing to count gives 0, not NaN', () => {
    expect(computeProgress([], now).percent).toBe(0);
    const allCancelled = computeProgress([t('cancelled'), t('cancelled')], now);
    expect(allCancelled.percent).toBe(0);
    expect(allCancelled.cancelled).toBe(2);
  });

  it('counts every column, on time vs late, and overdue against the clock', () => {
    const tasks = [
      t('done', { deadline: '2026-03-31', completedAt: '2026-03-31T23:30:00+07:00' }), // on time
      t('done', { deadline: '2026-03-31', completedAt: '2026-04-01T00:30:00+07:00' }), // late
      t('inReview', { deadline: '2026-04-30' }), // overdue
      t('inProgress', { deadline: '2026-05-01' }), // due today: not overdue
      t('notStarted', { deadline: '2026-04-15' }), // overdue
      t('notStarted', { deadline: '2026-12-31' }),
      t('cancelled', { deadline: '2026-01-31' }), // not overdue
    ];
    const { byArea, byUnit, extra, ...counts } = computeProgress(tasks, now);
    expect(extra.total).toBe(0);
    expect(counts).toEqual({
      total: 7,
      done: 2,
      doneOnTime: 1,
      doneLate: 1,
      inProgress: 1,
      notStarted: 2,
      inReview: 1,
      cancelled: 1,
      overdue: 2,
      percent: (2 / 6) * 100,
    });
    expect(byArea).toHaveLength(1);
    expect(byUnit).toHaveLength(1);
  });

  it('overdue moves with the injected clock', () => {
    const tasks = [t('inProgress', { deadline: '2026-05-01' })];
    expect(computeProgress(tasks, at('2026-05-01T23:59:00')).overdue).toBe(0);
    expect(computeProgress(tasks, at('2026-05-02T00:01:00')).overdue).toBe(1);
  });
});

describe('computeProgress by area and by unit', () => {
  const now = at('2026-07-01T09:00:00');
  const tasks: ProgressTask[] = [
    t('done', { areaId: 'A2', ownerUnitId: 'HCTP', completedAt: '2026-06-01T09:00:00+07:00' }),
    t('inProgress', { areaId: 'A2', ownerUnitId: 'VP' }), // deadline 30/06 → overdue on 01/07
    t('done', { areaId: 'A1', ownerUnitId: 'VP', completedAt: '2026-07-01T09:00:00+07:00' }), // late
    t('cancelled', { areaId: 'A1', ownerUnitId: 'HCTP' }),
    t('notStarted', { areaId: 'A9', ownerUnitId: 'CC1', deadline: '2026-12-31' }), // area not in the given order
  ];

  it('lists areas and units in the given order, including empty ones, then any others', () => {
    const p = computeProgress(tasks, now, { areaIds: ['A1', 'A2', 'A3'], unitIds: ['VP', 'TTR', 'HCTP'] });
    expect(p.byArea.map((a) => a.areaId)).toEqual(['A1', 'A2', 'A3', 'A9']);
    expect(p.byUnit.map((u) => u.unitId)).toEqual(['VP', 'TTR', 'HCTP', 'CC1']);
  });

  it('counts each area and unit on its own', () => {
    const p = computeProgress(tasks, now, { areaIds: ['A1', 'A2', 'A3'], unitIds: ['VP', 'TTR', 'HCTP'] });
    const area = Object.fromEntries(p.byArea.map((a) => [a.areaId, a]));
    expect(area.A1).toMatchObject({ total: 2, done: 1, doneLate: 1, doneOnTime: 0, cancelled: 1, percent: 100 });
    expect(area.A2).toMatchObject({ total: 2, done: 1, doneOnTime: 1, inProgress: 1, overdue: 1, percent: 50 });
    const zero = { total: 0, done: 0, doneOnTime: 0, doneLate: 0, inProgress: 0, notStarted: 0, inReview: 0, cancelled: 0, overdue: 0, percent: 0 };
    expect(area.A3).toEqual({ areaId: 'A3', ...zero, extra: zero });
    expect(area.A9).toMatchObject({ total: 1, notStarted: 1, percent: 0 });

    const unit = Object.fromEntries(p.byUnit.map((u) => [u.unitId, u]));
    expect(unit.VP).toMatchObject({ total: 2, done: 1, doneLate: 1, inProgress: 1, overdue: 1, percent: 50 });
    expect(unit.HCTP).toMatchObject({ total: 2, done: 1, doneOnTime: 1, cancelled: 1, percent: 100 });
    expect(unit.TTR).toMatchObject({ total: 0, percent: 0 });
    expect(unit.CC1).toMatchObject({ total: 1, notStarted: 1 });

    expect(p).toMatchObject({ total: 5, done: 2, cancelled: 1, overdue: 1, percent: 50 });
  });

  it('without an order, rows appear in first-seen order', () => {
    const p = computeProgress(tasks, now);
    expect(p.byArea.map((a) => a.areaId)).toEqual(['A2', 'A1', 'A9']);
    expect(p.byUnit.map((u) => u.unitId)).toEqual(['HCTP', 'VP', 'CC1']);
  });
});

describe('the seeded reference plan (seed/reference-plan-2026.json)', () => {
  interface SeedEvent {
    task: string;
    type: string;
    at: string;
    by: string;
    evidence?: string;
    reason?: string;
  }
  const history = seed.demoHistory as SeedEvent[];

  function replay(): Map<string, PersistedTaskMachine> {
    const machines = new Map(seed.tasks.map((task) => [task.code, newTaskMachine(task.ownerUnit)]));
    history.forEach((e, i) => {
      const current = machines.get(e.task);
      if (!current) throw new Error(`event ${i} names unknown task ${e.task}`);
      const decision = decideTaskEvent(current, {
        type: e.type as TaskEventType,
        actor: seedActor(e.by),
        at: e.at,
        evidence: e.evidence,
        reason: e.reason,
      });
      if (!decision.ok) throw new Error(`event ${i} (${e.task} ${e.type} by ${e.by}) refused: ${JSON.stringify(decision)}`);
      machines.set(e.task, decision.next);
    });
    return machines;
  }

  function progressTasks(machines: Map<string, PersistedTaskMachine>): ProgressTask[] {
    return seed.tasks.map((task) => {
      const m = machines.get(task.code)!;
      return {
        areaId: task.areaCode,
        ownerUnitId: task.ownerUnit,
        deadline: task.deadline,
        state: m.value,
        completedAt: m.context.completedAt,
      };
    });
  }

  it('has 7 areas, 9 units, 28 tasks and 65 history events', () => {
    expect(seed.areas).toHaveLength(7);
    expect(seed.units).toHaveLength(9);
    expect(seed.tasks).toHaveLength(28);
    expect(history).toHaveLength(65);
  });

  it('every history event is accepted by decideTaskEvent', () => {
    expect(() => replay()).not.toThrow();
  });

  it('ends at 18 of 28 done: 14 on time, 4 late; 64,29%', () => {
    const tasks = progressTasks(replay());
    const p = computeProgress(tasks, at('2026-11-14T12:00:00'), {
      areaIds: seed.areas.map((a) => a.code),
      unitIds: seed.units.map((u) => u.code),
    });
    expect(p).toMatchObject({
      total: 28,
      done: 18,
      doneOnTime: 14,
      doneLate: 4,
      inReview: 3,
      inProgress: 5,
      notStarted: 2,
      cancelled: 0,
      overdue: 2,
    });
    expect(p.percent).toBe((18 / 28) * 100);
    expect(formatPercent(p.done, p.total - p.cancelled)).toBe('64,29%');
    expect(formatCompletion(p)).toBe('18/28 nhiệm vụ · 64,29%');

    const late = seed.tasks.filter((_, i) => tasks[i].state === 'done' && !isOnTime(tasks[i])).map((s) => s.code);
    expect(late).toEqual(['1.3', '2.4', '4.1', '6.3']);
    const overdue = seed.tasks.filter((_, i) => isOverdue(tasks[i], at('2026-11-14T12:00:00'))).map((s) => s.code);
    expect(overdue).toEqual(['6.4', '7.5']);

    // The area and unit rows, derived by counting the seed's tasks against two lists read off its
    // history by hand: the tasks approved by 14/11, and those approved after their deadline.
    const DONE = ['1.1', '1.3', '1.5', '2.2', '2.4', '3.1', '3.5', '4.1', '4.2', '5.1', '5.3', '6.1', '6.2', '6.3', '7.1', '7.2', '7.3', '7.4'];
    const LATE = ['1.3', '2.4', '4.1', '6.3'];
    expect(DONE).toHaveLength(p.done);
    expect(seed.tasks.filter((_, i) => tasks[i].state === 'done').map((s) => s.code)).toEqual(DONE);
    const row = (key: string, of: typeof seed.tasks) => [
      key,
      of.length,
      of.filter((s) => DONE.includes(s.code)).length,
      of.filter((s) => LATE.includes(s.code)).length,
    ];
    expect(p.byArea.map((a) => [a.areaId, a.total, a.done, a.doneLate])).toEqual(
      seed.areas.map((a) => row(a.code, seed.tasks.filter((s) => s.areaCode === a.code))),
    );
    expect(p.byUnit.map((u) => [u.unitId, u.total, u.done, u.doneLate])).toEqual(
      seed.units.map((u) => row(u.code, seed.tasks.filter((s) => s.ownerUnit === u.code))),
    );
    // Spot checks of the derivation itself: VP owns 14 tasks, 10 done, 2 of them late (1.3, 4.1).
    expect(row('VP', seed.tasks.filter((s) => s.ownerUnit === 'VP'))).toEqual(['VP', 14, 10, 2]);
  });

  it('two days later task 2.3 (deadline 15/11) is overdue too', () => {
    const p = computeProgress(progressTasks(replay()), at('2026-11-16T08:00:00'));
    expect(p.overdue).toBe(3);
  });

  it('approvals carry the approval instant and the submitted evidence', () => {
    const m = replay().get('1.1')!;
    expect(m).toEqual({
      v: 2,
      value: 'done',
      context: { ownerUnitId: 'VP', evidence: 'Văn bản số 101/STP-VP ngày 10/01/2026', completedAt: '2026-01-12T09:00:00+07:00' },
    });
  });
});
