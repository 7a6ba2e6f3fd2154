import { pureTransition } from './pureTransition';
import type { Actor } from './roles';
import {
  CREATE_INSPECTION_ROLES,
  FINDING_EVENT_RULES,
  FINDING_EVENT_TYPES,
  FINDING_WORK_STATE,
  INSPECTION_EVENT_RULES,
  INSPECTION_EVENT_TYPES,
  INSPECTION_MACHINE_VERSION,
  findingInputProblem,
  findingMachine,
  inspectionInputProblem,
  inspectionMachine,
  mayEverSendTo,
  type Conclusion,
  type FindingEvent,
  type FindingEventType,
  type FindingInput,
  type FindingSnapshot,
  type InspectionEvent,
  type InspectionEventType,
  type InspectionEventRule,
  type InspectionInputField,
  type InspectionParties,
  type InspectionSnapshot,
  type PersistedFindingMachine,
  type PersistedInspectionMachine,
} from './inspection';

/**
 * Runs the inspection and finding machines over stored data. Pure: the server (to accept) and the
 * screens (to offer forms) get the same answer from the same call.
 */

/** Why a refused event is refused in a way the person can act on (the server words the message). */
export type InspectionBlocker = 'findingsNotVerified' | 'taskNotDone' | 'inspectionNotConcluded';

/** Why an event is refused, in the API's vocabulary (API.md, Errors). */
export type InspectionRefusal<E extends string, F extends string = InspectionInputField> =
  | { code: 'forbidden' }
  | { code: 'bad_request'; field: F }
  | { code: 'transition_not_allowed'; allowed: E[]; blockedBy?: InspectionBlocker };

export type InspectionDecisionOf<N, E extends string, F extends string = InspectionInputField> =
  | { ok: true; next: N }
  | ({ ok: false } & InspectionRefusal<E, F>);

export type InspectionDecision = InspectionDecisionOf<PersistedInspectionMachine, InspectionEventType>;
export type FindingDecision = InspectionDecisionOf<PersistedFindingMachine, FindingEventType>;
/** RECORD_FINDING: the inspection is unchanged; `next` is the new finding. */
export type RecordFindingDecision = InspectionDecisionOf<PersistedFindingMachine, InspectionEventType>;
export type CreateInspectionDecision = InspectionDecisionOf<PersistedInspectionMachine, never, 'teamUserIds' | 'leadUserId'>;

/** CreateInspectionBody as the machine needs it. */
export interface NewInspection {
  planId: string;
  title: string;
  decisionNo?: string;
  targetUnitId: string;
  scheduledOn: string;
  teamUserIds: readonly string[];
  leadUserId: string;
}

/** Facts from other streams that decide whether an inspection event is allowed now. */
export interface InspectionFacts {
  unverifiedFindings: number;
}

/** Facts from other streams that decide whether a finding event is allowed now. */
export interface FindingFacts {
  /** The finding's remediation task is done (true when it has none). */
  taskDone: boolean;
}

export function restoreInspection(persisted: PersistedInspectionMachine): InspectionSnapshot {
  return inspectionMachine.resolveState({ value: persisted.value, context: persisted.context });
}

export function persistInspection(snapshot: InspectionSnapshot): PersistedInspectionMachine {
  return {
    v: INSPECTION_MACHINE_VERSION,
    value: snapshot.value as PersistedInspectionMachine['value'],
    context: snapshot.context,
  };
}

export function restoreFinding(persisted: PersistedFindingMachine): FindingSnapshot {
  return findingMachine.resolveState({ value: persisted.value, context: persisted.context });
}

export function persistFinding(snapshot: FindingSnapshot): PersistedFindingMachine {
  return { v: INSPECTION_MACHINE_VERSION, value: snapshot.value as PersistedFindingMachine['value'], context: snapshot.context };
}

const text = (value: string | undefined) => value?.trim() || undefined;

/** Only the fields that are set: stored snapshots stay free of `undefined` keys. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Coordinator or leader plans an inspection; the lead is one of the team. */
export function decideCreateInspection(actor: Actor, input: NewInspection): CreateInspectionDecision {
  if (!CREATE_INSPECTION_ROLES.includes(actor.role)) return { ok: false, code: 'forbidden' };
  const teamUserIds = [...new Set(input.teamUserIds.map((id) => id.trim()).filter(Boolean))];
  if (!teamUserIds.length) return { ok: false, code: 'bad_request', field: 'teamUserIds' };
  if (!teamUserIds.includes(input.leadUserId.trim())) return { ok: false, code: 'bad_request', field: 'leadUserId' };
  return {
    ok: true,
    next: {
      v: INSPECTION_MACHINE_VERSION,
      value: 'planned',
      context: compact({
        planId: input.planId,
        title: input.title.trim(),
        decisionNo: text(input.decisionNo),
        targetUnitId: input.targetUnitId,
        scheduledOn: input.scheduledOn,
        teamUserIds,
        leadUserId: input.leadUserId.trim(),
      }),
    },
  };
}

const PLACEHOLDER = '·';
const PLACEHOLDER_AT = '2000-01-01T00:00:00Z';
const PLACEHOLDER_CONCLUSION: Conclusion = { strengths: PLACEHOLDER, shortcomings: PLACEHOLDER, recommendations: PLACEHOLDER };
const PLACEHOLDER_FINDING = { areaId: PLACEHOLDER, description: PLACEHOLDER, recommendation: PLACEHOLDER };

/** The candidates this actor may ever send, kept when the machine would take them now. */
function allowedOf<E extends InspectionEventType | FindingEventType>(
  types: readonly E[],
  rules: Record<E, InspectionEventRule>,
  parties: InspectionParties,
  actor: Actor,
  canNow: () => (type: E) => boolean,
): E[] {
  // The party check is cheap and rules out most events before the machine is consulted.
  const candidates = types.filter((type) => mayEverSendTo(actor, parties, rules[type]));
  return candidates.length ? candidates.filter(canNow()) : [];
}

/**
 * Events this actor may send now; a step that needs input counts as allowed (the form asks for it).
 * Includes RECORD_FINDING when the actor may record a finding now.
 */
export function allowedInspectionEvents(
  persisted: PersistedInspectionMachine,
  actor: Actor,
  facts: InspectionFacts,
): InspectionEventType[] {
  return allowedOf(INSPECTION_EVENT_TYPES, INSPECTION_EVENT_RULES, persisted.context, actor, () => {
    const snapshot = restoreInspection(persisted);
    return (type) =>
      snapshot.can({
        type,
        actor,
        at: PLACEHOLDER_AT,
        unverifiedFindings: facts.unverifiedFindings,
        report: PLACEHOLDER,
        conclusion: PLACEHOLDER_CONCLUSION,
        reason: PLACEHOLDER,
        finding: PLACEHOLDER_FINDING,
      });
  });
}

/** Forbidden, then missing input, then the state: the order the API reports refusals in. */
function refuseInspectionEvent(
  persisted: PersistedInspectionMachine,
  event: InspectionEvent,
): { snapshot: InspectionSnapshot } | ({ ok: false } & InspectionRefusal<InspectionEventType>) {
  if (!mayEverSendTo(event.actor, persisted.context, INSPECTION_EVENT_RULES[event.type])) return { ok: false, code: 'forbidden' };
  const field = inspectionInputProblem(event);
  if (field) return { ok: false, code: 'bad_request', field };
  const snapshot = restoreInspection(persisted);
  if (snapshot.can(event)) return { snapshot };
  const allowed = allowedInspectionEvents(persisted, event.actor, event);
  const blocked = event.type === 'CLOSE' && snapshot.can({ ...event, unverifiedFindings: 0 });
  return blocked
    ? { ok: false, code: 'transition_not_allowed', allowed, blockedBy: 'findingsNotVerified' }
    : { ok: false, code: 'transition_not_allowed', allowed };
}

export function decideInspectionEvent(persisted: PersistedInspectionMachine, event: InspectionEvent): InspectionDecision {
  const checked = refuseInspectionEvent(persisted, event);
  if (!('snapshot' in checked)) return checked;
  const next = pureTransition(inspectionMachine, checked.snapshot, event);
  return { ok: true, next: persistInspection(next) };
}

/** A team member records a finding, only during fieldwork. The engine gives it an id (and its task's). */
export function decideRecordFinding(
  persisted: PersistedInspectionMachine,
  event: Omit<InspectionEvent, 'type'>,
): RecordFindingDecision {
  const checked = refuseInspectionEvent(persisted, { ...event, type: 'RECORD_FINDING' });
  if (!('snapshot' in checked)) return checked;
  const f = event.finding as FindingInput;
  return {
    ok: true,
    next: {
      v: INSPECTION_MACHINE_VERSION,
      value: 'open',
      context: compact({
        areaId: f.areaId.trim(),
        description: f.description.trim(),
        cause: text(f.cause),
        recommendation: f.recommendation.trim(),
        deadline: text(f.deadline),
        taskId: text(f.taskId),
      }),
    },
  };
}

function scope(inspection: PersistedInspectionMachine) {
  const { targetUnitId, teamUserIds, leadUserId } = inspection.context;
  return { state: inspection.value, targetUnitId, teamUserIds, leadUserId };
}

export function allowedFindingEvents(
  finding: PersistedFindingMachine,
  inspection: PersistedInspectionMachine,
  actor: Actor,
  facts: FindingFacts,
): FindingEventType[] {
  return allowedOf(FINDING_EVENT_TYPES, FINDING_EVENT_RULES, inspection.context, actor, () => {
    const snapshot = restoreFinding(finding);
    const inspectionScope = scope(inspection);
    return (type) =>
      snapshot.can({
        type,
        actor,
        at: PLACEHOLDER_AT,
        taskDone: facts.taskDone,
        evidence: PLACEHOLDER,
        reason: PLACEHOLDER,
        inspection: inspectionScope,
      });
  });
}

export function decideFindingEvent(
  finding: PersistedFindingMachine,
  inspection: PersistedInspectionMachine,
  event: FindingEvent,
): FindingDecision {
  if (!mayEverSendTo(event.actor, inspection.context, FINDING_EVENT_RULES[event.type])) return { ok: false, code: 'forbidden' };
  const field = findingInputProblem(event);
  if (field) return { ok: false, code: 'bad_request', field };
  const snapshot = restoreFinding(finding);
  const machineEvent = { ...event, inspection: scope(inspection) };
  if (!snapshot.can(machineEvent)) {
    const allowed = allowedFindingEvents(finding, inspection, event.actor, event);
    const wouldIf = (change: Partial<typeof machineEvent>) => snapshot.can({ ...machineEvent, ...change });
    if (inspection.value !== FINDING_WORK_STATE && wouldIf({ inspection: { ...machineEvent.inspection, state: FINDING_WORK_STATE } })) {
      return { ok: false, code: 'transition_not_allowed', allowed, blockedBy: 'inspectionNotConcluded' };
    }
    if (!event.taskDone && wouldIf({ taskDone: true })) {
      return { ok: false, code: 'transition_not_allowed', allowed, blockedBy: 'taskNotDone' };
    }
    return { ok: false, code: 'transition_not_allowed', allowed };
  }
  const next = pureTransition(findingMachine, snapshot, machineEvent);
  return { ok: true, next: persistFinding(next) };
}
