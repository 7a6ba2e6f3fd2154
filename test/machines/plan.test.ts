import { describe, expect, it } from 'vitest';
import {
  PLAN_EVENT_TYPES,
  PLAN_STATES,
  PLAN_MACHINE_VERSION,
  allowedPlanEvents,
  decidePlanEvent,
  newPlanMachine,
  type PersistedPlanMachine,
  type PlanEvent,
  type PlanEventType,
  type PlanStatus,
} from '../../machines/plan';
import type { Actor } from '../../machines/roles';
import { actor, coordinator, headOf, inspector, leader, viewer } from './actors';
import { expectOracle } from './oracle';

const AT = '2026-01-10T08:00:00+07:00';
const DECISION = { no: '15/KH-STP', date: '2026-01-10' };

function plan(value: PlanStatus): PersistedPlanMachine {
  return { v: PLAN_MACHINE_VERSION, value, context: value === 'draft' ? {} : { decision: DECISION } };
}

function ev(type: PlanEventType, by: Actor, extra: Partial<PlanEvent> = {}): PlanEvent {
  return { type, actor: by, at: AT, ...extra };
}

const issue = (by: Actor, extra: Partial<PlanEvent> = {}) =>
  ev('ISSUE', by, { decisionNo: DECISION.no, decisionDate: DECISION.date, ...extra });

describe('plan lifecycle', () => {
  it('a new plan is a draft without a decision', () => {
    expect(newPlanMachine()).toEqual({ v: PLAN_MACHINE_VERSION, value: 'draft', context: {} });
  });

  it('ISSUE by a leader records the decision (trimmed) and issues the plan', () => {
    const d = decidePlanEvent(newPlanMachine(), issue(leader, { decisionNo: ' 15/KH-STP ', decisionDate: '2026-01-10 ' }));
    expect(d).toEqual({ ok: true, next: { v: PLAN_MACHINE_VERSION, value: 'issued', context: { decision: DECISION } } });
  });

  // decidePlanEvent has no bad_request: a missing input comes back as transition_not_allowed with
  // the event still listed as allowed (the form asks for it); the server's engine turns that into
  // bad_request itself (server/engine/engine.ts, missingPlanInput).
  it('ISSUE needs the decision number and date; without them the plan stays a draft', () => {
    const refused = { ok: false, code: 'transition_not_allowed', allowed: ['ISSUE', 'ADD_TASK', 'CHANGE_DEADLINE', 'CHANGE_SETTINGS'] };
    expect(decidePlanEvent(newPlanMachine(), issue(leader, { decisionNo: undefined }))).toEqual(refused);
    expect(decidePlanEvent(newPlanMachine(), issue(leader, { decisionNo: '   ' }))).toEqual(refused);
    expect(decidePlanEvent(newPlanMachine(), issue(leader, { decisionDate: '' }))).toEqual(refused);
    expect(decidePlanEvent(newPlanMachine(), ev('ISSUE', leader))).toEqual(refused);
  });

  it('ISSUE is the leader’s alone', () => {
    for (const who of [coordinator, headOf('VP'), inspector, viewer]) {
      expect(decidePlanEvent(newPlanMachine(), issue(who))).toEqual({ ok: false, code: 'forbidden' });
    }
  });

  it('ISSUE of an issued or closed plan → transition_not_allowed', () => {
    expect(decidePlanEvent(plan('issued'), issue(leader))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      allowed: ['CLOSE', 'ADD_TASK', 'CHANGE_DEADLINE', 'CHANGE_SETTINGS'],
    });
    expect(decidePlanEvent(plan('closed'), issue(leader))).toEqual({ ok: false, code: 'transition_not_allowed', allowed: [] });
  });

  it('CLOSE: a leader closes an issued plan, keeping its decision', () => {
    expect(decidePlanEvent(plan('issued'), ev('CLOSE', leader))).toEqual({
      ok: true,
      next: { v: PLAN_MACHINE_VERSION, value: 'closed', context: { decision: DECISION } },
    });
    expect(decidePlanEvent(plan('issued'), ev('CLOSE', coordinator))).toEqual({ ok: false, code: 'forbidden' });
    expect(decidePlanEvent(plan('draft'), ev('CLOSE', leader))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      allowed: ['ISSUE', 'ADD_TASK', 'CHANGE_DEADLINE', 'CHANGE_SETTINGS'],
    });
  });
});

describe('amendments', () => {
  it('in draft, a coordinator or a leader adds tasks and changes deadlines (no reason needed)', () => {
    for (const who of [coordinator, leader]) {
      for (const type of ['ADD_TASK', 'CHANGE_DEADLINE'] as const) {
        expect(decidePlanEvent(plan('draft'), ev(type, who))).toEqual({ ok: true, next: plan('draft') });
      }
    }
  });

  it('in draft, nobody else may', () => {
    for (const who of [headOf('HCTP'), inspector, viewer]) {
      for (const type of ['ADD_TASK', 'CHANGE_DEADLINE'] as const) {
        expect(decidePlanEvent(plan('draft'), ev(type, who))).toEqual({ ok: false, code: 'forbidden' });
      }
    }
  });

  it('in an issued plan, only a leader adds a task', () => {
    expect(decidePlanEvent(plan('issued'), ev('ADD_TASK', leader))).toEqual({ ok: true, next: plan('issued') });
    expect(decidePlanEvent(plan('issued'), ev('ADD_TASK', coordinator))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      allowed: ['CHANGE_SETTINGS'],
    });
  });

  it('in an issued plan, only a leader changes a deadline, and only with a reason', () => {
    expect(decidePlanEvent(plan('issued'), ev('CHANGE_DEADLINE', leader, { reason: 'Điều chỉnh theo văn bản 77' }))).toEqual({
      ok: true,
      next: plan('issued'),
    });
    const noReason = { ok: false, code: 'transition_not_allowed', allowed: ['CLOSE', 'ADD_TASK', 'CHANGE_DEADLINE', 'CHANGE_SETTINGS'] };
    expect(decidePlanEvent(plan('issued'), ev('CHANGE_DEADLINE', leader))).toEqual(noReason);
    expect(decidePlanEvent(plan('issued'), ev('CHANGE_DEADLINE', leader, { reason: '  ' }))).toEqual(noReason);
    expect(decidePlanEvent(plan('issued'), ev('CHANGE_DEADLINE', coordinator, { reason: 'x' }))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      allowed: ['CHANGE_SETTINGS'],
    });
  });

  it('a closed plan refuses everything', () => {
    for (const type of PLAN_EVENT_TYPES) {
      const d = decidePlanEvent(plan('closed'), ev(type, leader, { decisionNo: '1', decisionDate: '2026-12-31', reason: 'x' }));
      expect(d).toEqual({ ok: false, code: 'transition_not_allowed', allowed: [] });
    }
    expect(decidePlanEvent(plan('closed'), ev('ADD_TASK', coordinator))).toEqual({
      ok: false,
      code: 'transition_not_allowed',
      allowed: [],
    });
    expect(decidePlanEvent(plan('closed'), ev('ADD_TASK', viewer))).toEqual({ ok: false, code: 'forbidden' });
  });
});

describe('allowedPlanEvents', () => {
  it.each([
    ['draft', 'leader', leader, ['ISSUE', 'ADD_TASK', 'CHANGE_DEADLINE', 'CHANGE_SETTINGS']],
    ['draft', 'coordinator', coordinator, ['ADD_TASK', 'CHANGE_DEADLINE', 'CHANGE_SETTINGS']],
    ['draft', 'unit head', headOf('VP'), []],
    ['draft', 'viewer', viewer, []],
    ['issued', 'leader', leader, ['CLOSE', 'ADD_TASK', 'CHANGE_DEADLINE', 'CHANGE_SETTINGS']],
    ['issued', 'coordinator', coordinator, ['CHANGE_SETTINGS']],
    ['issued', 'inspector', inspector, []],
    ['closed', 'leader', leader, []],
    ['closed', 'coordinator', coordinator, []],
  ] as Array<[PlanStatus, string, Actor, PlanEventType[]]>)('%s, %s', (state, _who, by, allowed) => {
    expect(allowedPlanEvents(plan(state), by)).toEqual(allowed);
  });
});

/*
 * The oracle: PRODUCT.md's plan lifecycle ("draft → issued (decision number and date, by a leader)
 * → closed (year end, by a leader); while issued, a leader may amend it … change a deadline with a
 * reason") and API.md's plan events, written out again here independently of machines/plan.ts.
 */
const MOVES: Record<PlanStatus, Partial<Record<PlanEventType, PlanStatus>>> = {
  draft: { ISSUE: 'issued', ADD_TASK: 'draft', CHANGE_DEADLINE: 'draft', CHANGE_SETTINGS: 'draft' },
  issued: { CLOSE: 'closed', ADD_TASK: 'issued', CHANGE_DEADLINE: 'issued', CHANGE_SETTINGS: 'issued' },
  closed: {},
};

/** Amendments of an issued plan: the leader's alone (the coordinator drafts, but does not amend). */
const LEADER_ALONE_WHEN_ISSUED: readonly PlanEventType[] = ['ADD_TASK', 'CHANGE_DEADLINE'];

/** The input an event needs in a state, beyond the actor. */
const NEEDS: Record<PlanStatus, Partial<Record<PlanEventType, Array<'decisionNo' | 'decisionDate' | 'reason'>>>> = {
  draft: { ISSUE: ['decisionNo', 'decisionDate'] },
  issued: { CHANGE_DEADLINE: ['reason'] },
  closed: {},
};

const CAST: Record<string, { actor: Actor; may: PlanEventType[] }> = {
  leader: { actor: leader, may: ['ISSUE', 'CLOSE', 'ADD_TASK', 'CHANGE_DEADLINE', 'CHANGE_SETTINGS'] },
  coordinator: { actor: coordinator, may: ['ADD_TASK', 'CHANGE_DEADLINE', 'CHANGE_SETTINGS'] },
  'unit head': { actor: headOf('VP'), may: [] },
  'unit head without a unit': { actor: actor('unitHead', null), may: [] },
  inspector: { actor: inspector, may: [] },
  viewer: { actor: viewer, may: [] },
};
const WHO = Object.keys(CAST);

/** May `who` send `type` to a plan in `state` now, inputs supplied? */
const mayNow = (state: PlanStatus, type: PlanEventType, who: string) =>
  CAST[who].may.includes(type) &&
  MOVES[state][type] !== undefined &&
  !(state === 'issued' && LEADER_ALONE_WHEN_ISSUED.includes(type) && who !== 'leader');

const expectedAllowed = (state: PlanStatus, who: string): PlanEventType[] =>
  PLAN_EVENT_TYPES.filter((type) => mayNow(state, type, who));

const INPUTS = { decisionNo: ' 77/QĐ-STP ', decisionDate: '2026-03-01', reason: 'Điều chỉnh theo văn bản 77' };

describe('decidePlanEvent: every state × event × actor against the product table', () => {
  const grid = PLAN_STATES.flatMap((state) => PLAN_EVENT_TYPES.flatMap((type) => WHO.map((who) => ({ state, type, who }))));

  it.each(grid)('$state + $type by $who, inputs supplied', ({ state, type, who }) => {
    const next = expectOracle(decidePlanEvent(plan(state), ev(type, CAST[who].actor, INPUTS)), {
      mayEver: CAST[who].may.includes(type),
      to: mayNow(state, type, who) ? MOVES[state][type] : undefined,
      allowed: expectedAllowed(state, who),
      version: PLAN_MACHINE_VERSION,
    });
    // Only ISSUE records a decision (trimmed); every other accepted event keeps the one it had.
    if (next) expect(next.context).toEqual(type === 'ISSUE' ? { decision: { no: '77/QĐ-STP', date: '2026-03-01' } } : plan(state).context);
  });

  it.each(grid)('$state + $type by $who, inputs missing', ({ state, type, who }) => {
    const needsInput = (NEEDS[state][type] ?? []).length > 0;
    expectOracle(decidePlanEvent(plan(state), ev(type, CAST[who].actor)), {
      mayEver: CAST[who].may.includes(type),
      // A missing input is refused as not allowed now, the event still listed (the form asks for it).
      to: mayNow(state, type, who) && !needsInput ? MOVES[state][type] : undefined,
      allowed: expectedAllowed(state, who),
      version: PLAN_MACHINE_VERSION,
    });
  });
});

describe('allowedPlanEvents: every state × actor against the product table', () => {
  const cells = PLAN_STATES.flatMap((state) => WHO.map((who) => ({ state, who })));
  it.each(cells)('$state, $who', ({ state, who }) => {
    expect(allowedPlanEvents(plan(state), CAST[who].actor)).toEqual(expectedAllowed(state, who));
  });
});
