import { memo, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Task } from '../../machines/api';
import type { TaskEventType } from '../../machines/task';
import { t } from '../i18n';
import { targetOf } from './moves';

interface MoveMenuProps {
  task: Task;
  disabled: boolean;
  onMove(task: Task, event: TaskEventType): void;
}

/** "Chuyển sang…": every move the server allows this user, without dragging. */
/** Memoised: a card re-renders when its task does; the menu follows only its own props. */
export const MoveMenu = memo(function MoveMenu({ task, disabled, onMove }: MoveMenuProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const moves = task.allowedEvents.flatMap((event) => {
    const target = targetOf(task.state, event);
    return target ? [{ event, target }] : [];
  });

  useEffect(() => {
    if (open) listRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const items = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    }
  };

  return (
    <div className="move-menu">
      <button
        ref={buttonRef}
        type="button"
        className={`move-button${moves.length === 0 ? ' no-moves' : ''}`}
        data-testid="move-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t.card.moveMenu(task.code)}
        disabled={disabled}
        onClick={() => setOpen((value) => !value)}
      >
        {t.card.moveTo}
      </button>
      {open &&
        (moves.length === 0 ? (
          <p className="move-none" role="status">{t.card.noMoves}</p>
        ) : (
          <ul id={menuId} ref={listRef} role="menu" className="move-list" onKeyDown={onKeyDown}>
            {moves.map(({ event, target }) => (
              <li key={event} role="none">
                <button
                  type="button"
                  role="menuitem"
                  data-testid={`move-${event}`}
                  onClick={() => {
                    setOpen(false);
                    onMove(task, event);
                  }}
                >
                  {t.move.option(t.events[event], t.states[target])}
                </button>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
});
