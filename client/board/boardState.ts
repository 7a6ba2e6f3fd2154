import type { PlanDetail, Task } from '../../machines/api';
import type { Progress } from '../../machines/progress';
import type { TaskState } from '../../machines/task';
import { foldForSearch, viCollator } from '../i18n/format';

/**
 * Everything the board knows, kept so one task's change touches one entry: unchanged tasks keep
 * their object identity, which is what lets memoised cards skip re-rendering on 5,000-task boards.
 */
export interface BoardState {
  plan: Omit<PlanDetail, 'tasks'> | null;
  tasks: ReadonlyMap<string, Task>;
  /** Task ids in display order (code, numerically); recomputed only when codes or titles change. */
  order: readonly string[];
  /** Folded "code title" per task id, for diacritics-insensitive search. */
  searchText: ReadonlyMap<string, string>;
  /** Optimistic moves awaiting the server: task id → the state it is shown in meanwhile. */
  pending: ReadonlyMap<string, TaskState>;
  progress: Progress | null;
  /** The last 'task' action's change: the map it was made on and the ids it replaced, so the
   * grouping need not compare 5,000 entries to find the one that moved. */
  changed?: { since: ReadonlyMap<string, Task>; ids: readonly string[] };
  status: 'loading' | 'ready' | 'noPlan' | 'error';
  error?: string;
}

export type BoardAction =
  | { type: 'planLoaded'; plan: PlanDetail; progress?: Progress }
  | { type: 'noPlan' }
  | { type: 'loadFailed'; message: string }
  | { type: 'task'; task: Task }
  | { type: 'progress'; planId: string; progress: Progress }
  | { type: 'optimistic'; taskId: string; state: TaskState }
  | { type: 'settled'; taskId: string };

export const initialBoardState: BoardState = {
  plan: null,
  tasks: new Map(),
  order: [],
  searchText: new Map(),
  pending: new Map(),
  progress: null,
  status: 'loading',
};

function sameTask(a: Task, b: Task): boolean {
  return (
    a.version === b.version &&
    a.state === b.state &&
    a.overdue === b.overdue &&
    a.deadline === b.deadline &&
    a.allowedEvents.length === b.allowedEvents.length &&
    a.allowedEvents.every((event, i) => event === b.allowedEvents[i])
  );
}

function compareTasks(a: Task, b: Task): number {
  return viCollator.compare(a.code, b.code) || viCollator.compare(a.title, b.title) || (a.id < b.id ? -1 : 1);
}

function indexTasks(tasks: ReadonlyMap<string, Task>) {
  const list = [...tasks.values()].sort(compareTasks);
  const searchText = new Map<string, string>();
  for (const task of list) searchText.set(task.id, foldForSearch(`${task.code} ${task.title}`));
  return { order: list.map((task) => task.id), searchText };
}

export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  switch (action.type) {
    case 'planLoaded': {
      const { tasks: incoming, ...plan } = action.plan;
      const tasks = new Map<string, Task>();
      let catalogChanged = incoming.length !== state.tasks.size || state.plan?.id !== plan.id;
      for (const task of incoming) {
        const old = state.tasks.get(task.id);
        tasks.set(task.id, old && sameTask(old, task) && old.title === task.title ? old : task);
        if (!old || old.code !== task.code || old.title !== task.title) catalogChanged = true;
      }
      const index = catalogChanged ? indexTasks(tasks) : { order: state.order, searchText: state.searchText };
      return {
        ...state,
        ...index,
        plan,
        tasks,
        changed: undefined,
        progress: action.progress ?? state.progress,
        status: 'ready',
        error: undefined,
      };
    }
    case 'noPlan':
      return { ...state, status: 'noPlan' };
    case 'loadFailed':
      return state.status === 'ready' ? state : { ...state, status: 'error', error: action.message };
    case 'task': {
      const { task } = action;
      if (!state.plan || task.planId !== state.plan.id) return state;
      const old = state.tasks.get(task.id);
      // Events can arrive out of order (the POST answer and the stream race); never go back.
      if (old && (old.version > task.version || sameTask(old, task))) return state;
      const tasks = new Map(state.tasks);
      tasks.set(task.id, task);
      const catalogChanged = !old || old.code !== task.code || old.title !== task.title;
      return { ...state, tasks, changed: { since: state.tasks, ids: [task.id] }, ...(catalogChanged ? indexTasks(tasks) : {}) };
    }
    case 'progress':
      return state.plan && action.planId !== state.plan.id ? state : { ...state, progress: action.progress };
    case 'optimistic': {
      const pending = new Map(state.pending);
      pending.set(action.taskId, action.state);
      return { ...state, pending };
    }
    case 'settled': {
      if (!state.pending.has(action.taskId)) return state;
      const pending = new Map(state.pending);
      pending.delete(action.taskId);
      return { ...state, pending };
    }
  }
}
