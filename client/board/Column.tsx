import { memo, useRef } from 'react';
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

function ColumnImpl(props: ColumnProps) {
  const { dropId, state, tasks, pending, units, dropDisabled, fill, laneTitle, showHeader } = props;
  const data: DropData = { state };
  const { setNodeRef, isOver } = useDroppable({ id: dropId, data, disabled: dropDisabled });
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tasks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_ESTIMATE,
    getItemKey: (index) => tasks[index].id,
    overscan: 4,
    gap: 8,
    paddingStart: 4,
    paddingEnd: 8,
  });
  const total = virtualizer.getTotalSize();
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
                    onOpen={props.onOpen}
                    onMove={props.onMove}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}

export const Column = memo(ColumnImpl);
