import type { Area, Task, Unit } from '../../machines/api';
import type { TaskState } from '../../machines/task';
import { foldForSearch } from '../i18n/format';
import type { BoardState } from './boardState';
import { COLUMN_STATES } from './moves';

export type LaneMode = 'none' | 'area' | 'unit';

export interface BoardFilters {
  areaId: string;
  unitId: string;
  mine: boolean;
  overdueOnly: boolean;
  showCancelled: boolean;
  lanes: LaneMode;
  query: string;
}

export const defaultFilters: BoardFilters = {
  areaId: '',
  unitId: '',
  mine: false,
  overdueOnly: false,
  showCancelled: false,
  lanes: 'none',
  query: '',
};

export interface Lane {
  key: string;
  title: string;
  count: number;
  columns: Record<TaskState, Task[]>;
}

export interface Grouped {
  lanes: Lane[];
  shown: number;
  /** Column states shown, in order. */
  states: TaskState[];
}

function emptyColumns(): Record<TaskState, Task[]> {
  return { notStarted: [], inProgress: [], inReview: [], done: [], cancelled: [] };
}

type BoardInput = Pick<BoardState, 'tasks' | 'order' | 'searchText' | 'pending' | 'changed'>;
type GroupContext = { areas: readonly Area[]; units: readonly Unit[]; myUnitId: string | null };
/** The task as the board shows it: the stored task, or a copy in the state of its optimistic move. */
type ShownOf = (id: string, stored: Task, pendingState: TaskState | undefined) => Task;

const copyShown: ShownOf = (_id, stored, pendingState) => (pendingState ? { ...stored, state: pendingState } : stored);

/** Which lane and column a task goes in under these filters, or null when it is filtered out. */
function placer(filters: BoardFilters, searchText: ReadonlyMap<string, string>, myUnitId: string | null) {
  const query = foldForSearch(filters.query.trim());
  return (task: Task): { lane: string; state: TaskState } | null => {
    if (task.state === 'cancelled' && !filters.showCancelled) return null;
    if (filters.areaId && task.areaId !== filters.areaId) return null;
    if (filters.unitId && task.ownerUnitId !== filters.unitId) return null;
    if (filters.mine && task.ownerUnitId !== myUnitId) return null;
    if (filters.overdueOnly && !task.overdue) return null;
    if (query && !searchText.get(task.id)?.includes(query)) return null;
    const lane = filters.lanes === 'area' ? task.areaId : filters.lanes === 'unit' ? task.ownerUnitId : 'all';
    return { lane, state: task.state };
  };
}

/**
 * One pass over the already sorted ids: filter, apply optimistic moves, and bucket by lane and
 * column. O(n): what a filter change costs. A move goes through {@link createGrouper} instead.
 */
export function groupTasks(board: BoardInput, filters: BoardFilters, context: GroupContext, shownOf: ShownOf = copyShown): Grouped {
  const states: TaskState[] = filters.showCancelled ? [...COLUMN_STATES, 'cancelled'] : [...COLUMN_STATES];
  const place = placer(filters, board.searchText, context.myUnitId);
  const buckets = new Map<string, Record<TaskState, Task[]>>();
  let shown = 0;

  for (const id of board.order) {
    const stored = board.tasks.get(id);
    if (!stored) continue;
    const task = shownOf(id, stored, board.pending.get(id));
    const where = place(task);
    if (!where) continue;
    let columns = buckets.get(where.lane);
    if (!columns) buckets.set(where.lane, (columns = emptyColumns()));
    columns[where.state].push(task);
    shown++;
  }

  const lanes: Lane[] = [];
  const push = (key: string, title: string) => {
    const columns = buckets.get(key);
    if (!columns) return;
    buckets.delete(key);
    const count = states.reduce((sum, state) => sum + columns[state].length, 0);
    lanes.push({ key, title, count, columns });
  };
  if (filters.lanes === 'none') {
    lanes.push({ key: 'all', title: '', count: shown, columns: buckets.get('all') ?? emptyColumns() });
  } else {
    const list = filters.lanes === 'area' ? context.areas : context.units;
    for (const item of list) push(item.id, `${item.code} · ${item.name}`);
    // Tasks pointing at an area or unit the plan no longer lists still show, in their own lane.
    for (const key of [...buckets.keys()]) push(key, key);
  }
  return { lanes, shown, states };
}

/** Past this many changed tasks a full pass is as cheap as patching (a refetch after a reconnect). */
const PATCH_LIMIT = 64;

const positionsByOrder = new WeakMap<readonly string[], Map<string, number>>();
function positionsOf(order: readonly string[]): Map<string, number> {
  let positions = positionsByOrder.get(order);
  if (!positions) {
    positions = new Map(order.map((id, i) => [id, i]));
    positionsByOrder.set(order, positions);
  }
  return positions;
}

/** First index in `column` (sorted by display position) whose task is at `position` or later. */
function lowerBound(column: readonly Task[], positions: Map<string, number>, position: number): number {
  let lo = 0;
  let hi = column.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((positions.get(column[mid].id) ?? -1) < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * {@link groupTasks} with a memory. When only tasks' states or optimistic moves changed since the
 * last call (same filters, order and catalogue), it moves just those tasks between columns: the
 * columns and lanes nothing moved in keep their identity, so their memoised components skip
 * rendering, and a drop on a 5,000-task board costs a few binary searches instead of a full pass.
 * Anything else (a filter, a new task, a lane appearing or emptying) is a full pass, with the same
 * result as {@link groupTasks}.
 */
export function createGrouper() {
  let last: { board: BoardInput; filters: BoardFilters; context: GroupContext; result: Grouped } | undefined;
  // The copy shown for a task awaiting the server, kept while neither it nor its target changes.
  const copies = new Map<string, { stored: Task; copy: Task }>();
  const shownOf: ShownOf = (id, stored, pendingState) => {
    if (!pendingState) return stored;
    const kept = copies.get(id);
    if (kept && kept.stored === stored && kept.copy.state === pendingState) return kept.copy;
    const copy = { ...stored, state: pendingState };
    copies.set(id, { stored, copy });
    return copy;
  };

  function patch(prev: NonNullable<typeof last>, board: BoardInput): Grouped | null {
    const before = prev.board;
    const changed = new Set<string>();
    if (board.tasks !== before.tasks) {
      // One task replaced since the last grouping (a move's answer, a live update): the reducer
      // says which. Otherwise compare every entry.
      if (board.changed?.since === before.tasks) for (const id of board.changed.ids) changed.add(id);
      else {
        for (const [id, task] of board.tasks) {
          if (before.tasks.get(id) !== task && changed.add(id).size > PATCH_LIMIT) return null;
        }
      }
    }
    if (board.pending !== before.pending) {
      for (const [id, state] of board.pending) if (before.pending.get(id) !== state) changed.add(id);
      for (const id of before.pending.keys()) if (!board.pending.has(id)) changed.add(id);
      if (changed.size > PATCH_LIMIT) return null;
    }
    if (changed.size === 0) return prev.result;

    const place = placer(prev.filters, board.searchText, prev.context.myUnitId);
    const positions = positionsOf(board.order);
    const laneIndex = new Map(prev.result.lanes.map((lane, i) => [lane.key, i]));
    const lanes = prev.result.lanes.slice();
    const cloned = new Set<string>();
    let shown = prev.result.shown;
    // Copy-on-write: a lane, and a column inside it, are copied the first time they change.
    const columnOf = (laneKey: string, state: TaskState) => {
      const i = laneIndex.get(laneKey);
      if (i === undefined) return null;
      if (lanes[i] === prev.result.lanes[i]) lanes[i] = { ...lanes[i], columns: { ...lanes[i].columns } };
      const lane = lanes[i];
      const key = `${i}:${state}`;
      if (!cloned.has(key)) {
        lane.columns[state] = lane.columns[state].slice();
        cloned.add(key);
      }
      return { lane, column: lane.columns[state] };
    };

    for (const id of changed) {
      const position = positions.get(id);
      const stored = board.tasks.get(id);
      const old = before.tasks.get(id);
      if (position === undefined || !stored || !old) return null;
      const from = place(copyShown(id, old, before.pending.get(id)));
      const task = shownOf(id, stored, board.pending.get(id));
      const to = place(task);
      if (from) {
        const cell = columnOf(from.lane, from.state);
        if (!cell) return null;
        const at = lowerBound(cell.column, positions, position);
        if (cell.column[at]?.id !== id) return null;
        cell.column.splice(at, 1);
        cell.lane.count--;
        shown--;
      }
      if (to) {
        const cell = columnOf(to.lane, to.state);
        if (!cell) return null; // a lane that was empty gets its first card: full pass
        cell.column.splice(lowerBound(cell.column, positions, position), 0, task);
        cell.lane.count++;
        shown++;
      }
    }
    // An emptied swimlane goes away: full pass. (Without lanes the one lane stays, count = shown.)
    if (prev.filters.lanes !== 'none' && lanes.some((lane) => lane.count === 0)) return null;
    return { lanes, shown, states: prev.result.states };
  }

  return function group(board: BoardInput, filters: BoardFilters, context: GroupContext): Grouped {
    for (const id of copies.keys()) if (!board.pending.has(id)) copies.delete(id);
    const prev = last;
    const comparable =
      prev !== undefined &&
      prev.filters === filters &&
      prev.board.order === board.order &&
      prev.board.searchText === board.searchText &&
      prev.board.tasks.size === board.tasks.size &&
      prev.context.areas === context.areas &&
      prev.context.units === context.units &&
      prev.context.myUnitId === context.myUnitId;
    const result = (comparable && patch(prev, board)) || groupTasks(board, filters, context, shownOf);
    last = { board, filters, context, result };
    return result;
  };
}
