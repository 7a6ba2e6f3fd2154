import { taskMachine, TASK_EVENT_RULES, type TaskEventType, type TaskInputField, type TaskState } from '../../machines/task';

/** The board's columns in order; cancelled is shown only under a filter or as a drop zone. */
export const COLUMN_STATES = ['notStarted', 'inProgress', 'inReview', 'done'] as const satisfies readonly TaskState[];

type StateConfig = { on?: Partial<Record<TaskEventType, { target: TaskState }>> };
const stateConfigs = taskMachine.config.states as Record<TaskState, StateConfig>;

/**
 * Which event moves a task from one column to another, read from the machine's own definition so
 * the board never restates the workflow.
 */
export function eventForMove(from: TaskState, to: TaskState): TaskEventType | undefined {
  const on = stateConfigs[from]?.on ?? {};
  for (const [type, transition] of Object.entries(on) as Array<[TaskEventType, { target: TaskState }]>) {
    if (transition.target === to) return type;
  }
  return undefined;
}

export function targetOf(from: TaskState, event: TaskEventType): TaskState | undefined {
  return stateConfigs[from]?.on?.[event]?.target;
}

export function inputNeeded(event: TaskEventType): TaskInputField | undefined {
  return TASK_EVENT_RULES[event].needs;
}

/** Target states this task may move to, given the events the server says this user may send. */
export function allowedTargets(task: { state: TaskState; allowedEvents: readonly TaskEventType[] }): Set<TaskState> {
  const targets = new Set<TaskState>();
  for (const event of task.allowedEvents) {
    const target = targetOf(task.state, event);
    if (target) targets.add(target);
  }
  return targets;
}
