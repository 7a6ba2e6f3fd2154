import { memo, useCallback, useRef } from 'react';
import { useDroppable } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Task, Unit } from '../../machines/api';
import type { TaskState } from '../../machines/task';
import { t } from '../i18n';
import { Card, type CardActions } from './Card';
import type { DropData } from './keyboard';

const CARD_ESTIMATE = 132;
/** In swimlanes a cell scrolls on its own past this height, so one busy lane cannot hide the rest. */
const LANE_CELL_MAX = 420;

interface ColumnProps extends CardActions {
  dropId: string;
  state: TaskState;
  tasks: Task[];
  pending: ReadonlyMap<string, TaskState>;
  units: ReadonlyMap<string, Unit>;
  /** A card is being dragged and may not be dropped here. */
  dropDisabled: boolean;
  /** Fill the board's height (no lanes) or size to content up to a limit (inside a lane). */
  fill: boolean;
  laneTitle?: string;
  showHeader: boolean;
}

/**
 * The droppable shell: dnd-kit re-renders it on every drag start, crossing and drop, so it holds
 * only the header; the list below is memoised and re-renders when its own cards change.
 */
function ColumnImpl(props: ColumnProps) {
  const { dropId, state, tasks, pending, units, dropDisabled, fill, laneTitle, showHeader, onOpen, onMove } = props;
  const data: DropData = { state };
  const { setNodeRef, isOver } = useDroppable({ id: dropId, data, disabled: dropDisabled });
  const label = t.states[state];

  return (
    <section
      ref={setNodeRef}
      className={`column column-${state}${dropDisabled ? ' is-disabled' : ''}${isOver ? ' is-over' : ''}${fill ? ' is-fill' : ''}`}
      data-testid={`column-${state}`}
      data-state={state}
      data-drop-disabled={dropDisabled}
      aria-label={laneTitle ? `${label} — ${laneTitle}` : label}
      aria-disabled={dropDisabled || undefined}
    >
      {showHeader && (
        <header className="column-header">
          <h2>{label}</h2>
          <span className="column-count" data-testid="column-count">{t.number(tasks.length)}</span>
        </header>
      )}
      {dropDisabled && <p className="column-blocked">{t.board.notAllowed}</p>}
      <CardList tasks={tasks} pending={pending} units={units} fill={fill} onOpen={onOpen} onMove={onMove} />
    </section>
  );
}

interface CardListProps extends CardActions {
  tasks: Task[];
  pending: ReadonlyMap<string, TaskState>;
  units: ReadonlyMap<string, Unit>;
  fill: boolean;
}

/** The column's cards, virtualised: only those in view (plus a few) are mounted. */
function CardListImpl({ tasks, pending, units, fill, onOpen, onMove }: CardListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable while the column's cards are: a new key function makes the virtualiser re-measure all.
  const getItemKey = useCallback((index: number) => tasks[index].id, [tasks]);
  const virtualizer = useVirtualizer({
    count: tasks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_ESTIMATE,
    getItemKey,
    overscan: 4,
    gap: 8,
    paddingStart: 4,
    paddingEnd: 8,
  });
  const total = virtualizer.getTotalSize();

  return (
    <div
      ref={scrollRef}
      className="column-scroll"
      style={fill ? undefined : { height: Math.min(Math.max(total, 56), LANE_CELL_MAX) }}
    >
      {tasks.length === 0 ? (
        <p className="column-empty">{t.board.empty}</p>
      ) : (
        <div className="column-list" style={{ height: total }}>
          {virtualizer.getVirtualItems().map((item) => {
            const task = tasks[item.index];
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="column-item"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <Card
                  task={task}
                  pending={pending.has(task.id)}
                  unit={units.get(task.ownerUnitId)}
                  onOpen={onOpen}
                  onMove={onMove}
                />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

/** Whether a task of this column is awaiting the server in one map and not in the other. */
function pendingChangedIn(tasks: readonly Task[], a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  const ids: string[] = [];
  for (const id of a.keys()) if (!b.has(id)) ids.push(id);
  for (const id of b.keys()) if (!a.has(id)) ids.push(id);
  return ids.length > 0 && tasks.some((task) => ids.includes(task.id));
}

/**
 * A move elsewhere on the board changes the pending map but not this column's cards: skip. The
 * grouping keeps a column's array when nothing in it moved.
 */
const CardList = memo(
  CardListImpl,
  (a, b) =>
    a.tasks === b.tasks &&
    a.units === b.units &&
    a.fill === b.fill &&
    a.onOpen === b.onOpen &&
    a.onMove === b.onMove &&
    (a.pending === b.pending || !pendingChangedIn(b.tasks, a.pending, b.pending)),
);

export const Column = memo(ColumnImpl);
