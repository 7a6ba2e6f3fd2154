import { describe, expect, it } from 'vitest';
import {
  allowedTaskEvents,
  decideTaskEvent,
  newTaskMachine,
  persistTask,
  restoreTask,
} from '../../machines/taskDecision';
import {
  TASK_EVENT_TYPES,
  TASK_MACHINE_VERSION,
  TASK_STATES,
  type PersistedTaskMachine,
  type TaskEvent,
  type TaskEventType,
  type TaskState,
} from '../../machines/task';
import type { Actor } from '../../machines/roles';
import { actor, coordinator, headOf, inspector, leader, viewer } from './actors';
import { expectOracle } from './oracle';

const AT = '2026-05-04T10:15:00+07:00';
const OWNER = 'HCTP';

function task(value: TaskState, context: Partial<PersistedTaskMachine['context']> = {}): PersistedTaskMachine {
  return { v: TASK_MACHINE_VERSION, value, context: { ownerUnitId: OWNER, ...context } };
}

function ev(type: TaskEventType, by: Actor, extra: Partial<TaskEvent> = {}): TaskEvent {
  return { type, actor: by, at: AT, evidence: 'Văn bản số 128/STP-HCTP', reason: 'Theo chỉ đạo', ...extra };
}

/*
 * The oracle: PRODUCT.md's task table written out again here, independently of machines/task.ts.
 */
const MOVES: Record<TaskState, Partial<Record<TaskEventType, TaskState>>> = {
  notStarted: { START: 'inProgress', CANCEL: 'cancelled' },
  inProgress: { SUBMIT: 'inReview', CANCEL: 'cancelled' },
  inReview: { APPROVE: 'done', RETURN: 'inProgress', CANCEL: 'cancelled' },
  done: { REOPEN: 'inProgress' },
  cancelled: {},
};

const CAST: Record<string, { actor: Actor; may: TaskEventType[] }> = {
  leader: { actor: leader, may: ['APPROVE', 'RETURN', 'REOPEN', 'CANCEL'] },
  coordinator: { actor: coordinator, may: ['START', 'APPROVE', 'RETURN'] },
  'owning unit head': { actor: headOf(OWNER), may: ['START', 'SUBMIT'] },
  'head of another unit': { actor: headOf('XDKT'), may: [] },
  'unit head without a unit': { actor: actor('unitHead', null), may: [] },
  inspector: { actor: inspector, may: [] },
  viewer: { actor: viewer, may: [] },
};

const expectedAllowed = (state: TaskState, who: string): TaskEventType[] =>
  TASK_EVENT_TYPES.filter((t) => CAST[who].may.includes(t) && MOVES[state][t] !== undefined);

const grid = TASK_STATES.flatMap((state) =>
  TASK_EVENT_TYPES.flatMap((type) => Object.keys(CAST).map((who) => ({ state, type, who }))),
);

describe('decideTaskEvent: every state × event × actor against the product table', () => {
  it.each(grid)('$state + $type by $who', ({ state, type, who }) => {
    const next = expectOracle(decideTaskEvent(task(state), ev(type, CAST[who].actor)), {
      mayEver: CAST[who].may.includes(type),
      to: MOVES[state][type],
      allowed: expectedAllowed(state, who),
      version: TASK_MACHINE_VERSION,
    });
    if (next) expect(next.context.ownerUnitId).toBe(OWNER);
  });
});

describe('allowedTaskEvents: every state × actor', () => {
  const cells = TASK_STATES.flatMap((state) => Object.keys(CAST).map((who) => ({ state, who })));
  it.each(cells)('$state, $who', ({ state, who }) => {
    expect(allowedTaskEvents(task(state), CAST[who].actor)).toEqual(expectedAllowed(state, who));
  });

  it('spells out the cases the board relies on', () => {
    expect(allowedTaskEvents(task('notStarted'), headOf('HCTP'))).toEqual(['START']);
    expect(allowedTaskEvents(task('notStarted'), headOf('XDKT'))).toEqual([]);
    expect(allowedTaskEvents(task('notStarted'), coordinator)).toEqual(['START']);
    expect(allowedTaskEvents(task('notStarted'), leader)).toEqual(['CANCEL']);
    expect(allowedTaskEvents(task('inProgress'), headOf('HCTP'))).toEqual(['SUBMIT']);
    expect(allowedTaskEvents(task('inReview'), leader)).toEqual(['APPROVE', 'RETURN', 'CANCEL']);
    expect(allowedTaskEvents(task('inReview'), coordinator)).toEqual(['APPROVE', 'RETURN']);
    expect(allowedTaskEvents(task('inReview'), headOf('HCTP'))).toEqual([]);
    expect(allowedTaskEvents(task('done'), leader)).toEqual(['REOPEN']);
    expect(allowedTaskEvents(task('done'), coordinator)).toEqual([]);
    expect(allowedTaskEvents(task('cancelled'), leader)).toEqual([]);
    for (const state of TASK_STATES) {
      expect(allowedTaskEvents(task(state), viewer)).toEqual([]);
      expect(allowedTaskEvents(task(state), inspector)).toEqual([]);
    }
  });
});

describe('decideTaskEvent refusals', () => {
  it('wrong role → forbidden', () => {
    expect(decideTaskEvent(task('inReview'), ev('APPROVE', headOf('HCTP')))).toEqual({ ok: false, code: 'forbidden' });
    expect(decideTaskEvent(task('inProgress'), ev('SUBMIT', coordinator))).toEqual({ ok: false, code: 'forbidden' });
    expect(decideTaskEvent(task('done'), ev('REOPEN', coordinator))).toEqual({ ok: false, code: 'forbidden' });
    expect(decideTaskEvent(task('notStarted'), ev('START', viewer))).toEqual({ ok: false, code: 'forbidden' });
    expect(decideTaskEvent(task('inReview'), ev('APPROVE', inspector))).toEqual({ ok: false, code: 'forbidden' });
  });

  it('unit head of another unit → forbidden, even for moves their role has', () => {
    expect(decideTaskEvent(task('notStarted'), ev('START', headOf('XDKT')))).toEqual({ ok: false, code: 'forbidden' });
    expect(decideTaskEvent(task('inProgress'), ev('SUBMIT', headOf('VP')))).toEqual({ ok: false, code: 'forbidden' });
  });

  it('missing or blank input → bad_request naming the field', () => {
    const owner = headOf(OWNER);
    for (const blank of [undefined, '', '   ']) {
      expect(decideTaskEvent(task('inProgress'), ev('SUBMIT', owner, { evidence: blank }))).toEqual({
        ok: false,
        code: 'bad_request',
        field: 'evidence',
      });
      expect(decideTaskEvent(task('inReview'), ev('RETURN', coordinator, { reason: blank }))).toEqual({
        ok: false,
        code: 'bad_request',
        field: 'reason',
      });
      expect(decideTaskEvent(task('done'), ev('REOPEN', leader, { reason: blank }))).toEqual({
        ok: false,
        code: 'bad_request',
        field: 'reason',
      });
      expect(decideTaskEvent(task('notStarted'), ev('CANCEL', leader, { reason: blank }))).toEqual({
        ok: false,
        code: 'bad_request',
        field: 'reason',
      });
    }
  });

  it('a reason does not stand in for evidence', () => {
    expect(
      decideTaskEvent(task('inProgress'), ev('SUBMIT', headOf(OWNER), { evidence: undefined, reason: 'x' })),
    ).toEqual({ ok: false, code: 'bad_request', field: 'evidence' });
  });

  it('forbidden is decided before missing input', () => {
    expect(decideTaskEvent(task('inProgress'), ev('SUBMIT', headOf('XDKT'), { evidence: '' }))).toEqual({
      ok: false,
      code: 'forbidden',
    });
    expect(decideTaskEvent(task('done'), ev('REOPEN', coordinator, { reason: '' }))).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });

  it('right role, wrong state → transition_not_allowed with what the actor may do now', () => {
    expect(decideTaskEvent(task('notStarted'), ev('APPROVE', leader))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      allowed: ['CANCEL'],
    });
    expect(decideTaskEvent(task('notStarted'), ev('APPROVE', coordinator))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      allowed: ['START'],
    });
    expect(decideTaskEvent(task('inProgress'), ev('REOPEN', leader))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      allowed: ['CANCEL'],
    });
    expect(decideTaskEvent(task('done'), ev('CANCEL', leader))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      allowed: ['REOPEN'],
    });
    expect(decideTaskEvent(task('inReview'), ev('START', headOf(OWNER)))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      allowed: [],
    });
    expect(decideTaskEvent(task('inReview'), ev('SUBMIT', headOf(OWNER)))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      allowed: [],
    });
  });

  it('nothing moves a cancelled task', () => {
    for (const type of TASK_EVENT_TYPES) {
      for (const who of [leader, coordinator, headOf(OWNER)]) {
        const d = decideTaskEvent(task('cancelled'), ev(type, who));
        expect(d.ok).toBe(false);
        if (!d.ok) expect(['forbidden', 'transition_not_allowed']).toContain(d.code);
        if (!d.ok && d.code === 'transition_not_allowed') expect(d.allowed).toEqual([]);
      }
    }
  });

  it('a refusal leaves the stored snapshot untouched', () => {
    const stored = task('done', { completedAt: '2026-01-12T09:00:00+07:00', evidence: 'QĐ 1' });
    const copy = structuredClone(stored);
    decideTaskEvent(stored, ev('CANCEL', leader));
    decideTaskEvent(stored, ev('REOPEN', leader, { reason: ' ' }));
    expect(stored).toEqual(copy);
  });
});

describe('decideTaskEvent context effects', () => {
  it('SUBMIT records trimmed evidence', () => {
    const d = decideTaskEvent(task('inProgress'), ev('SUBMIT', headOf(OWNER), { evidence: '\t Văn bản số 9/STP-HCTP  ' }));
    expect(d).toEqual({
      ok: true,
      next: { v: TASK_MACHINE_VERSION, value: 'inReview', context: { ownerUnitId: OWNER, evidence: 'Văn bản số 9/STP-HCTP' } },
    });
  });

  it('APPROVE records completedAt = the event’s at', () => {
    const d = decideTaskEvent(task('inReview', { evidence: 'QĐ 9' }), ev('APPROVE', coordinator, { at: '2026-04-01T00:30:00+07:00' }));
    expect(d.ok && d.next).toEqual({
      v: TASK_MACHINE_VERSION,
      value: 'done',
      context: { ownerUnitId: OWNER, evidence: 'QĐ 9', completedAt: '2026-04-01T00:30:00+07:00' },
    });
  });

  it('REOPEN clears completedAt (also after a JSON round trip, as stored)', () => {
    const d = decideTaskEvent(task('done', { completedAt: '2026-01-12T09:00:00+07:00' }), ev('REOPEN', leader));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.next.value).toBe('inProgress');
    expect(d.next.context.completedAt).toBeUndefined();
    expect(JSON.parse(JSON.stringify(d.next))).toEqual({ v: TASK_MACHINE_VERSION, value: 'inProgress', context: { ownerUnitId: OWNER } });
  });

  it('a full cycle through stored snapshots', () => {
    let stored = newTaskMachine(OWNER);
    expect(stored).toEqual({ v: TASK_MACHINE_VERSION, value: 'notStarted', context: { ownerUnitId: OWNER } });
    const steps: Array<[TaskEvent, TaskState]> = [
      [ev('START', headOf(OWNER)), 'inProgress'],
      [ev('SUBMIT', headOf(OWNER), { evidence: 'bản 1' }), 'inReview'],
      [ev('RETURN', leader, { reason: 'Bổ sung' }), 'inProgress'],
      [ev('SUBMIT', headOf(OWNER), { evidence: 'bản 2' }), 'inReview'],
      [ev('APPROVE', coordinator, { at: '2026-06-27T09:00:00+07:00' }), 'done'],
    ];
    for (const [event, to] of steps) {
      const d = decideTaskEvent(JSON.parse(JSON.stringify(stored)), event);
      if (!d.ok) throw new Error(`refused ${event.type}: ${JSON.stringify(d)}`);
      expect(d.next.value).toBe(to);
      stored = d.next;
    }
    expect(stored.context).toEqual({ ownerUnitId: OWNER, evidence: 'bản 2', completedAt: '2026-06-27T09:00:00+07:00' });
  });
});

describe('restoreTask / persistTask', () => {
  it('round-trip every state', () => {
    for (const state of TASK_STATES) {
      const stored = task(state, state === 'done' ? { completedAt: AT, evidence: 'e' } : {});
      const snapshot = restoreTask(stored);
      expect(snapshot.value).toBe(state);
      expect(persistTask(snapshot)).toEqual(stored);
    }
  });
});
