import type { TaskEventBody } from '../../../machines/api';
import type { FileRef } from '../../../machines/files';
import type { Actor } from '../../../machines/roles';
import { mayEverSend, TASK_EVENT_RULES, TASK_MACHINE_VERSION, type TaskEvent } from '../../../machines/task';
import { decideTaskEvent } from '../../../machines/taskDecision';
import { messages } from '../messages';
import type { PlanRecord, TaskRecord } from '../records';
import { taskView } from '../views';
import { by, pick, refuse, type Decided } from './refusal';

/**
 * A body's file ids as the files route resolved them (server/files/service.ts): the references the
 * entry records, each with its sha256, so the hash chain covers the bytes.
 */
export interface ResolvedFiles {
  resolvedFiles?: FileRef[];
}

/** A workflow event sent to a task: who may, on which version, in which plan state, with what input. */
export function decideTask(plan: PlanRecord, task: TaskRecord, actor: Actor, body: TaskEventBody & ResolvedFiles, at: string, now: Date): Decided {
  const owner = task.machine.context.ownerUnitId;
  if (!mayEverSend(actor, owner, body.type)) {
    const ownUnit = actor.role !== 'unitHead' || actor.unitId === owner;
    return refuse('forbidden', messages.taskForbidden(task.code, body.type, ownUnit));
  }
  if (body.expectedVersion !== undefined && body.expectedVersion !== task.version) {
    return refuse('conflict', messages.taskConflict(task.code, task.version, body.expectedVersion), {
      current: taskView(plan, task, actor, now),
    });
  }
  if (plan.machine.value !== 'issued') {
    return refuse('transition_not_allowed', messages.planNotInForce(plan.machine.value), { allowed: [] });
  }
  const files = body.resolvedFiles ?? [];
  if (files.length && !TASK_EVENT_RULES[body.type].orFiles) return refuse('bad_request', messages.filesNotTaken(body.type), { field: 'files' });
  const event: TaskEvent = { type: body.type, actor, at, evidence: body.evidence, reason: body.reason, comment: body.comment, fileCount: files.length };
  const decision = decideTaskEvent(task.machine, event);
  if (!decision.ok) {
    if (decision.code === 'bad_request') return refuse('bad_request', messages.taskMissing(decision.field), { field: decision.field });
    if (decision.code === 'forbidden') return refuse('forbidden', messages.taskForbidden(task.code, body.type, true));
    return refuse('transition_not_allowed', messages.taskWrongState(task.code, task.machine.value, body.type), {
      allowed: decision.allowed,
    });
  }
  return {
    ok: true,
    entries: [
      {
        at, kind: 'task', planId: plan.id, taskId: task.id, type: body.type, by: by(actor),
        from: task.machine.value, to: decision.next.value, mv: TASK_MACHINE_VERSION,
        payload: files.length ? { ...pick(body, ['evidence', 'reason', 'comment']), files } : pick(body, ['evidence', 'reason', 'comment']),
        snapshot: { ...decision.next },
      },
    ],
  };
}
