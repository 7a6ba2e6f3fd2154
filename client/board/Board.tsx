import { memo, useCallback, useMemo, useRef, useState } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import type { Task, Unit } from '../../machines/api';
import type { TaskState } from '../../machines/task';
import { t } from '../i18n';
import { CardFace, type CardActions } from './Card';
import { ColumnRow } from './ColumnRow';
import { CARD_DRAG_ID, DragSource, markDragged, useCardDrag } from './DragSource';
import type { Grouped } from './grouping';
import { announcements, boardCollisions, columnCoordinates, screenReaderInstructions, type DropData } from './keyboard';
import { Lanes } from './Lanes';
import { ColumnSwitch, firstFilled } from './ColumnSwitch';
import { allowedTargets, eventForMove, inputNeeded } from './moves';

interface BoardProps extends CardActions {
  grouped: Grouped;
  lanesOn: boolean;
  pending: ReadonlyMap<string, TaskState>;
  units: ReadonlyMap<string, Unit>;
  /** The task as currently shown (optimistic state applied). */
  taskOf(id: string): Task | undefined;
  /** A past date's snapshot: nothing can be dragged. */
  readOnly: boolean;
}

const keyboardCodes = { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] };

/** Shown only while dragging a card this user may cancel: cancelled is not a column otherwise. */
function CancelZone() {
  const data: DropData = { state: 'cancelled' };
  const { setNodeRef, isOver } = useDroppable({ id: 'cancel-zone', data });
  return (
    <div ref={setNodeRef} className={`cancel-zone${isOver ? ' is-over' : ''}`} data-testid="cancel-zone">
      {t.board.cancelZone}
    </div>
  );
}

/** Memoised: progress events and toasts re-render the screen, not the board. */
const noSensors: ReturnType<typeof useSensors> = [];

export const Board = memo(function Board({ grouped, lanesOn, pending, units, taskOf, readOnly, onOpen, onMove }: BoardProps) {
  const [activeId, setActiveId] = useState<string | null>(null);
  // The one column a phone shows (CSS ignores it on a wide screen).
  const [picked, setPicked] = useState<TaskState>(() => firstFilled(grouped));
  const phoneColumn = grouped.states.includes(picked) ? picked : grouped.states[0];
  const active = activeId ? taskOf(activeId) : undefined;
  const taskOfRef = useRef(taskOf);
  taskOfRef.current = taskOf;
  // Every card is dragged through one draggable (DragSource): dnd-kit knows it as CARD_DRAG_ID,
  // and `pressed` says which card it is on.
  const { source, pressed, handlers } = useCardDrag();

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    // A short press-and-hold on touch screens, so a swipe still scrolls the column.
    useSensor(TouchSensor, { activationConstraint: { delay: 220, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates, keyboardCodes }),
  );
  const accessibility = useMemo(
    () => ({
      announcements: announcements((id) => taskOfRef.current(id === CARD_DRAG_ID ? (pressed.current?.taskId ?? '') : String(id))),
      screenReaderInstructions: screenReaderInstructions(),
    }),
    [pressed],
  );

  const targets = useMemo(() => (active ? allowedTargets(active) : new Set<TaskState>()), [active]);
  const isDisabled = useCallback(
    (state: TaskState) => active !== undefined && state !== active.state && !targets.has(state),
    [active, targets],
  );

  const onDragStart = () => {
    if (!pressed.current) return;
    markDragged(pressed.current, true);
    setActiveId(pressed.current.taskId);
  };
  const onDragCancel = () => {
    if (pressed.current) markDragged(pressed.current, false);
    setActiveId(null);
  };
  const onDragEnd = ({ over }: DragEndEvent) => {
    onDragCancel();
    const task = pressed.current && taskOfRef.current(pressed.current.taskId);
    const target = (over?.data.current as DropData | undefined)?.state;
    if (!task || !target || target === task.state) return;
    const event = eventForMove(task.state, target);
    if (event && task.allowedEvents.includes(event)) {
      // The card's element is about to leave its column. Removing the focused element makes the
      // browser update focus synchronously in the middle of the commit (about a millisecond on a
      // busy board); letting go of it first is cheaper, and the screen gives the focus back to the
      // card in its new column once it is there, as it did when the focus was lost on removal.
      // (A move that asks for evidence or a reason first opens a form and moves nothing yet.)
      const focused = document.activeElement;
      const moving = !inputNeeded(event);
      if (moving && focused instanceof HTMLElement && focused.closest(`[data-task-id="${CSS.escape(task.id)}"]`)) focused.blur();
      onMove(task, event);
    }
  };

  const rowProps = { states: grouped.states, pending, units, isDisabled, onOpen, onMove };
  return (
    <DndContext
      sensors={readOnly ? noSensors : sensors}
      accessibility={accessibility}
      collisionDetection={boardCollisions}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={onDragCancel}
    >
      <DragSource source={source}>
        <div
          {...handlers}
          className={`board${active ? ' is-dragging' : ''}`}
          data-testid="board"
          data-dragging={Boolean(active)}
          data-pending={pending.size}
          data-column={phoneColumn}
        >
          <ColumnSwitch grouped={grouped} current={phoneColumn} onPick={setPicked} />
          {lanesOn ? (
            <Lanes lanes={grouped.lanes} {...rowProps} />
          ) : (
            <div className="board-columns">
              <ColumnRow lane={grouped.lanes[0]} fill showHeaders {...rowProps} />
            </div>
          )}
          {active && targets.has('cancelled') && !grouped.states.includes('cancelled') && <CancelZone />}
        </div>
      </DragSource>
      <DragOverlay dropAnimation={null}>
        {active ? (
          <article className={`card card-overlay state-${active.state}`}>
            <div className="card-handle">
              <CardFace task={active} unit={units.get(active.ownerUnitId)} />
            </div>
          </article>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
});
