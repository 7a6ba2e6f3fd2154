import type { TaskState } from '../../machines/task';
import { t } from '../i18n';
import { P } from '../i18n/phone';
import type { Grouped } from './grouping';

/**
 * On a phone the board shows one column at a time: this bar picks it, each button with its count.
 * CSS shows it only on narrow screens (styles.css, .column-switch), where .board[data-column] hides
 * the other columns; on a wide screen every column is there and this bar is not.
 */
export function ColumnSwitch({ grouped, current, onPick }: { grouped: Grouped; current: TaskState; onPick(state: TaskState): void }) {
  return (
    <div className="column-switch" role="group" aria-label={P().columns} data-testid="column-switch">
      {grouped.states.map((state) => {
        const count = grouped.lanes.reduce((sum, lane) => sum + lane.columns[state].length, 0);
        return (
          <button
            key={state}
            type="button"
            className={`column-switch-${state}`}
            aria-pressed={state === current}
            onClick={() => onPick(state)}
            data-testid={`switch-${state}`}
          >
            <span className="switch-name">{t.states[state]}</span> <span className="switch-count">{t.number(count)}</span>
          </button>
        );
      })}
    </div>
  );
}

/** The column a phone opens on: the first, in board order, that has cards. */
export function firstFilled(grouped: Grouped): TaskState {
  return grouped.states.find((s) => grouped.lanes.some((lane) => lane.columns[s].length > 0)) ?? grouped.states[0];
}
