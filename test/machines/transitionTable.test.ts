import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { pureTransition } from '../../machines/pureTransition';
import { TASK_EVENT_TYPES, TASK_MACHINE_VERSION, TASK_STATES, taskMachine, type TaskContext, type TaskEvent } from '../../machines/task';
import { restoreTask } from '../../machines/taskDecision';
import { compileTransitions } from '../../machines/transitionTable';
import { actor, coordinator, headOf, inspector, leader, viewer } from './actors';

const table = compileTransitions<TaskContext, TaskEvent>(taskMachine);

/*
 * The oracle is xstate itself: every state × event × actor × input × context the task machine can
 * meet, decided by the compiled table and by xstate's transition(), must give the same next state
 * and context, key for key (an assignment to undefined included).
 */
const actors = { leader, coordinator, owner: headOf('HCTP'), otherHead: headOf('XDKT'), noUnit: actor('unitHead', null), inspector, viewer };
const inputs: Array<Partial<TaskEvent>> = [
  { evidence: ' Văn bản số 128/STP-HCTP ', reason: 'Theo chỉ đạo' },
  { evidence: '', reason: '' },
  { evidence: '   ', reason: 'Bổ sung' },
  { fileCount: 2 },
  {},
];
const contexts: TaskContext[] = [
  { ownerUnitId: 'HCTP' },
  { ownerUnitId: 'HCTP', evidence: 'Báo cáo số 3/BC', completedAt: '2026-03-01T08:00:00+07:00' },
];
const grid = TASK_STATES.flatMap((value) =>
  TASK_EVENT_TYPES.flatMap((type) =>
    Object.entries(actors).flatMap(([who, by]) =>
      inputs.flatMap((input, i) => contexts.map((context, c) => ({ value, type, who, by, input, i, context, c }))),
    ),
  ),
);

describe('compileTransitions(taskMachine) decides exactly as xstate does', () => {
  it.each(grid)('$value + $type by $who, input $i, context $c', ({ value, type, by, input, context }) => {
    const event: TaskEvent = { type, actor: by, at: '2026-05-04T10:15:00+07:00', ...input };
    const snapshot = restoreTask({ v: TASK_MACHINE_VERSION, value, context });
    const viaXstate = snapshot.can(event) ? pureTransition(taskMachine, snapshot, event) : undefined;
    const viaTable = table.next(value, context, event);
    expect(table.can(value, context, event)).toBe(snapshot.can(event));
    if (!viaXstate) return expect(viaTable).toBeUndefined();
    expect(viaTable?.value).toBe(viaXstate.value);
    expect(viaTable?.context).toStrictEqual(viaXstate.context);
  });

  it('never changes the context it was given', () => {
    const context: TaskContext = { ownerUnitId: 'HCTP', completedAt: '2026-03-01T08:00:00+07:00' };
    const next = table.next('done', context, { type: 'REOPEN', actor: leader, at: 'x', reason: 'Mở lại' });
    expect(next).toEqual({ value: 'inProgress', context: { ownerUnitId: 'HCTP', completedAt: undefined } });
    expect(context.completedAt).toBe('2026-03-01T08:00:00+07:00');
  });
});

describe('compileTransitions refuses what it would not reproduce', () => {
  const base = setup({ types: { context: {} as { n: number }, events: {} as { type: 'GO' } }, actions: { log: () => {} } });
  const cases = {
    'nested states': base.createMachine({ context: { n: 0 }, initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } }),
    'entry actions': base.createMachine({ context: { n: 0 }, initial: 'a', states: { a: { entry: 'log' } } }),
    'delayed transitions': base.createMachine({ context: { n: 0 }, initial: 'a', states: { a: { after: { 10: 'b' } }, b: {} } }),
    'an action other than assign': base.createMachine({ context: { n: 0 }, initial: 'a', states: { a: { on: { GO: { target: 'b', actions: 'log' } } }, b: {} } }),
    'a target outside the flat states': base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { on: { GO: '#m.b' } }, b: {} } }),
  };
  it.each(Object.entries(cases))('%s', (_, machine) => {
    expect(() => compileTransitions(machine)).toThrow(/not supported/);
  });

  it('takes inline assign actions and guarded alternatives in order', () => {
    const machine = setup({ types: { context: {} as { n: number }, events: {} as { type: 'GO'; by: number } } }).createMachine({
      context: { n: 0 },
      initial: 'a',
      states: {
        a: {
          on: {
            GO: [
              { target: 'big', guard: ({ event }) => event.by > 10, actions: assign({ n: ({ context, event }) => context.n + event.by }) },
              { target: 'a', actions: assign(({ context }) => ({ n: context.n + 1 })) },
            ],
          },
        },
        big: {},
      },
    });
    const t = compileTransitions<{ n: number }, { type: 'GO'; by: number }>(machine);
    expect(t.next('a', { n: 1 }, { type: 'GO', by: 20 })).toEqual({ value: 'big', context: { n: 21 } });
    expect(t.next('a', { n: 1 }, { type: 'GO', by: 2 })).toEqual({ value: 'a', context: { n: 2 } });
    expect(t.next('big', { n: 1 }, { type: 'GO', by: 2 })).toBeUndefined();
  });
});
