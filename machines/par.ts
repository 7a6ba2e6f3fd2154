import { and, setup, type SnapshotFrom } from 'xstate';
import type { Actor, Role } from './roles';

/**
 * The PAR Index self-assessment (Chỉ số CCHC, PRODUCT.md): one index per year and agency, scored
 * leaf by leaf by the units, submitted by the leader, appraised by the Sở Nội vụ and recorded by the
 * Văn phòng. The lifecycle is this machine; what may be done to one criterion in each state is the
 * second table. Both tables are read by the guards and by `parDecision.ts`, and nothing outside this
 * file restates them, so the server (to accept) and the page (to offer) ask the same code.
 *
 * Facts held elsewhere (how many leaves are still unscored or unappraised) come in with the event.
 */

export const PAR_STATES = ['draft', 'scoring', 'submitted', 'appraised'] as const;
export type ParState = (typeof PAR_STATES)[number];

export const PAR_EVENT_TYPES = ['START_SCORING', 'SUBMIT', 'RECORD_APPRAISAL_DONE', 'REOPEN'] as const;
export type ParEventType = (typeof PAR_EVENT_TYPES)[number];

export interface ParEventRule {
  roles: readonly Role[];
  needs?: 'reason';
}

export const PAR_EVENT_RULES: Record<ParEventType, ParEventRule> = {
  // The structure freezes here: from now on only scores change.
  START_SCORING: { roles: ['coordinator'] },
  // The leader signs the self-assessment off to the Sở Nội vụ once every leaf has a score.
  SUBMIT: { roles: ['leader'] },
  // The appraisal council's scores are all recorded.
  RECORD_APPRAISAL_DONE: { roles: ['coordinator'] },
  REOPEN: { roles: ['leader'], needs: 'reason' },
};

/** What may be done to one criterion; `states` is where the index must be. */
export const PAR_CRITERION_ACTIONS = ['EDIT', 'SCORE', 'APPRAISE', 'CREATE_TASK'] as const;
export type ParCriterionAction = (typeof PAR_CRITERION_ACTIONS)[number];

export interface ParCriterionRule {
  /** Roles that may; `leafUnitHead` is the head of the unit the leaf is assigned to. */
  who: readonly (Role | 'leafUnitHead')[];
  states: readonly ParState[];
  /** Leaves only (a parent's points are its children's). */
  leafOnly?: boolean;
}

export const PAR_CRITERION_RULES: Record<ParCriterionAction, ParCriterionRule> = {
  EDIT: { who: ['coordinator', 'leader'], states: ['draft'] },
  SCORE: { who: ['leafUnitHead', 'coordinator'], states: ['scoring'], leafOnly: true },
  APPRAISE: { who: ['coordinator'], states: ['submitted'], leafOnly: true },
  // "rà soát các nội dung chỉ số có điểm chưa cao để chỉ đạo khắc phục ngay": once there are scores.
  CREATE_TASK: { who: ['coordinator', 'leader'], states: ['scoring', 'submitted', 'appraised'], leafOnly: true },
};

/** May this actor ever take this action on a leaf assigned to `leafUnitId`, in some state? */
export function mayEverOnCriterion(actor: Actor, action: ParCriterionAction, leafUnitId: string | undefined): boolean {
  return PAR_CRITERION_RULES[action].who.some((who) =>
    who === 'leafUnitHead'
      ? actor.role === 'unitHead' && actor.unitId !== null && actor.unitId === leafUnitId
      : who === actor.role,
  );
}

export function mayEverSendPar(actor: Actor, type: ParEventType): boolean {
  return PAR_EVENT_RULES[type].roles.includes(actor.role);
}

export interface ParContext {
  /** Leaves without a self score (typed or computed) when the event was decided. */
  unscored: number;
  unappraised: number;
}

export interface ParEvent {
  type: ParEventType;
  actor: Actor;
  at: string;
  reason?: string;
  /** Facts from the index's tree, counted by the decider. */
  unscored: number;
  unappraised: number;
}

export const PAR_MACHINE_VERSION = 1;

export const parMachine = setup({
  types: { context: {} as Record<string, never>, events: {} as ParEvent },
  guards: {
    permitted: ({ event }) => mayEverSendPar(event.actor, event.type) && (PAR_EVENT_RULES[event.type].needs !== 'reason' || !!event.reason?.trim()),
    everyLeafScored: ({ event }) => event.unscored === 0,
    everyLeafAppraised: ({ event }) => event.unappraised === 0,
  },
}).createMachine({
  id: 'par',
  initial: 'draft',
  context: {},
  states: {
    draft: { on: { START_SCORING: { target: 'scoring', guard: 'permitted' } } },
    scoring: {
      on: { SUBMIT: { target: 'submitted', guard: and(['permitted', 'everyLeafScored']) } },
    },
    submitted: {
      on: {
        RECORD_APPRAISAL_DONE: { target: 'appraised', guard: and(['permitted', 'everyLeafAppraised']) },
        REOPEN: { target: 'scoring', guard: 'permitted' },
      },
    },
    appraised: { on: { REOPEN: { target: 'scoring', guard: 'permitted' } } },
  },
});

export type ParSnapshot = SnapshotFrom<typeof parMachine>;
