import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Area, HistoryEntry, Task, Unit } from '../../machines/api';
import { formatDateVi } from '../../machines/dates';
import { isOnTime } from '../../machines/progress';
import { TASK_EVENT_TYPES, TASK_STATES, type TaskEventType, type TaskState } from '../../machines/task';
import { api } from '../net/http';
import { formatDateTimeVi } from '../i18n/format';
import { t } from '../i18n';
import { Dialog } from '../ui/Dialog';
import { Badges } from './Card';
import { MoveMenu } from './MoveMenu';
import { ti } from '../inspections/i18n';
import { SourceLink } from '../inspections/SourceBadge';
import { FileList } from '../files/FileList';
import { tf } from '../files/i18n';

interface CardDetailProps {
  task: Task;
  areas: ReadonlyMap<string, Area>;
  units: ReadonlyMap<string, Unit>;
  pending: boolean;
  onMove(task: Task, event: TaskEventType): void;
  onClose(): void;
}

const stateLabel = (value: string) =>
  (TASK_STATES as readonly string[]).includes(value) ? t.states[value as TaskState] : value;
const eventLabel = (value: string) =>
  (TASK_EVENT_TYPES as readonly string[]).includes(value) ? t.events[value as TaskEventType] : value;

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
  const none = t.detail.none;
  const fields: Array<[string, ReactNode]> = [
    [t.detail.code, task.code],
    [t.detail.state, t.states[task.state]],
    [t.detail.area, area ? `${area.code}. ${area.name}` : task.areaId],
    [t.detail.owner, unitName(units, task.ownerUnitId)],
    [
      t.detail.coordinating,
      task.coordinatingUnitIds.length ? (
        <ul className="plain">{task.coordinatingUnitIds.map((id) => <li key={id}>{unitName(units, id)}</li>)}</ul>
      ) : (
        none
      ),
    ],
    [t.detail.output, task.output || none],
    [t.detail.deadline, formatDateVi(task.deadline)],
    [t.detail.completedAt, task.completedAt ? formatDateTimeVi(task.completedAt) : none],
    [
      t.detail.result,
      task.state === 'done' ? (isOnTime(task) ? t.card.onTime : t.card.late) : task.overdue ? t.card.overdue : none,
    ],
    [t.detail.evidence, task.evidence || none],
    [tf().files, <FileList files={task.files} testId="task-files" />],
    ...(task.source ? [[ti().source, <SourceLink source={task.source} />] as [string, ReactNode]] : []),
    [t.detail.version, String(task.version)],
  ];

  return (
    <Dialog labelledBy={titleId} className="card-detail" testId="card-detail" onClose={onClose}>
      <header className="detail-header">
        <h2 id={titleId}>
          <span className="card-code">{task.code}</span> {task.title}
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label={t.detail.close}>
          ×
        </button>
      </header>
      <div className="detail-status">
        <span className={`state-pill state-${task.state}`}>{t.states[task.state]}</span>
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
      <h3>{t.detail.history}</h3>
      {historyError ? (
        <p role="alert" className="field-error">{historyError}</p>
      ) : !history ? (
        <p>{t.detail.historyLoading}</p>
      ) : history.length === 0 ? (
        <p>{t.detail.historyEmpty}</p>
      ) : (
        <div className="table-scroll">
          <table className="history" data-testid="history">
            <thead>
              <tr>
                <th scope="col">{t.detail.historyCols.at}</th>
                <th scope="col">{t.detail.historyCols.by}</th>
                <th scope="col">{t.detail.historyCols.event}</th>
                <th scope="col">{t.detail.historyCols.move}</th>
                <th scope="col">{t.detail.historyCols.note}</th>
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
                    {entry.evidence && <div>{t.detail.evidence}: {entry.evidence}</div>}
                    {Array.isArray(entry.files) && entry.files.length > 0 && (
                      <div>{tf().files}: {(entry.files as Array<{ name: string }>).map((f) => f.name).join(', ')}</div>
                    )}
                    {entry.reason && <div>{t.detail.reason}: {entry.reason}</div>}
                    {entry.comment && <div>{t.detail.comment}: {entry.comment}</div>}
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
