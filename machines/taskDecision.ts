import type { Actor } from './roles';
import {
  TASK_EVENT_TYPES,
  TASK_MACHINE_VERSION,
  missingInput,
  mayEverSend,
  taskMachine,
  type PersistedTaskMachine,
  type TaskContext,
  type TaskEvent,
  type TaskEventType,
  type TaskInputField,
  type TaskSnapshot,
} from './task';

import { compileTransitions } from './transitionTable';

/**
 * Runs the task machine over stored data. Pure: the same call on the server (to accept) and on
 * the board (to offer moves) gives the same answer. Decisions read the machine's transition table
 * (compiled once from its definition, machines/transitionTable.ts), not xstate's interpreter.
 */
const table = compileTransitions<TaskContext, TaskEvent>(taskMachine);

/** A stored task as an xstate snapshot: what the table is checked against (test/machines/transitionTable.test.ts). */
export function restoreTask(persisted: PersistedTaskMachine): TaskSnapshot {
  return taskMachine.resolveState({ value: persisted.value, context: persisted.context });
}

export function persistTask(snapshot: TaskSnapshot): PersistedTaskMachine {
  return { v: TASK_MACHINE_VERSION, value: snapshot.value as PersistedTaskMachine['value'], context: snapshot.context };
}

export function newTaskMachine(ownerUnitId: string): PersistedTaskMachine {
  return { v: TASK_MACHINE_VERSION, value: 'notStarted', context: { ownerUnitId } };
}

/** Why a task event is refused, in the API's vocabulary (API.md, Errors). */
export type TaskRefusal =
  | { code: 'forbidden' }
  | { code: 'bad_request'; field: TaskInputField }
  | { code: 'transition_not_allowed'; allowed: TaskEventType[] };

export type TaskDecision = { ok: true; next: PersistedTaskMachine } | ({ ok: false } & TaskRefusal);

const PLACEHOLDER = '·';

/** Events this actor may send now; a move that needs input counts as allowed (the form asks for it). */
export function allowedTaskEvents(persisted: PersistedTaskMachine, actor: Actor): TaskEventType[] {
  // The role check is cheap and rules out most events before the machine is consulted.
  const candidates = TASK_EVENT_TYPES.filter((type) => mayEverSend(actor, persisted.context.ownerUnitId, type));
  if (!candidates.length) return [];
  return candidates.filter((type) => table.can(persisted.value, persisted.context, { type, actor, at: '', evidence: PLACEHOLDER, reason: PLACEHOLDER }));
}

export function decideTaskEvent(persisted: PersistedTaskMachine, event: TaskEvent): TaskDecision {
  if (!mayEverSend(event.actor, persisted.context.ownerUnitId, event.type)) return { ok: false, code: 'forbidden' };
  const field = missingInput(event);
  if (field) return { ok: false, code: 'bad_request', field };
  const next = table.next(persisted.value, persisted.context, event);
  if (!next) return { ok: false, code: 'transition_not_allowed', allowed: allowedTaskEvents(persisted, event.actor) };
  return { ok: true, next: { v: TASK_MACHINE_VERSION, value: next.value as PersistedTaskMachine['value'], context: next.context } };
}
