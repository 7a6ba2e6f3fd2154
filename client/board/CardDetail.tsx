import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Area, HistoryEntry, Task, Unit } from '../../machines/api';
import { formatDateVi } from '../../machines/dates';
import { isOnTime } from '../../machines/progress';
import { TASK_EVENT_TYPES, TASK_STATES, type TaskEventType, type TaskState } from '../../machines/task';
import { api } from '../net/http';
import { formatDateTimeVi } from '../i18n/format';
import { vi } from '../i18n/vi';
import { Dialog } from '../ui/Dialog';
import { Badges } from './Card';
import { MoveMenu } from './MoveMenu';

interface CardDetailProps {
  task: Task;
  areas: ReadonlyMap<string, Area>;
  units: ReadonlyMap<string, Unit>;
  pending: boolean;
  onMove(task: Task, event: TaskEventType): void;
  onClose(): void;
}

const stateLabel = (value: string) =>
  (TASK_STATES as readonly string[]).includes(value) ? vi.states[value as TaskState] : value;
const eventLabel = (value: string) =>
  (TASK_EVENT_TYPES as readonly string[]).includes(value) ? vi.events[value as TaskEventType] : value;

function unitName(units: ReadonlyMap<string, Unit>, id: string) {
  const unit = units.get(id);
  return unit ? `${unit.code} · ${unit.name}` : id;
}

/** Every field of a task and its full history; follows live updates while open. */
export function CardDetail({ task, areas, units, pending, onMove, onClose }: CardDetailProps) {
  const titleId = useId();
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.history(task.id).then(
      (entries) => live && (setHistory(entries), setHistoryError(null)),
      (error: Error) => live && setHistoryError(error.message),
    );
    return () => {
      live = false;
    };
  }, [task.id, task.version]);

  const area = areas.get(task.areaId);
  const none = vi.detail.none;
  const fields: Array<[string, ReactNode]> = [
    [vi.detail.code, task.code],
    [vi.detail.state, vi.states[task.state]],
    [vi.detail.area, area ? `${area.code}. ${area.name}` : task.areaId],
    [vi.detail.owner, unitName(units, task.ownerUnitId)],
    [
      vi.detail.coordinating,
      task.coordinatingUnitIds.length ? (
        <ul className="plain">{task.coordinatingUnitIds.map((id) => <li key={id}>{unitName(units, id)}</li>)}</ul>
      ) : (
        none
      ),
    ],
    [vi.detail.output, task.output || none],
    [vi.detail.deadline, formatDateVi(task.deadline)],
    [vi.detail.completedAt, task.completedAt ? formatDateTimeVi(task.completedAt) : none],
    [
      vi.detail.result,
      task.state === 'done' ? (isOnTime(task) ? vi.card.onTime : vi.card.late) : task.overdue ? vi.card.overdue : none,
    ],
    [vi.detail.evidence, task.evidence || none],
    [vi.detail.version, String(task.version)],
  ];

  return (
    <Dialog labelledBy={titleId} className="card-detail" testId="card-detail" onClose={onClose}>
      <header className="detail-header">
        <h2 id={titleId}>
          <span className="card-code">{task.code}</span> {task.title}
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label={vi.detail.close}>
          ×
        </button>
      </header>
      <div className="detail-status">
        <span className={`state-pill state-${task.state}`}>{vi.states[task.state]}</span>
        <Badges task={task} />
        <MoveMenu task={task} disabled={pending} onMove={onMove} />
      </div>
      <dl className="detail-fields">
        {fields.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>{vi.detail.history}</h3>
      {historyError ? (
        <p role="alert" className="field-error">{historyError}</p>
      ) : !history ? (
        <p>{vi.detail.historyLoading}</p>
      ) : history.length === 0 ? (
        <p>{vi.detail.historyEmpty}</p>
      ) : (
        <div className="table-scroll">
          <table className="history" data-testid="history">
            <thead>
              <tr>
                <th scope="col">{vi.detail.historyCols.at}</th>
                <th scope="col">{vi.detail.historyCols.by}</th>
                <th scope="col">{vi.detail.historyCols.event}</th>
                <th scope="col">{vi.detail.historyCols.move}</th>
                <th scope="col">{vi.detail.historyCols.note}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((entry) => (
                <tr key={entry.seq}>
                  <td>{formatDateTimeVi(entry.at)}</td>
                  <td>{entry.by?.username}</td>
                  <td>{eventLabel(entry.type)}</td>
                  <td>
                    {stateLabel(entry.from)} → {stateLabel(entry.to)}
                  </td>
                  <td>
                    {entry.evidence && <div>{vi.detail.evidence}: {entry.evidence}</div>}
                    {entry.reason && <div>{vi.detail.reason}: {entry.reason}</div>}
                    {entry.comment && <div>{vi.detail.comment}: {entry.comment}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
