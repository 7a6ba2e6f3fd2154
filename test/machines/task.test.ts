import { describe, expect, it } from 'vitest';
import { createActor, transition } from 'xstate';
import {
  TASK_EVENT_RULES,
  TASK_EVENT_TYPES,
  TASK_MACHINE_VERSION,
  TASK_STATES,
  eventsTouching,
  mayEverSend,
  missingInput,
  taskMachine,
  type TaskContext,
  type TaskEvent,
  type TaskEventType,
  type TaskState,
} from '../../machines/task';
import type { Actor } from '../../machines/roles';
import { actor, coordinator, headOf, inspector, leader, viewer } from './actors';

const AT = '2026-05-04T10:15:00+07:00';

function snapshotAt(value: TaskState, context: Partial<TaskContext> = {}) {
  return taskMachine.resolveState({ value, context: { ownerUnitId: 'HCTP', ...context } });
}

function ev(type: TaskEventType, by: Actor, extra: Partial<TaskEvent> = {}): TaskEvent {
  return { type, actor: by, at: AT, evidence: 'Văn bản số 1/STP-HCTP', reason: 'Lý do', ...extra };
}

describe('task machine definition', () => {
  it('has the five states and six events of PRODUCT.md', () => {
    expect([...TASK_STATES]).toEqual(['notStarted', 'inProgress', 'inReview', 'done', 'cancelled']);
    expect([...TASK_EVENT_TYPES]).toEqual(['START', 'SUBMIT', 'APPROVE', 'RETURN', 'REOPEN', 'CANCEL']);
    expect(TASK_MACHINE_VERSION).toBe(2);
  });

  it('starts in notStarted with the owning unit from input', () => {
    const a = createActor(taskMachine, { input: { ownerUnitId: 'HCTP' } }).start();
    expect(a.getSnapshot().value).toBe('notStarted');
    expect(a.getSnapshot().context).toEqual({ ownerUnitId: 'HCTP' });
    a.stop();
  });

  it('the rule table matches the product table (roles and needed input)', () => {
    expect(TASK_EVENT_RULES).toEqual({
      START: { roles: ['unitHead', 'coordinator'] },
      SUBMIT: { roles: ['unitHead'], needs: 'evidence', orFiles: true },
      APPROVE: { roles: ['coordinator', 'leader'] },
      RETURN: { roles: ['coordinator', 'leader'], needs: 'reason' },
      REOPEN: { roles: ['leader'], needs: 'reason' },
      CANCEL: { roles: ['leader'], needs: 'reason' },
    });
  });
});

describe('mayEverSend', () => {
  it('lets a unit head act only on their own unit’s tasks', () => {
    expect(mayEverSend(headOf('HCTP'), 'HCTP', 'START')).toBe(true);
    expect(mayEverSend(headOf('HCTP'), 'HCTP', 'SUBMIT')).toBe(true);
    expect(mayEverSend(headOf('XDKT'), 'HCTP', 'START')).toBe(false);
    expect(mayEverSend(headOf('XDKT'), 'HCTP', 'SUBMIT')).toBe(false);
    expect(mayEverSend(actor('unitHead', null), 'HCTP', 'START')).toBe(false);
    expect(mayEverSend(headOf('HCTP'), 'HCTP', 'APPROVE')).toBe(false);
  });

  it('does not tie coordinators and leaders to a unit', () => {
    expect(mayEverSend(coordinator, 'HCTP', 'START')).toBe(true);
    expect(mayEverSend(coordinator, 'HCTP', 'APPROVE')).toBe(true);
    expect(mayEverSend(coordinator, 'HCTP', 'SUBMIT')).toBe(false);
    expect(mayEverSend(coordinator, 'HCTP', 'CANCEL')).toBe(false);
    expect(mayEverSend(leader, 'HCTP', 'REOPEN')).toBe(true);
    expect(mayEverSend(leader, 'HCTP', 'START')).toBe(false);
  });

  it('never lets an inspector or a viewer move a task', () => {
    for (const type of TASK_EVENT_TYPES) {
      expect(mayEverSend(inspector, 'TTR', type)).toBe(false);
      expect(mayEverSend(viewer, 'HCTP', type)).toBe(false);
    }
  });
});

describe('missingInput', () => {
  it('names the field a move needs when it is absent, empty or blank', () => {
    for (const value of [undefined, '', '   ', '\n\t']) {
      expect(missingInput({ type: 'SUBMIT', evidence: value })).toBe('evidence');
      expect(missingInput({ type: 'RETURN', reason: value })).toBe('reason');
      expect(missingInput({ type: 'REOPEN', reason: value })).toBe('reason');
      expect(missingInput({ type: 'CANCEL', reason: value })).toBe('reason');
    }
  });

  it('is satisfied by the right field only', () => {
    expect(missingInput({ type: 'SUBMIT', evidence: 'QĐ 12' })).toBeUndefined();
    expect(missingInput({ type: 'SUBMIT', reason: 'QĐ 12' })).toBe('evidence');
    expect(missingInput({ type: 'CANCEL', evidence: 'x' })).toBe('reason');
    expect(missingInput({ type: 'START' })).toBeUndefined();
    expect(missingInput({ type: 'APPROVE' })).toBeUndefined();
  });

  it('takes files in place of SUBMIT\'s evidence text, and for no other move', () => {
    expect(missingInput({ type: 'SUBMIT', fileCount: 1 })).toBeUndefined();
    expect(missingInput({ type: 'SUBMIT', evidence: '  ', fileCount: 2 })).toBeUndefined();
    expect(missingInput({ type: 'SUBMIT', fileCount: 0 })).toBe('evidence');
    expect(missingInput({ type: 'RETURN', fileCount: 1 })).toBe('reason');
  });
});

describe('task machine transitions (guards run inside the machine)', () => {
  const owner = headOf('HCTP');
  const accepted: Array<[TaskState, TaskEventType, Actor, string, TaskState]> = [
    ['notStarted', 'START', owner, 'owning unit head', 'inProgress'],
    ['notStarted', 'START', coordinator, 'coordinator', 'inProgress'],
    ['notStarted', 'CANCEL', leader, 'leader', 'cancelled'],
    ['inProgress', 'SUBMIT', owner, 'owning unit head', 'inReview'],
    ['inProgress', 'CANCEL', leader, 'leader', 'cancelled'],
    ['inReview', 'APPROVE', coordinator, 'coordinator', 'done'],
    ['inReview', 'APPROVE', leader, 'leader', 'done'],
    ['inReview', 'RETURN', coordinator, 'coordinator', 'inProgress'],
    ['inReview', 'RETURN', leader, 'leader', 'inProgress'],
    ['inReview', 'CANCEL', leader, 'leader', 'cancelled'],
    ['done', 'REOPEN', leader, 'leader', 'inProgress'],
  ];
  it.each(accepted.map(([from, type, by, who, to]) => ({ from, type, by, who, to })))(
    '$from --$type by $who--> $to',
    ({ from, type, by, to }) => {
      const [next] = transition(taskMachine, snapshotAt(from), ev(type, by));
      expect(next.value).toBe(to);
    },
  );

  const refused: Array<[TaskState, TaskEvent, string]> = [
    ['notStarted', ev('START', headOf('XDKT')), 'head of another unit'],
    ['notStarted', ev('START', leader), 'leader may not start'],
    ['inProgress', ev('SUBMIT', coordinator), 'coordinator may not submit'],
    ['inProgress', ev('SUBMIT', owner, { evidence: '  ' }), 'blank evidence'],
    ['inReview', ev('APPROVE', owner), 'unit head may not approve own result'],
    ['inReview', ev('RETURN', leader, { reason: undefined }), 'missing reason'],
    ['inReview', ev('CANCEL', coordinator), 'coordinator may not cancel'],
    ['done', ev('REOPEN', coordinator), 'coordinator may not reopen'],
    ['done', ev('CANCEL', leader), 'done cannot be cancelled'],
    ['notStarted', ev('APPROVE', leader), 'approve before submit'],
    ['inProgress', ev('REOPEN', leader), 'reopen of an open task'],
    ['cancelled', ev('REOPEN', leader), 'cancelled is final'],
    ['cancelled', ev('START', owner), 'cancelled is final'],
  ];
  it.each(refused.map(([from, event, why]) => ({ from, event, why, type: event.type })))(
    '$from: $type refused ($why)',
    ({ from, event }) => {
      const before = snapshotAt(from);
      expect(before.can(event)).toBe(false);
      const [next] = transition(taskMachine, before, event);
      expect(next.value).toBe(from);
      expect(next.context).toEqual(before.context);
    },
  );

  it('cancelled is a final state', () => {
    expect(snapshotAt('cancelled').status).toBe('done');
    const a = createActor(taskMachine, { input: { ownerUnitId: 'HCTP' } }).start();
    a.send(ev('CANCEL', leader));
    expect(a.getSnapshot().value).toBe('cancelled');
    expect(a.getSnapshot().status).toBe('done');
  });
});

describe('task context', () => {
  const owner = headOf('HCTP');

  it('SUBMIT records the evidence trimmed', () => {
    const [next] = transition(
      taskMachine,
      snapshotAt('inProgress'),
      ev('SUBMIT', owner, { evidence: '  Văn bản số 128/STP-HCTP ngày 25/06/2026 \n' }),
    );
    expect(next.context.evidence).toBe('Văn bản số 128/STP-HCTP ngày 25/06/2026');
    expect(next.context.ownerUnitId).toBe('HCTP');
  });

  it('APPROVE records completedAt = the event’s at, and keeps the evidence', () => {
    const [next] = transition(
      taskMachine,
      snapshotAt('inReview', { evidence: 'QĐ 7' }),
      ev('APPROVE', coordinator, { at: '2026-03-31T23:30:00+07:00' }),
    );
    expect(next.context.completedAt).toBe('2026-03-31T23:30:00+07:00');
    expect(next.context.evidence).toBe('QĐ 7');
  });

  it('REOPEN clears completedAt', () => {
    const [next] = transition(
      taskMachine,
      snapshotAt('done', { completedAt: '2026-01-12T09:00:00+07:00', evidence: 'QĐ 7' }),
      ev('REOPEN', leader),
    );
    expect(next.value).toBe('inProgress');
    expect(next.context.completedAt).toBeUndefined();
  });

  it('a whole cycle through the actor: start, submit, return, resubmit, approve, reopen', () => {
    const a = createActor(taskMachine, { input: { ownerUnitId: 'HCTP' } }).start();
    a.send(ev('START', owner));
    a.send(ev('SUBMIT', owner, { evidence: 'bản 1' }));
    a.send(ev('RETURN', coordinator, { reason: 'Thiếu phụ lục' }));
    expect(a.getSnapshot().value).toBe('inProgress');
    a.send(ev('SUBMIT', owner, { evidence: ' bản 2 ' }));
    a.send(ev('APPROVE', leader, { at: '2026-06-01T08:00:00+07:00' }));
    expect(a.getSnapshot().value).toBe('done');
    expect(a.getSnapshot().context).toEqual({
      ownerUnitId: 'HCTP',
      evidence: 'bản 2',
      completedAt: '2026-06-01T08:00:00+07:00',
    });
    a.send(ev('REOPEN', leader));
    expect(a.getSnapshot().value).toBe('inProgress');
    expect(a.getSnapshot().context.completedAt).toBeUndefined();
    a.stop();
  });
});

describe('eventsTouching (what a history reader opens for moves into or out of a state)', () => {
  it('is read from the machine: every event whose transition leaves or enters the state', () => {
    expect(eventsTouching('done')).toEqual(['APPROVE', 'REOPEN']);
    expect(eventsTouching('notStarted')).toEqual(['START', 'CANCEL']);
    expect(eventsTouching('cancelled')).toEqual(['CANCEL']);
  });
});
