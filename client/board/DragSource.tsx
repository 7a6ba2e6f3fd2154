import { createContext, useContext, useLayoutEffect, useMemo, useRef, type ReactNode, type RefObject, type SyntheticEvent } from 'react';
import { useDraggable } from '@dnd-kit/core';

/**
 * One draggable for every card. A card that called dnd-kit's `useDraggable` itself would re-render
 * whenever dnd-kit's context changes (a drag's start, each column crossed, the drop): some 75
 * mounted cards re-rendering on every drop, in the moment the board should be showing the move.
 * Instead the cards carry their task id on their handle (`data-drag-task`), the board passes the
 * press to this single draggable, which is pointed at the pressed card just before dnd-kit's
 * sensors look at it. Only this component and the four columns follow dnd-kit's context.
 */
export const CARD_DRAG_ID = 'card';

/** What a card's handle says to assistive technology; dnd-kit's own attributes, written once. */
export const HANDLE_ROLE_DESCRIPTION = 'thẻ nhiệm vụ kéo được';

type Listener = (event: SyntheticEvent) => void;

interface Source {
  listeners: Record<string, Listener> | undefined;
  setNode(element: HTMLElement | null): void;
  setActivator(element: HTMLElement | null): void;
}

export interface Pressed {
  taskId: string;
  card: HTMLElement;
  handle: HTMLElement;
}

/** The id of dnd-kit's hidden drag instructions, for each handle's aria-describedby. Never changes. */
const InstructionsId = createContext<string | undefined>(undefined);
export const useDragInstructionsId = () => useContext(InstructionsId);

/** The sensors' activator events (dnd-kit's mouse, touch, pointer and keyboard sensors). */
const ACTIVATORS = ['onMouseDown', 'onTouchStart', 'onPointerDown', 'onKeyDown'] as const;
type Activator = (typeof ACTIVATORS)[number];

/**
 * The board's side: handlers for its root element that hand a press on a card's handle to the
 * shared draggable, and which card it was. `pressed` changes only when a sensor takes the press.
 */
export function useCardDrag() {
  const source = useRef<Source | null>(null);
  const pressed = useRef<Pressed | null>(null);
  const handlers = useMemo(() => {
    const delegate = (name: Activator) => (event: SyntheticEvent) => {
      const listener = source.current?.listeners?.[name];
      const target = event.target;
      if (!listener || !(target instanceof Element)) return;
      const handle = target.closest<HTMLElement>('[data-drag-task]');
      const card = handle?.closest<HTMLElement>('[data-task-id]');
      if (!handle || !card || !(event.currentTarget as Element).contains(card)) return;
      const before = pressed.current;
      const next = { taskId: handle.dataset.dragTask!, card, handle };
      point(source.current!, next);
      pressed.current = next;
      listener(event);
      // dnd-kit marks the event a sensor took; otherwise (a drag already under way, a key that
      // does not lift, a right click) the draggable goes back to the card it was on.
      if (!(event.nativeEvent as { dndKit?: unknown }).dndKit) {
        pressed.current = before;
        if (before) point(source.current!, before);
      }
    };
    return Object.fromEntries(ACTIVATORS.map((name) => [name, delegate(name)])) as Record<Activator, (event: SyntheticEvent) => void>;
  }, []);
  return { source, pressed, handlers };
}

function point(source: Source, { card, handle }: Pressed) {
  source.setNode(card);
  source.setActivator(handle);
}

/** The dragged card stays in its column, faded; set on the element so no card re-renders for it. */
export function markDragged({ card, handle }: Pressed, dragged: boolean) {
  card.toggleAttribute('data-dragging', dragged);
  if (dragged) handle.setAttribute('aria-pressed', 'true');
  else handle.removeAttribute('aria-pressed');
}

/** Inside dnd-kit's context: the one `useDraggable`, re-rendered by dnd-kit instead of the cards. */
export function DragSource({ source, children }: { source: RefObject<Source | null>; children: ReactNode }) {
  const { listeners, setNodeRef, setActivatorNodeRef, attributes } = useDraggable({ id: CARD_DRAG_ID });
  useLayoutEffect(() => {
    (source as { current: Source | null }).current = {
      listeners: listeners as Record<string, Listener> | undefined,
      setNode: setNodeRef,
      setActivator: setActivatorNodeRef,
    };
  }, [source, listeners, setNodeRef, setActivatorNodeRef]);
  // `children` is the board, created by its parent: re-rendering this component does not re-render it.
  return <InstructionsId.Provider value={attributes['aria-describedby']}>{children}</InstructionsId.Provider>;
}
