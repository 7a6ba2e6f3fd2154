import {
  KeyboardCode,
  pointerWithin,
  rectIntersection,
  type Announcements,
  type CollisionDetection,
  type KeyboardCoordinateGetter,
  type ScreenReaderInstructions,
} from '@dnd-kit/core';
import type { Task } from '../../machines/api';
import type { TaskState } from '../../machines/task';
import { t } from '../i18n';

export interface DropData {
  state: TaskState;
}

const DIRECTIONS: string[] = [KeyboardCode.Left, KeyboardCode.Right, KeyboardCode.Up, KeyboardCode.Down];

/**
 * Arrow keys jump from column to column (left/right) and lane to lane (up/down) instead of
 * nudging the card 25 px at a time: a keyboard user reaches any column in a few presses.
 * Only enabled drop targets are candidates, so disabled columns are skipped.
 */
export const columnCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  if (!DIRECTIONS.includes(event.code)) return undefined;
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers } = context;
  if (!collisionRect) return currentCoordinates;
  const cx = collisionRect.left + collisionRect.width / 2;
  const cy = collisionRect.top + collisionRect.height / 2;
  const horizontal = event.code === KeyboardCode.Left || event.code === KeyboardCode.Right;
  const sign = event.code === KeyboardCode.Right || event.code === KeyboardCode.Down ? 1 : -1;

  let best: { rect: { left: number; top: number; width: number; height: number }; score: number } | undefined;
  for (const container of droppableContainers.getEnabled()) {
    const rect = droppableRects.get(container.id);
    if (!rect) continue;
    // Measured from the card's centre to the target's near edge, so the column the card is in
    // (which contains the centre) is never "ahead".
    const near = horizontal ? (sign > 0 ? rect.left : rect.left + rect.width) : sign > 0 ? rect.top : rect.top + rect.height;
    const ahead = ((horizontal ? near - cx : near - cy) * sign);
    if (ahead <= 0) continue;
    const tx = rect.left + rect.width / 2;
    const ty = rect.top + rect.height / 2;
    // Prefer targets in the same row (or column); among those, the nearest.
    const aligned = horizontal ? cy >= rect.top && cy <= rect.top + rect.height : cx >= rect.left && cx <= rect.left + rect.width;
    const across = horizontal ? Math.abs(ty - cy) : Math.abs(tx - cx);
    const score = ahead + (aligned ? 0 : 100_000 + across);
    if (!best || score < best.score) best = { rect, score };
  }
  if (!best) return currentCoordinates;
  const { rect } = best;
  if (horizontal) {
    // Keep the card's height in the row, clamped inside the target so it overlaps it most.
    const top = Math.min(Math.max(cy - collisionRect.height / 2, rect.top), rect.top + rect.height - collisionRect.height);
    return { x: rect.left + rect.width / 2 - collisionRect.width / 2, y: top };
  }
  return { x: currentCoordinates.x, y: rect.top + Math.max(0, (rect.height - collisionRect.height) / 2) };
};

/** The pointer decides under the mouse; the keyboard (no pointer) by overlap with the card. */
export const boardCollisions: CollisionDetection = (args) =>
  args.pointerCoordinates ? pointerWithin(args) : rectIntersection(args);

/** A function, not a constant: the words depend on the language chosen at mount. */
export const screenReaderInstructions = (): ScreenReaderInstructions => ({ draggable: t.dnd.instructions });

export function announcements(taskOf: (id: string | number) => Task | undefined): Announcements {
  const code = (id: string | number) => taskOf(id)?.code ?? String(id);
  const stateOf = (data: unknown) => {
    const state = (data as DropData | undefined)?.state;
    return state ? t.states[state] : undefined;
  };
  // dnd-kit reports "over the origin column" right after the start; announcing it would replace
  // "picked up" before a screen reader reads it, so the first over the origin stays silent.
  let heardOver = false;
  return {
    onDragStart: ({ active }) => {
      heardOver = false;
      const task = taskOf(active.id);
      return t.dnd.start(code(active.id), task ? t.states[task.state] : '');
    },
    onDragOver: ({ active, over }) => {
      const state = (over?.data.current as DropData | undefined)?.state;
      const first = !heardOver;
      heardOver = true;
      if (first && state && state === taskOf(active.id)?.state) return undefined;
      return state ? t.dnd.over(code(active.id), t.states[state]) : t.dnd.overNothing(code(active.id));
    },
    onDragEnd: ({ active, over }) => {
      const label = stateOf(over?.data.current);
      return label ? t.dnd.end(code(active.id), label) : t.dnd.endNothing(code(active.id));
    },
    onDragCancel: ({ active }) => t.dnd.cancel(code(active.id)),
  };
}
