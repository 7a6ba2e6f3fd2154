import { pureTransition } from './pureTransition';
import type { Actor } from './roles';
import {
  PAR_CRITERION_ACTIONS,
  PAR_CRITERION_RULES,
  PAR_EVENT_RULES,
  PAR_EVENT_TYPES,
  mayEverOnCriterion,
  mayEverSendPar,
  parMachine,
  type ParCriterionAction,
  type ParEvent,
  type ParEventType,
  type ParState,
} from './par';
import type { ParMethod } from './parTree';

/**
 * Runs the PAR machine and the criterion table over stored data. Pure: the server (to accept) and
 * the page (to offer buttons) get the same answer from the same call.
 */

/** Why a refused step is refused in a way the person can act on (the server words the message). */
export type ParBlocker = 'unscored' | 'unappraised' | 'computed' | 'notALeaf' | 'atMaximum';

export type ParRefusal<E extends string> =
  | { code: 'forbidden' }
  | { code: 'bad_request'; field: 'reason' }
  | { code: 'transition_not_allowed'; allowed: E[]; blockedBy?: ParBlocker };

export type ParDecision = { ok: true; next: ParState } | ({ ok: false } & ParRefusal<ParEventType>);
export type ParCriterionDecision = { ok: true } | ({ ok: false } & ParRefusal<ParCriterionAction>);

/** The counts the lifecycle's guards read, taken from the index's tree. */
export interface ParFacts {
  unscored: number;
  unappraised: number;
}

const PLACEHOLDER = '·';
const CLEAR: ParFacts = { unscored: 0, unappraised: 0 };

function can(state: ParState, event: ParEvent): boolean {
  return parMachine.resolveState({ value: state, context: {} }).can(event);
}

/** Lifecycle events this actor may send now; one that needs a reason counts (the form asks for it). */
export function allowedParEvents(state: ParState, actor: Actor, facts: ParFacts): ParEventType[] {
  return PAR_EVENT_TYPES.filter(
    (type) => mayEverSendPar(actor, type) && can(state, { type, actor, at: '', reason: PLACEHOLDER, unscored: facts.unscored, unappraised: facts.unappraised }),
  );
}

export function decideParEvent(state: ParState, event: ParEvent): ParDecision {
  if (!mayEverSendPar(event.actor, event.type)) return { ok: false, code: 'forbidden' };
  if (PAR_EVENT_RULES[event.type].needs === 'reason' && !event.reason?.trim()) return { ok: false, code: 'bad_request', field: 'reason' };
  if (can(state, event)) {
    const snapshot = parMachine.resolveState({ value: state, context: {} });
    return { ok: true, next: pureTransition(parMachine, snapshot, event).value as ParState };
  }
  const allowed = allowedParEvents(state, event.actor, { unscored: event.unscored, unappraised: event.unappraised });
  // Allowed in this state were every leaf scored (or appraised): say which fact holds it back.
  if (can(state, { ...event, ...CLEAR })) {
    return { ok: false, code: 'transition_not_allowed', allowed, blockedBy: event.unscored > 0 ? 'unscored' : 'unappraised' };
  }
  return { ok: false, code: 'transition_not_allowed', allowed };
}

/** What the criterion rules need to know of one node. */
export interface CriterionFacts {
  unitId?: string;
  isLeaf: boolean;
  method: ParMethod;
  /** The leaf's points fall short of its maximum (self score, or the appraised one once recorded). */
  belowMaximum: boolean;
}

function blockerOf(action: ParCriterionAction, node: CriterionFacts): ParBlocker | undefined {
  if (PAR_CRITERION_RULES[action].leafOnly && !node.isLeaf) return 'notALeaf';
  // A computed leaf is scored by the server from its data and bands, never typed.
  if (action === 'SCORE' && node.method !== 'manual') return 'computed';
  if (action === 'CREATE_TASK' && !node.belowMaximum) return 'atMaximum';
  return undefined;
}

/** Criterion actions this actor may take on this node now. */
export function allowedCriterionActions(state: ParState, actor: Actor, node: CriterionFacts): ParCriterionAction[] {
  return PAR_CRITERION_ACTIONS.filter(
    (action) =>
      mayEverOnCriterion(actor, action, node.unitId) &&
      PAR_CRITERION_RULES[action].states.includes(state) &&
      blockerOf(action, node) === undefined,
  );
}

export function decideCriterion(state: ParState, action: ParCriterionAction, actor: Actor, node: CriterionFacts): ParCriterionDecision {
  if (!mayEverOnCriterion(actor, action, node.unitId)) return { ok: false, code: 'forbidden' };
  const allowed = allowedCriterionActions(state, actor, node);
  if (!PAR_CRITERION_RULES[action].states.includes(state)) return { ok: false, code: 'transition_not_allowed', allowed };
  const blockedBy = blockerOf(action, node);
  if (blockedBy) return { ok: false, code: 'transition_not_allowed', allowed, blockedBy };
  return { ok: true };
}
