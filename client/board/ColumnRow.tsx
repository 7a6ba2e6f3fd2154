import type { Unit } from '../../machines/api';
import type { TaskState } from '../../machines/task';
import type { CardActions } from './Card';
import { Column } from './Column';
import type { Lane } from './grouping';

export interface ColumnRowProps extends CardActions {
  lane: Lane;
  states: TaskState[];
  pending: ReadonlyMap<string, TaskState>;
  units: ReadonlyMap<string, Unit>;
  isDisabled(state: TaskState): boolean;
  fill: boolean;
  showHeaders: boolean;
}

export function ColumnRow({ lane, states, isDisabled, fill, showHeaders, ...rest }: ColumnRowProps) {
  return (
    <div className="column-row">
      {states.map((state) => (
        <Column
          key={state}
          dropId={`${lane.key}::${state}`}
          state={state}
          tasks={lane.columns[state]}
          dropDisabled={isDisabled(state)}
          fill={fill}
          laneTitle={lane.title || undefined}
          showHeader={showHeaders}
          {...rest}
        />
      ))}
    </div>
  );
}
