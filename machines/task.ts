import { assign, setup, type SnapshotFrom } from 'xstate';
import type { Actor, Role } from './roles';

/**
 * The task workflow. One definition decides what the server accepts and what the board offers:
 * the guards read the rule table below, and nothing outside this file restates it.
 */

export const TASK_STATES = ['notStarted', 'inProgress', 'inReview', 'done', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const TASK_EVENT_TYPES = ['START', 'SUBMIT', 'APPROVE', 'RETURN', 'REOPEN', 'CANCEL'] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];

/** Input a move needs from the person making it. */
export type TaskInputField = 'evidence' | 'reason';

interface TaskEventRule {
  /** Roles that may ever send this event; a unit head only to tasks their own unit owns. */
  roles: readonly Role[];
  needs?: TaskInputField;
  /** Attached files stand in for the text it needs (a result is its document). */
  orFiles?: true;
}

export const TASK_EVENT_RULES: Record<TaskEventType, TaskEventRule> = {
  START: { roles: ['unitHead', 'coordinator'] },
  SUBMIT: { roles: ['unitHead'], needs: 'evidence', orFiles: true },
  APPROVE: { roles: ['coordinator', 'leader'] },
  RETURN: { roles: ['coordinator', 'leader'], needs: 'reason' },
  REOPEN: { roles: ['leader'], needs: 'reason' },
  CANCEL: { roles: ['leader'], needs: 'reason' },
};

export interface TaskContext {
  ownerUnitId: string;
  /** Instant the result was approved; cleared when the task is reopened. */
  completedAt?: string;
  /** The latest accepted evidence: what was produced, a document number or a link. */
  evidence?: string;
}

/** What callers send; `at` is the instant the server accepted it (the machine reads no clock). */
export interface TaskEvent {
  type: TaskEventType;
  actor: Actor;
  at: string;
  evidence?: string;
  reason?: string;
  comment?: string;
  /** How many files the event carries (their references are the server's business). */
  fileCount?: number;
}

/** May this actor ever send this event to a task owned by ownerUnitId, in any state? */
export function mayEverSend(actor: Actor, ownerUnitId: string, type: TaskEventType): boolean {
  if (!TASK_EVENT_RULES[type].roles.includes(actor.role)) return false;
  return actor.role !== 'unitHead' || actor.unitId === ownerUnitId;
}

/** The input this event still lacks, if any. */
export function missingInput(event: Pick<TaskEvent, 'type' | 'evidence' | 'reason' | 'fileCount'>): TaskInputField | undefined {
  const { needs, orFiles } = TASK_EVENT_RULES[event.type];
  if (needs && !event[needs]?.trim() && !(orFiles && (event.fileCount ?? 0) > 0)) return needs;
  return undefined;
}

export const TASK_MACHINE_VERSION = 2;

export const taskMachine = setup({
  types: {
    context: {} as TaskContext,
    events: {} as TaskEvent,
    input: {} as { ownerUnitId: string },
  },
  guards: {
    permitted: ({ context, event }) =>
      mayEverSend(event.actor, context.ownerUnitId, event.type) && missingInput(event) === undefined,
  },
  actions: {
    recordEvidence: assign({ evidence: ({ event }) => event.evidence?.trim() }),
    markCompleted: assign({ completedAt: ({ event }) => event.at }),
    clearCompleted: assign({ completedAt: undefined }),
  },
}).createMachine({
  id: 'task',
  initial: 'notStarted',
  // xstate's pure `transition()` builds a throwaway actor, without input, on every call: a factory
  // that threw there cost an exception (and its stack trace) per decision.
  context: ({ input }) => ({ ownerUnitId: input?.ownerUnitId ?? '' }),
  states: {
    notStarted: {
      on: {
        START: { target: 'inProgress', guard: 'permitted' },
        CANCEL: { target: 'cancelled', guard: 'permitted' },
      },
    },
    inProgress: {
      on: {
        SUBMIT: { target: 'inReview', guard: 'permitted', actions: 'recordEvidence' },
        CANCEL: { target: 'cancelled', guard: 'permitted' },
      },
    },
    inReview: {
      on: {
        APPROVE: { target: 'done', guard: 'permitted', actions: 'markCompleted' },
        RETURN: { target: 'inProgress', guard: 'permitted' },
        CANCEL: { target: 'cancelled', guard: 'permitted' },
      },
    },
    done: {
      on: {
        REOPEN: { target: 'inProgress', guard: 'permitted', actions: 'clearCompleted' },
      },
    },
    cancelled: { type: 'final' },
  },
});

export type TaskSnapshot = SnapshotFrom<typeof taskMachine>;

/** How a task's machine is stored: plain data, tagged with the machine version that wrote it. */
export interface PersistedTaskMachine {
  v: number;
  value: TaskState;
  context: TaskContext;
}

/**
 * The event types that can move a task into or out of `state`, read from the machine definition:
 * what a reader of history looking only for such moves (the dashboard's trend: into or out of done)
 * needs to open, without restating the workflow.
 */
export function eventsTouching(state: TaskState): TaskEventType[] {
  const found = new Set<TaskEventType>();
  for (const [name, node] of Object.entries(taskMachine.config.states ?? {})) {
    for (const [type, transition] of Object.entries(node.on ?? {})) {
      const target = (transition as { target?: string }).target;
      if (name === state || target === state) found.add(type as TaskEventType);
    }
  }
  return TASK_EVENT_TYPES.filter((type) => found.has(type));
}
