import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TaskState } from '../../machines/task';
import { t } from '../i18n';
import { ColumnRow, type ColumnRowProps } from './ColumnRow';
import type { Lane } from './grouping';

interface LanesProps extends Omit<ColumnRowProps, 'lane' | 'fill' | 'showHeaders'> {
  lanes: Lane[];
  states: TaskState[];
}

/** Swimlanes, themselves virtualised: 180 unit lanes must not mount 720 columns at once. */
export function Lanes({ lanes, ...rowProps }: LanesProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: lanes.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 260,
    getItemKey: (index) => lanes[index].key,
    overscan: 2,
  });
  return (
    <div ref={scrollRef} className="lanes-scroll" data-testid="lanes">
      <div className="lanes-head column-row" aria-hidden="true">
        {rowProps.states.map((state) => (
          <div key={state} className={`lanes-head-cell column-${state}`}>{t.states[state]}</div>
        ))}
      </div>
      {lanes.length === 0 && <p className="column-empty">{t.board.empty}</p>}
      <div className="lanes-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const lane = lanes[item.index];
          return (
            <section
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="lane"
              style={{ transform: `translateY(${item.start}px)` }}
              aria-label={lane.title}
              data-testid="lane"
            >
              <h2 className="lane-title">
                {lane.title} <span className="lane-count">{t.board.count(lane.count)}</span>
              </h2>
              <ColumnRow lane={lane} fill={false} showHeaders={false} {...rowProps} />
            </section>
          );
        })}
      </div>
    </div>
  );
}
