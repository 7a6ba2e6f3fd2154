import type { Task, Unit } from '../../machines/api';
import { formatDateVi } from '../../machines/dates';
import { daysOverdue } from '../../machines/review';
import { t } from '../i18n';
import { L } from '../i18n/leadership';

/** Tasks of a review or report: code, title, owning unit, deadline, state, days overdue at `asOf`. */
export function TaskTable({ tasks, units, asOf, testid }: { tasks: Task[]; units: Unit[]; asOf: string; testid: string }) {
  const d = L();
  if (!tasks.length) return <p data-testid={testid}>{d.review.none}</p>;
  const name = new Map(units.map((u) => [u.id, u.name]));
  return (
    <table className="data" data-testid={testid}>
      <thead><tr><th>{d.cols.code}</th><th>{d.cols.task}</th><th>{d.cols.unit}</th><th>{d.cols.deadline}</th><th>{d.cols.state}</th><th>{d.cols.daysOverdue}</th></tr></thead>
      <tbody>{tasks.map((task) => (
        <tr key={task.id} data-testid={`${testid}-${task.code}`}>
          <td>{task.code}</td><td>{task.title}</td><td>{name.get(task.ownerUnitId) ?? task.ownerUnitId}</td>
          <td>{formatDateVi(task.deadline)}</td><td>{t.states[task.state]}</td>
          <td className="num">{task.overdue ? t.number(daysOverdue(task.deadline, asOf)) : ''}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}
