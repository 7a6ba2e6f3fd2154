import { memo, useCallback, type KeyboardEvent } from 'react';
import { isInspectionSource, type Task, type Unit } from '../../machines/api';
import { formatDateVi } from '../../machines/dates';
import type { TaskEventType } from '../../machines/task';
import { isOnTime } from '../../machines/progress';
import { t } from '../i18n';
import { MoveMenu } from './MoveMenu';
import { HANDLE_ROLE_DESCRIPTION, useDragInstructionsId } from './DragSource';
import { SourceLabel } from '../inspections/SourceBadge';

export interface CardActions {
  onOpen(taskId: string): void;
  onMove(task: Task, event: TaskEventType): void;
}

interface CardProps extends CardActions {
  task: Task;
  pending: boolean;
  unit: Unit | undefined;
}

export function Badges({ task }: { task: Task }) {
  return (
    <span className="badges">
      {task.overdue && task.state !== 'done' && task.state !== 'cancelled' && (
        <span className="badge badge-overdue" data-testid="badge-overdue">{t.card.overdue}</span>
      )}
      {task.state === 'done' &&
        (isOnTime(task) ? (
          <span className="badge badge-ontime" data-testid="badge-ontime">{t.card.onTime}</span>
        ) : (
          <span className="badge badge-late" data-testid="badge-late">{t.card.late}</span>
        ))}
    </span>
  );
}

/** What a card shows; also used, without drag wiring, as the drag overlay. */
export const CardFace = memo(CardFaceImpl, (a, b) => a.task === b.task || sameFace(a, b));

function sameFace(a: { task: Task; unit: Unit | undefined }, b: { task: Task; unit: Unit | undefined }) {
  return (
    a.task.id === b.task.id &&
    a.task.version === b.task.version &&
    a.task.state === b.task.state &&
    a.task.overdue === b.task.overdue &&
    a.task.deadline === b.task.deadline &&
    a.task.title === b.task.title &&
    sourceFlag(a.task) === sourceFlag(b.task) &&
    a.unit?.code === b.unit?.code
  );
}

// Memoised apart from the card: the drag overlay renders it on every frame of a drag.
function CardFaceImpl({ task, unit }: { task: Task; unit: Unit | undefined }) {
  return (
    <>
      <span className="card-top">
        <span className="card-code">{task.code}</span>
        <Badges task={task} />
      </span>
      <span className="card-title">{task.title}</span>
      {task.source && <SourceLabel source={task.source} />}
      <span className="card-meta">
        <span className="card-unit" title={unit?.name}>
          {unit?.code ?? task.ownerUnitId}
          {unit && <span className="visually-hidden"> ({unit.name})</span>}
        </span>
        <span className="card-deadline">
          <span className="visually-hidden">{t.card.deadline} </span>
          {formatDateVi(task.deadline)}
        </span>
      </span>
    </>
  );
}

/**
 * A card does not use dnd-kit's hooks: the board hands a press on its handle (`data-drag-task`,
 * absent while a move of it awaits the server) to one shared draggable (DragSource), so dnd-kit's
 * drag start, crossings and drop re-render no card. The handle's attributes are the ones
 * `useDraggable` would give it; `aria-pressed` and the faded look while dragged are set on the
 * element by the board.
 */
function CardImpl({ task, pending, unit, onOpen, onMove }: CardProps) {
  const instructionsId = useDragInstructionsId();
  const open = useCallback(() => onOpen(task.id), [onOpen, task.id]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Space lifts the card (the board's drag sensor, on the way up); Enter opens its detail.
    if (!event.defaultPrevented && event.key === 'Enter' && event.target === event.currentTarget) {
      event.preventDefault();
      open();
    }
  };
  return (
    <article
      className={`card state-${task.state}${pending ? ' is-pending' : ''}`}
      data-testid={`card-${task.code}`}
      data-task-id={task.id}
      data-state={task.state}
      aria-busy={pending || undefined}
    >
      <div
        className="card-handle"
        data-testid="card-handle"
        data-drag-task={pending ? undefined : task.id}
        role="button"
        tabIndex={0}
        aria-disabled={pending}
        aria-roledescription={HANDLE_ROLE_DESCRIPTION}
        aria-describedby={instructionsId}
        onKeyDown={onKeyDown}
        onClick={open}
      >
        <CardFace task={task} unit={unit} />
        {pending && <span className="card-pending">{t.card.pending}</span>}
      </div>
      <MoveMenu task={task} disabled={pending} onMove={onMove} />
    </article>
  );
}

/**
 * Re-renders only when what it shows changes (id, version, state, flags), not whenever the board
 * recomputes its columns; callbacks are stable by contract.
 */
export const Card = memo(
  CardImpl,
  (a, b) =>
    sameFace(a, b) &&
    a.task.allowedEvents.join() === b.task.allowedEvents.join() &&
    a.pending === b.pending &&
    a.onOpen === b.onOpen &&
    a.onMove === b.onMove,
);

/** What of a card's source changes its face: whether its inspection was cancelled. */
const sourceFlag = (task: Task) => (task.source && isInspectionSource(task.source) ? task.source.inspectionCancelled : undefined);
