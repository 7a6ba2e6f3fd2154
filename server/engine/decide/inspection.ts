import type { FindingBody, FindingEventBody, CreateInspectionBody, InspectionEventBody } from '../../../machines/inspectionApi';
import {
  FINDING_EVENT_RULES,
  INSPECTION_EVENT_RULES,
  INSPECTION_MACHINE_VERSION,
  mayEverSendTo,
  type InspectionEventType,
} from '../../../machines/inspection';
import {
  decideCreateInspection,
  decideFindingEvent,
  decideInspectionEvent,
  decideRecordFinding,
  type InspectionBlocker,
} from '../../../machines/inspectionDecision';
import { INSPECTION_BLOCKER_MESSAGES } from '../../../machines/inspectionLabels';
import { remediationTaskDeadline, tasksToRedate } from '../../../machines/inspectionProgress';
import { PLAN_MACHINE_VERSION } from '../../../machines/plan';
import type { Actor } from '../../../machines/roles';
import type { NewLogEntry } from '../../store/entries';
import { CREATE_INSPECTION, RECORD_FINDING } from '../inspections/apply';
import { inspectionMessages as m } from '../inspections/messages';
import type { FindingRecord, InspectionRecord, TaskSource } from '../inspections/records';
import { findingTaskDone, findingView, inspectionView, unverifiedFindings } from '../inspections/views';
import type { PlanRecord, TaskDefinition } from '../records';
import { by, pick, refuse, type Decided } from './refusal';
import type { ResolvedFiles } from './task';

/**
 * The inspection cycle's deciders: pure, (state, command, actor, clock) in, entries or a refusal
 * out. The machines (machines/inspectionDecision.ts) hold every rule; this file turns their
 * decisions into log entries and their refusals into the API's codes and Vietnamese messages.
 */

const inspectionIdOf = (plan: PlanRecord, number: number) => `${plan.id}-kt${number}`;
const findingIdOf = (inspection: InspectionRecord, number: number) => `${inspection.id}-${number}`;
const taskCodeOf = (inspection: InspectionRecord, findingNumber: number) => `KT${inspection.number}.${findingNumber}`;

function blocked(blocker: InspectionBlocker | undefined, fallback: string, allowed: string[]) {
  return refuse('transition_not_allowed', blocker ? INSPECTION_BLOCKER_MESSAGES[blocker] : fallback, { allowed });
}

/** Coordinator or leader plans an inspection of one of the plan's units; `knownUserIds` are the team members that exist. */
export function decideNewInspection(
  plan: PlanRecord | undefined,
  actor: Actor,
  body: CreateInspectionBody,
  knownUserIds: ReadonlySet<string>,
  at: string,
): Decided {
  const decision = decideCreateInspection(actor, body);
  if (!decision.ok && decision.code === 'forbidden') return refuse('forbidden', m.createForbidden);
  if (!plan) return refuse('bad_request', m.unknownPlan(body.planId), { field: 'planId' });
  if (!plan.units.some((u) => u.id === body.targetUnitId)) return refuse('bad_request', m.unknownUnit(body.targetUnitId), { field: 'targetUnitId' });
  const unknown = body.teamUserIds.filter((id) => !knownUserIds.has(id.trim()));
  if (unknown.length) return refuse('bad_request', m.unknownUsers(unknown), { field: 'teamUserIds' });
  if (!decision.ok) {
    const field = decision.code === 'bad_request' ? decision.field : 'teamUserIds';
    return refuse('bad_request', m.field(field), { field });
  }
  const number = Object.keys(plan.inspections ?? {}).length + 1;
  return {
    ok: true,
    entries: [
      {
        at, kind: 'inspection', planId: plan.id, streamId: inspectionIdOf(plan, number), type: CREATE_INSPECTION,
        by: by(actor), from: '', to: decision.next.value, mv: INSPECTION_MACHINE_VERSION,
        payload: { number, ...decision.next.context },
        snapshot: { ...decision.next },
      },
    ],
  };
}

function refuseUnlessMaySend(inspection: InspectionRecord, actor: Actor, type: InspectionEventType) {
  return mayEverSendTo(actor, inspection.machine.context, INSPECTION_EVENT_RULES[type]) ? undefined : refuse('forbidden', m.forbidden(type));
}

/** A lifecycle event (NOTIFY … CANCEL). CONCLUDE also re-dates the provisional deadlines of its remediation tasks. */
export function decideInspection(plan: PlanRecord, inspection: InspectionRecord, actor: Actor, body: InspectionEventBody & ResolvedFiles, at: string, now: Date): Decided {
  const forbidden = refuseUnlessMaySend(inspection, actor, body.type);
  if (forbidden) return forbidden;
  if (body.expectedVersion !== undefined && body.expectedVersion !== inspection.version) {
    return refuse('conflict', m.conflict(inspection.version, body.expectedVersion), { current: inspectionView(plan, inspection, actor, now) });
  }
  const decision = decideInspectionEvent(inspection.machine, {
    type: body.type, actor, at, unverifiedFindings: unverifiedFindings(inspection),
    report: body.report, conclusion: body.conclusion, remediationDeadline: body.remediationDeadline, reason: body.reason, comment: body.comment,
  });
  if (!decision.ok) {
    if (decision.code === 'forbidden') return refuse('forbidden', m.forbidden(body.type));
    if (decision.code === 'bad_request') return refuse('bad_request', m.field(decision.field), { field: decision.field });
    return blocked(decision.blockedBy, m.wrongState(inspection.machine.value, body.type), decision.allowed);
  }
  const next = decision.next;
  const files = body.resolvedFiles ?? [];
  if (files.length && body.type !== 'SUBMIT_SELF_REPORT') return refuse('bad_request', m.filesNotTaken, { field: 'files' });
  const entries: NewLogEntry[] = [
    {
      at, kind: 'inspection', planId: plan.id, streamId: inspection.id, type: body.type, by: by(actor),
      from: inspection.machine.value, to: next.value, mv: INSPECTION_MACHINE_VERSION,
      payload: {
        ...pick(body, ['report', 'conclusion', 'reason', 'comment']),
        ...(body.type === 'CONCLUDE' ? { concludedOn: next.context.concludedOn, remediationDeadline: next.context.remediationDeadline } : {}),
        ...(files.length ? { files } : {}),
      },
      snapshot: { ...next },
    },
  ];
  if (body.type === 'CONCLUDE') entries.push(...redateEntries(plan, inspection, next.context.remediationDeadline!, actor, at));
  return { ok: true, entries };
}

/** Remediation tasks of findings without a deadline of their own now follow the conclusion's deadline. */
function redateEntries(plan: PlanRecord, inspection: InspectionRecord, deadline: string, actor: Actor, at: string): NewLogEntry[] {
  const findings = inspection.findingIds.map((id) => inspection.findings[id].machine.context);
  return tasksToRedate(findings)
    .filter((taskId) => Object.hasOwn(plan.tasks, taskId) && plan.tasks[taskId].deadline !== deadline)
    .map((taskId) => {
      const task = plan.tasks[taskId];
      return {
        at, kind: 'plan', planId: plan.id, taskId, type: 'CHANGE_DEADLINE', by: by(actor),
        from: task.machine.value, to: task.machine.value, mv: PLAN_MACHINE_VERSION,
        payload: { deadline, previousDeadline: task.deadline, reason: m.redateReason(inspection.machine.context.decisionNo, deadline) },
      };
    });
}

/**
 * A team member records a finding during fieldwork. With `createTask`, the same decision adds the
 * remediation task to the plan's board (a plan-stream ADD_TASK entry): both durable, or neither.
 */
export function decideFinding(plan: PlanRecord, inspection: InspectionRecord, actor: Actor, body: FindingBody & ResolvedFiles, at: string): Decided {
  const forbidden = refuseUnlessMaySend(inspection, actor, 'RECORD_FINDING');
  if (forbidden) return forbidden;
  if (!plan.areas.some((a) => a.id === body.areaId)) return refuse('bad_request', m.unknownArea(body.areaId), { field: 'areaId' });
  const number = inspection.findingIds.length + 1;
  const findingId = findingIdOf(inspection, number);
  const code = taskCodeOf(inspection, number);
  const taskId = body.createTask ? `${plan.id}-${code}` : undefined;
  const decision = decideRecordFinding(inspection.machine, {
    actor, at, unverifiedFindings: unverifiedFindings(inspection),
    finding: { areaId: body.areaId, description: body.description, cause: body.cause, recommendation: body.recommendation, deadline: body.deadline, taskId },
  });
  if (!decision.ok) {
    if (decision.code === 'forbidden') return refuse('forbidden', m.forbidden('RECORD_FINDING'));
    if (decision.code === 'bad_request') return refuse('bad_request', m.field(decision.field), { field: decision.field });
    return blocked(undefined, m.wrongState(inspection.machine.value, 'RECORD_FINDING'), decision.allowed);
  }
  if (taskId && plan.machine.value === 'closed') return refuse('transition_not_allowed', m.planClosed, { allowed: [] });
  const finding = decision.next;
  const entries: NewLogEntry[] = [
    {
      at, kind: 'finding', planId: plan.id, streamId: findingId, type: RECORD_FINDING, by: by(actor),
      from: '', to: finding.value, mv: INSPECTION_MACHINE_VERSION,
      payload: { inspectionId: inspection.id, ...finding.context, ...(body.resolvedFiles?.length ? { files: body.resolvedFiles } : {}) },
      snapshot: { ...finding },
    },
  ];
  if (taskId) {
    const { decisionNo, targetUnitId } = inspection.machine.context;
    const source: TaskSource = { inspectionId: inspection.id, findingId, ...(decisionNo ? { decisionNo } : {}) };
    const task: TaskDefinition & { source: TaskSource } = {
      id: taskId,
      areaId: finding.context.areaId,
      code,
      title: m.taskTitle(finding.context.description),
      ownerUnitId: targetUnitId,
      coordinatingUnitIds: [],
      output: finding.context.recommendation,
      deadline: remediationTaskDeadline(finding.context, inspection.machine.context, at),
      source,
    };
    entries.push({
      at, kind: 'plan', planId: plan.id, taskId, type: 'ADD_TASK', by: by(actor),
      from: plan.machine.value, to: plan.machine.value, mv: PLAN_MACHINE_VERSION,
      payload: { task, reason: m.taskReason(decisionNo) },
    });
  }
  return { ok: true, entries };
}

/** REPORT_REMEDIATION, VERIFY (refused while the finding's task is not done), REJECT. */
export function decideFindingStep(
  plan: PlanRecord,
  inspection: InspectionRecord,
  finding: FindingRecord,
  actor: Actor,
  body: FindingEventBody & ResolvedFiles,
  at: string,
  now: Date,
): Decided {
  if (!mayEverSendTo(actor, inspection.machine.context, FINDING_EVENT_RULES[body.type])) return refuse('forbidden', m.findingForbidden(body.type));
  if (body.expectedVersion !== undefined && body.expectedVersion !== finding.version) {
    return refuse('conflict', m.findingConflict(finding.version, body.expectedVersion), {
      current: findingView(plan, inspection, finding, actor, now),
    });
  }
  const decision = decideFindingEvent(finding.machine, inspection.machine, {
    type: body.type, actor, at, taskDone: findingTaskDone(plan, finding), evidence: body.evidence, reason: body.reason, comment: body.comment,
  });
  if (!decision.ok) {
    if (decision.code === 'forbidden') return refuse('forbidden', m.findingForbidden(body.type));
    if (decision.code === 'bad_request') return refuse('bad_request', m.field(decision.field), { field: decision.field });
    return blocked(decision.blockedBy, m.findingWrongState(finding.machine.value, body.type), decision.allowed);
  }
  const files = body.resolvedFiles ?? [];
  if (files.length && body.type !== 'REPORT_REMEDIATION') return refuse('bad_request', m.filesNotTaken, { field: 'files' });
  return {
    ok: true,
    entries: [
      {
        at, kind: 'finding', planId: plan.id, streamId: finding.id, type: body.type, by: by(actor),
        from: finding.machine.value, to: decision.next.value, mv: INSPECTION_MACHINE_VERSION,
        payload: { inspectionId: inspection.id, ...pick(body, ['evidence', 'reason', 'comment']), ...(files.length ? { files } : {}) },
        snapshot: { ...decision.next },
      },
    ],
  };
}
