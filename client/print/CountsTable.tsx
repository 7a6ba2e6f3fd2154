import type { Area } from '../../machines/api';
import { formatPercent, type PercentRule } from '../../machines/percent';
import type { FrozenProgress } from '../../machines/progress';
import { t } from '../i18n';
import { L } from '../i18n/leadership';

/** Completion by area with the plan's total line (the plan's own tasks), in the report's words and percent rule. */
export function CountsTable({ progress, areas, rule }: { progress: FrozenProgress; areas: Area[]; rule: PercentRule }) {
  const d = L();
  const name = new Map(areas.map((a) => [a.id, `${a.code}. ${a.name}`]));
  const rows = [...progress.byArea.map((r) => ({ ...r, label: name.get(r.areaId) ?? r.areaId })), { ...progress, label: d.cols.total }];
  return (
    <table data-testid="counts-table">
      <thead><tr><th>{d.cols.area}</th><th>{d.cols.total}</th><th>{d.cols.done}</th><th>{d.dashboard.onTime}</th><th>{d.dashboard.late}</th><th>{L().review.overdue}</th><th>{d.cols.percent}</th></tr></thead>
      <tbody>{rows.map((r) => (
        <tr key={r.label}>
          <td>{r.label}</td><td className="num">{t.number(r.total - r.cancelled)}</td><td className="num">{t.number(r.done)}</td>
          <td className="num">{t.number(r.doneOnTime)}</td><td className="num">{t.number(r.doneLate)}</td><td className="num">{t.number(r.overdue)}</td>
          <td className="num">{formatPercent(r.done, r.total - r.cancelled, rule, t.locale)}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}

export function totalsLine(progress: FrozenProgress, rule: PercentRule): string {
  const den = progress.total - progress.cancelled;
  return L().print.totals(progress.done, den, formatPercent(progress.done, den, rule, 'vi-VN'));
}
