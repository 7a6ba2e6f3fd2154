import { assign, setup, type SnapshotFrom } from 'xstate';
import { addDays, isIsoDate, localDate } from './dates';
import type { Actor, Role } from './roles';

/**
 * The inspection cycle (PRODUCT.md, The inspection cycle) and its findings: two machines in one
 * definition. The guards read the rule tables below and nothing outside this file restates them,
 * so the server (to accept) and the screens (to offer forms) ask the same code.
 *
 * Facts that live in other streams come in with the event, never from a clock or a lookup: CLOSE
 * carries how many findings are not verified, a finding event carries whether its task is done and
 * (added by inspectionDecision.ts) the inspection it belongs to.
 */

export const INSPECTION_STATES = [
  'planned',
  'notified',
  'selfReported',
  'fieldwork',
  'concluded',
  'closed',
  'cancelled',
] as const;
export type InspectionState = (typeof INSPECTION_STATES)[number];

/** States in which an inspection can still move (and be cancelled). */
export const OPEN_INSPECTION_STATES: readonly InspectionState[] = INSPECTION_STATES.filter(
  (s) => s !== 'closed' && s !== 'cancelled',
);

/**
 * RECORD_FINDING is an inspection event so that its rule (team member, during fieldwork) sits with
 * the others and shows in `allowedEvents`; it has its own route (POST …/findings) and leaves the
 * inspection's state as it is.
 */
export const INSPECTION_EVENT_TYPES = [
  'NOTIFY',
  'SUBMIT_SELF_REPORT',
  'START_FIELDWORK',
  'RECORD_FINDING',
  'CONCLUDE',
  'CLOSE',
  'CANCEL',
] as const;
export type InspectionEventType = (typeof INSPECTION_EVENT_TYPES)[number];

/** The types POST /api/inspections/:id/events accepts. */
export const INSPECTION_LIFECYCLE_EVENT_TYPES = [
  'NOTIFY',
  'SUBMIT_SELF_REPORT',
  'START_FIELDWORK',
  'CONCLUDE',
  'CLOSE',
  'CANCEL',
] as const satisfies readonly InspectionEventType[];
export type InspectionLifecycleEventType = (typeof INSPECTION_LIFECYCLE_EVENT_TYPES)[number];

export const FINDING_STATES = ['open', 'remediated', 'verified'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

export const FINDING_EVENT_TYPES = ['REPORT_REMEDIATION', 'VERIFY', 'REJECT'] as const;
export type FindingEventType = (typeof FINDING_EVENT_TYPES)[number];

/**
 * Who someone is to one inspection: two roles, or a relation to this inspection that any role may
 * hold (the reference team is the coordinator as lead with an inspector).
 */
export type InspectionParty = 'coordinator' | 'leader' | 'inspectedUnitHead' | 'teamMember' | 'teamLead';

/** Input a step needs from the person taking it. */
export type InspectionInputField =
  | 'report'
  | 'conclusion'
  | 'remediationDeadline'
  | 'reason'
  | 'areaId'
  | 'description'
  | 'recommendation'
  | 'evidence';

export interface InspectionEventRule {
  who: readonly InspectionParty[];
  needs?: readonly InspectionInputField[];
}

export const INSPECTION_EVENT_RULES: Record<InspectionEventType, InspectionEventRule> = {
  NOTIFY: { who: ['coordinator', 'leader'] },
  SUBMIT_SELF_REPORT: { who: ['inspectedUnitHead'], needs: ['report'] },
  START_FIELDWORK: { who: ['teamMember'] },
  RECORD_FINDING: { who: ['teamMember'], needs: ['areaId', 'description', 'recommendation'] },
  CONCLUDE: { who: ['teamLead'], needs: ['conclusion'] },
  CLOSE: { who: ['teamLead'] },
  CANCEL: { who: ['coordinator', 'leader'], needs: ['reason'] },
};

export const FINDING_EVENT_RULES: Record<FindingEventType, InspectionEventRule> = {
  REPORT_REMEDIATION: { who: ['inspectedUnitHead'], needs: ['evidence'] },
  VERIFY: { who: ['teamMember'] },
  REJECT: { who: ['teamMember'], needs: ['reason'] },
};

/** Roles that may create (plan) an inspection. */
export const CREATE_INSPECTION_ROLES: readonly Role[] = ['coordinator', 'leader'];

/** Findings are remediated and verified only after the conclusion and before closing. */
export const FINDING_WORK_STATE: InspectionState = 'concluded';

/** Provincial rules: remediation within 15 calendar days of the conclusion unless it says otherwise. */
export const DEFAULT_REMEDIATION_DAYS = 15;

export const CONCLUSION_PARTS = ['strengths', 'shortcomings', 'recommendations'] as const;
export type Conclusion = Record<(typeof CONCLUSION_PARTS)[number], string>;

/** What decides who someone is to an inspection. */
export interface InspectionParties {
  targetUnitId: string;
  teamUserIds: readonly string[];
  leadUserId: string;
}

export interface InspectionContext extends InspectionParties {
  planId: string;
  title: string;
  decisionNo?: string;
  scheduledOn: string;
  teamUserIds: string[];
  selfReport?: string;
  conclusion?: Conclusion;
  /** Agency-local date of the conclusion. */
  concludedOn?: string;
  remediationDeadline?: string;
  cancelReason?: string;
}

/** A finding as recorded (FindingBody without `createTask`), plus the task made from it, if any. */
export interface FindingInput {
  areaId: string;
  description: string;
  cause?: string;
  recommendation: string;
  deadline?: string;
  taskId?: string;
}

export interface FindingContext extends FindingInput {
  /** The latest remediation evidence reported. */
  evidence?: string;
  /** Why the latest remediation was rejected; cleared by the next report. */
  rejectReason?: string;
}

/** What callers send; `at` is the instant the server accepted it (the machines read no clock). */
export interface InspectionEvent {
  type: InspectionEventType;
  actor: Actor;
  at: string;
  /** How many of the inspection's findings are not verified now; CLOSE needs 0. */
  unverifiedFindings: number;
  report?: string;
  conclusion?: Partial<Conclusion>;
  remediationDeadline?: string;
  reason?: string;
  comment?: string;
  /** RECORD_FINDING */
  finding?: Partial<FindingInput>;
}

export interface FindingEvent {
  type: FindingEventType;
  actor: Actor;
  at: string;
  /** Whether the finding's remediation task is done (true when it has none); VERIFY needs it. */
  taskDone: boolean;
  evidence?: string;
  reason?: string;
  comment?: string;
}

/** What a finding's guards read of its inspection. */
export interface FindingScope extends InspectionParties {
  state: InspectionState;
}

/** The event the finding machine runs on: the caller's event plus its inspection as it stands. */
export type FindingMachineEvent = FindingEvent & { inspection: FindingScope };

export function isParty(actor: Actor, inspection: InspectionParties, party: InspectionParty): boolean {
  switch (party) {
    case 'coordinator':
    case 'leader':
      return actor.role === party;
    case 'inspectedUnitHead':
      return actor.role === 'unitHead' && actor.unitId === inspection.targetUnitId;
    case 'teamMember':
      return inspection.teamUserIds.includes(actor.id);
    case 'teamLead':
      return actor.id === inspection.leadUserId && inspection.teamUserIds.includes(actor.id);
  }
}

/** May this actor ever send an event with this rule to this inspection (or its findings), in any state? */
export function mayEverSendTo(actor: Actor, inspection: InspectionParties, rule: InspectionEventRule): boolean {
  return rule.who.some((party) => isParty(actor, inspection, party));
}

const blank = (value: string | undefined) => !value?.trim();

function lacks(event: InspectionEvent | FindingEvent, field: InspectionInputField): boolean {
  const e = event as Partial<Omit<InspectionEvent, 'type'> & Omit<FindingEvent, 'type'>>;
  switch (field) {
    case 'conclusion':
      return CONCLUSION_PARTS.some((part) => blank(e.conclusion?.[part]));
    case 'areaId':
    case 'description':
    case 'recommendation':
      return blank(e.finding?.[field]);
    case 'report':
    case 'reason':
    case 'evidence':
    case 'remediationDeadline':
      return blank(e[field]);
  }
}

/** The first input this inspection event lacks or has wrong, if any. */
export function inspectionInputProblem(event: InspectionEvent): InspectionInputField | undefined {
  const missing = INSPECTION_EVENT_RULES[event.type].needs?.find((field) => lacks(event, field));
  if (missing) return missing;
  // A deadline before the conclusion itself cannot be met; the notice would contradict itself.
  const deadline = event.remediationDeadline;
  if (event.type === 'CONCLUDE' && deadline !== undefined) {
    if (!isIsoDate(deadline) || deadline < localDate(event.at)) return 'remediationDeadline';
  }
  return undefined;
}

export function findingInputProblem(event: FindingEvent): InspectionInputField | undefined {
  return FINDING_EVENT_RULES[event.type].needs?.find((field) => lacks(event, field));
}

const trimmed = (value: string | undefined) => value?.trim() || undefined;

/** The remediation deadline a conclusion sets: the one given, else 15 days after the conclusion date. */
export function remediationDeadlineFor(at: string, given?: string): { concludedOn: string; remediationDeadline: string } {
  const concludedOn = localDate(at);
  return { concludedOn, remediationDeadline: given ?? addDays(concludedOn, DEFAULT_REMEDIATION_DAYS) };
}

export const INSPECTION_MACHINE_VERSION = 1;

const inspectionPermitted = (context: InspectionContext, event: InspectionEvent) =>
  mayEverSendTo(event.actor, context, INSPECTION_EVENT_RULES[event.type]) && inspectionInputProblem(event) === undefined;

/** From every open state (listed in each, so the final states plainly have none). */
const CANCEL = { target: 'cancelled', guard: 'permitted', actions: 'recordCancel' } as const;

export const inspectionMachine = setup({
  types: {
    context: {} as InspectionContext,
    events: {} as InspectionEvent,
    input: {} as InspectionContext,
  },
  guards: {
    permitted: ({ context, event }) => inspectionPermitted(context, event),
    permittedAndAllVerified: ({ context, event }) => inspectionPermitted(context, event) && event.unverifiedFindings === 0,
  },
  actions: {
    recordSelfReport: assign({ selfReport: ({ event }) => trimmed(event.report) }),
    recordConclusion: assign(({ event }) => ({
      conclusion: {
        strengths: event.conclusion!.strengths!.trim(),
        shortcomings: event.conclusion!.shortcomings!.trim(),
        recommendations: event.conclusion!.recommendations!.trim(),
      },
      ...remediationDeadlineFor(event.at, event.remediationDeadline),
    })),
    recordCancel: assign({ cancelReason: ({ event }) => trimmed(event.reason) }),
  },
}).createMachine({
  id: 'inspection',
  initial: 'planned',
  context: ({ input }) => input,
  states: {
    planned: {
      on: { NOTIFY: { target: 'notified', guard: 'permitted' }, CANCEL },
    },
    notified: {
      on: { SUBMIT_SELF_REPORT: { target: 'selfReported', guard: 'permitted', actions: 'recordSelfReport' }, CANCEL },
    },
    selfReported: {
      on: { START_FIELDWORK: { target: 'fieldwork', guard: 'permitted' }, CANCEL },
    },
    fieldwork: {
      on: {
        CANCEL,
        // Keeps the state; named as target because XState's can() refuses a transition with
        // neither target nor actions.
        RECORD_FINDING: { target: 'fieldwork', guard: 'permitted' },
        CONCLUDE: { target: 'concluded', guard: 'permitted', actions: 'recordConclusion' },
      },
    },
    concluded: {
      on: {
        CLOSE: { target: 'closed', guard: 'permittedAndAllVerified' },
        CANCEL,
      },
    },
    closed: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

export type InspectionSnapshot = SnapshotFrom<typeof inspectionMachine>;

const findingPermitted = (event: FindingMachineEvent) =>
  mayEverSendTo(event.actor, event.inspection, FINDING_EVENT_RULES[event.type]) &&
  findingInputProblem(event) === undefined &&
  event.inspection.state === FINDING_WORK_STATE;

export const findingMachine = setup({
  types: {
    context: {} as FindingContext,
    events: {} as FindingMachineEvent,
    input: {} as FindingInput,
  },
  guards: {
    permitted: ({ event }) => findingPermitted(event),
    permittedAndTaskDone: ({ event }) => findingPermitted(event) && event.taskDone,
  },
  actions: {
    recordEvidence: assign({ evidence: ({ event }) => trimmed(event.evidence), rejectReason: undefined }),
    recordRejection: assign({ rejectReason: ({ event }) => trimmed(event.reason) }),
  },
}).createMachine({
  id: 'finding',
  initial: 'open',
  context: ({ input }) => input,
  states: {
    open: {
      on: { REPORT_REMEDIATION: { target: 'remediated', guard: 'permitted', actions: 'recordEvidence' } },
    },
    remediated: {
      on: {
        VERIFY: { target: 'verified', guard: 'permittedAndTaskDone' },
        REJECT: { target: 'open', guard: 'permitted', actions: 'recordRejection' },
      },
    },
    verified: { type: 'final' },
  },
});

export type FindingSnapshot = SnapshotFrom<typeof findingMachine>;

/** How the machines are stored: plain data, tagged with the machine version that wrote it. */
export interface PersistedInspectionMachine {
  v: number;
  value: InspectionState;
  context: InspectionContext;
}

export interface PersistedFindingMachine {
  v: number;
  value: FindingState;
  context: FindingContext;
}
