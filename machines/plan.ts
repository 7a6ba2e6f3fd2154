import { assign, setup, type SnapshotFrom } from 'xstate';
import { pureTransition } from './pureTransition';
import type { Actor, Role } from './roles';

/** Plan lifecycle: draft → issued (decision, by a leader) → closed (year end; freezes results). */

export const PLAN_STATES = ['draft', 'issued', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATES)[number];

export const PLAN_EVENT_TYPES = ['ISSUE', 'CLOSE', 'ADD_TASK', 'CHANGE_DEADLINE', 'CHANGE_SETTINGS'] as const;
export type PlanEventType = (typeof PLAN_EVENT_TYPES)[number];

export interface Decision {
  no: string;
  date: string;
}

export interface PlanContext {
  decision?: Decision;
}

export interface PlanEvent {
  type: PlanEventType;
  actor: Actor;
  at: string;
  decisionNo?: string;
  decisionDate?: string;
  reason?: string;
}

/** Roles that may ever send each event; amendments of an issued plan are the leader's alone. */
export const PLAN_EVENT_ROLES: Record<PlanEventType, readonly Role[]> = {
  ISSUE: ['leader'],
  CLOSE: ['leader'],
  ADD_TASK: ['coordinator', 'leader'],
  CHANGE_DEADLINE: ['coordinator', 'leader'],
  // How figures are shown (e.g. the percent rule) is office practice, not an amendment of the plan.
  CHANGE_SETTINGS: ['coordinator', 'leader'],
};

const has = (value: string | undefined) => Boolean(value?.trim());
const role = (event: PlanEvent) => PLAN_EVENT_ROLES[event.type].includes(event.actor.role);

export const PLAN_MACHINE_VERSION = 1;

export const planMachine = setup({
  types: { context: {} as PlanContext, events: {} as PlanEvent },
  guards: {
    permitted: ({ event }) => role(event),
    canIssue: ({ event }) => role(event) && has(event.decisionNo) && has(event.decisionDate),
    leaderAmends: ({ event }) => event.actor.role === 'leader',
    leaderAmendsWithReason: ({ event }) => event.actor.role === 'leader' && has(event.reason),
  },
  actions: {
    recordDecision: assign({
      decision: ({ event }) => ({ no: event.decisionNo!.trim(), date: event.decisionDate!.trim() }),
    }),
  },
}).createMachine({
  id: 'plan',
  initial: 'draft',
  context: {},
  states: {
    draft: {
      on: {
        ISSUE: { target: 'issued', guard: 'canIssue', actions: 'recordDecision' },
        // Amendments keep the plan's status. They name their own state as target: XState's can()
        // treats a transition with neither target nor actions as forbidden, which refused them all.
        ADD_TASK: { target: 'draft', guard: 'permitted' },
        CHANGE_DEADLINE: { target: 'draft', guard: 'permitted' },
        CHANGE_SETTINGS: { target: 'draft', guard: 'permitted' },
      },
    },
    issued: {
      on: {
        CLOSE: { target: 'closed', guard: 'permitted' },
        ADD_TASK: { target: 'issued', guard: 'leaderAmends' },
        CHANGE_DEADLINE: { target: 'issued', guard: 'leaderAmendsWithReason' },
        CHANGE_SETTINGS: { target: 'issued', guard: 'permitted' },
      },
    },
    closed: { type: 'final' },
  },
});

export type PlanSnapshot = SnapshotFrom<typeof planMachine>;

export interface PersistedPlanMachine {
  v: number;
  value: PlanStatus;
  context: PlanContext;
}

export type PlanDecision =
  | { ok: true; next: PersistedPlanMachine }
  | { ok: false; code: 'forbidden' }
  | { ok: false; code: 'transition_not_allowed'; allowed: PlanEventType[] };

export function newPlanMachine(): PersistedPlanMachine {
  return { v: PLAN_MACHINE_VERSION, value: 'draft', context: {} };
}

function restorePlan(persisted: PersistedPlanMachine): PlanSnapshot {
  return planMachine.resolveState({ value: persisted.value, context: persisted.context });
}

export function allowedPlanEvents(persisted: PersistedPlanMachine, actor: Actor): PlanEventType[] {
  const snapshot = restorePlan(persisted);
  return PLAN_EVENT_TYPES.filter((type) =>
    snapshot.can({ type, actor, at: '', decisionNo: '·', decisionDate: '·', reason: '·' }),
  );
}

export function decidePlanEvent(persisted: PersistedPlanMachine, event: PlanEvent): PlanDecision {
  if (!role(event)) return { ok: false, code: 'forbidden' };
  const snapshot = restorePlan(persisted);
  if (!snapshot.can(event)) {
    return { ok: false, code: 'transition_not_allowed', allowed: allowedPlanEvents(persisted, event.actor) };
  }
  const next = pureTransition(planMachine, snapshot, event);
  return { ok: true, next: { v: PLAN_MACHINE_VERSION, value: next.value as PlanStatus, context: next.context } };
}
