import { memo, useCallback, useRef } from 'react';
import { useDroppable } from '@dnd-kit/core';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
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

/**
 * Card heights by column width and task id, shared by every column: a card dropped into another
 * column is laid out at its height there straight away, since a column of the same width renders
 * it the same way. Per width, the mean of the heights seen is the estimate for cards not seen yet.
 */
const heightsByWidth = new Map<number, { heights: Map<string, number>; total: number }>();
const HEIGHTS_MAX = 50_000;

function heightsAt(instance: Virtualizer<HTMLDivElement, HTMLElement> | null) {
  const width = Math.round(instance?.scrollRect?.width ?? 0);
  let known = heightsByWidth.get(width);
  if (!known) heightsByWidth.set(width, (known = { heights: new Map(), total: 0 }));
  return known;
}

function remember(instance: Virtualizer<HTMLDivElement, HTMLElement>, id: string, size: number): number {
  const known = heightsAt(instance);
  if (known.heights.size >= HEIGHTS_MAX) {
    known.heights.clear();
    known.total = 0;
  }
  known.total += size - (known.heights.get(id) ?? 0);
  known.heights.set(id, size);
  return size;
}

/** The height a card will have: as measured, or the mean of its column width so far. */
function estimateCard(instance: Virtualizer<HTMLDivElement, HTMLElement> | null, id: string | undefined): number {
  const known = heightsAt(instance);
  const measured = id === undefined ? undefined : known.heights.get(id);
  if (measured !== undefined) return measured;
  return known.heights.size > 0 ? Math.round(known.total / known.heights.size) : CARD_ESTIMATE;
}

/**
 * The virtualiser's measuring, without forcing a layout in the middle of a commit when it can be
 * avoided: a card whose height is known keeps it, and a card mounted outside the visible part (the
 * overscan) keeps its estimate until the ResizeObserver, which reports every newly observed card
 * after the next layout, gives the real one, before it can be scrolled into view. Only a card that
 * appears in view unmeasured is measured at once, as before, so nothing on screen shows at a wrong
 * height.
 */
function measureCard(element: HTMLElement, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, HTMLElement>): number {
  const index = instance.indexFromElement(element);
  const id = String(instance.options.getItemKey(index));
  const box = entry?.borderBoxSize?.[0];
  if (box) return remember(instance, id, Math.round(box.blockSize));
  const known = instance.itemSizeCache.get(id) ?? heightsAt(instance).heights.get(id);
  if (known !== undefined) return known;
  const item = instance.measurementsCache[index];
  const top = instance.scrollOffset ?? 0;
  const height = instance.scrollRect?.height ?? 0;
  if (item && height > 0 && (item.start >= top + height || item.end <= top)) return item.size;
  return remember(instance, id, element.offsetHeight);
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
  const instance = useRef<Virtualizer<HTMLDivElement, HTMLElement> | null>(null);
  const estimateSize = useCallback((index: number) => estimateCard(instance.current, tasks[index]?.id), [tasks]);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLElement>({
    count: tasks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    measureElement: measureCard,
    getItemKey,
    overscan: 4,
    gap: 8,
    paddingStart: 4,
    paddingEnd: 8,
  });
  instance.current = virtualizer;
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
