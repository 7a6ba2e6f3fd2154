import { useCallback, useState } from 'react';
import type { Task } from '../../machines/api';
import { countsInPlan } from '../../machines/countsInPlan';
import { formatDateVi, localDate } from '../../machines/dates';
import { DEFAULT_PERCENT_RULE, formatCompletion, formatDoneOf, formatPercent } from '../../machines/percent';
import type { Counts } from '../../machines/progress';
import { daysOverdue } from '../../machines/review';
import { viCollator } from '../i18n/format';
import { L } from '../i18n/leadership';
import { t } from '../i18n';
import { leadershipApi } from '../net/leadershipApi';
import { usePlanData } from '../plan/usePlanData';
import { ExtraLine } from '../progress/ExtraLine';
import { TaskTable } from '../reviews/TaskTable';
import type { PageProps } from '../router';
import { DateInput } from '../ui/DateInput';
import { PageFrame } from '../ui/PageFrame';
import { Bar, SplitBar, TrendChart } from './charts';
import { EmulationTable } from './EmulationTable';
import { ParOverview } from '../par/ParOverview';

const loadExtra = (planId: string, asOf: string | null) =>
  Promise.all([leadershipApi.trend(planId, asOf), leadershipApi.emulation(planId, asOf)]).then(([trend, emulation]) => ({ trend, emulation }));

/** Leadership's live view of the year: by area and unit, on time vs late, overdue, trend, emulation. */
export default function DashboardPage({ user, onLogout, onSwitchLanguage, onSessionEnded }: PageProps) {
  const [asOf, setAsOf] = useState<string | null>(null);
  const { data, error, connected } = usePlanData(undefined, asOf, loadExtra, onSessionEnded);
  const d = L();
  const n = (v: number) => t.number(v);
  const frame = (body: React.ReactNode) => (
    <PageFrame user={user} title={d.dashboard.title} connected={connected} onLogout={onLogout} onSwitchLanguage={onSwitchLanguage}>
      {body}
    </PageFrame>
  );
  const pct = useCallback(
    (c: Counts, rule = DEFAULT_PERCENT_RULE) => formatPercent(c.done, c.total - c.cancelled, rule, t.locale),
    [],
  );
  if (error) return frame(<p role="alert">{error}</p>);
  if (!data) return frame(<p>{d.loading}</p>);
  const { plan, progress, extra } = data;
  const rule = plan.settings.percentRule ?? DEFAULT_PERCENT_RULE;
  const areaName = new Map(plan.areas.map((a) => [a.id, `${a.code}. ${a.name}`]));
  const unitName = new Map(plan.units.map((u) => [u.id, u.name]));
  const today = asOf ?? localDate(new Date());
  // The plan's own tasks in its lists; remediation after inspection has a section of its own.
  const overdue = plan.tasks.filter((task) => task.overdue && countsInPlan(task)).sort((a, b) => viCollator.compare(a.deadline, b.deadline));
  const remediation = plan.tasks.filter((task) => !countsInPlan(task));
  const rows = (list: Array<Counts & { id: string; name: string; extra: Counts }>, testid: string) => (
    <table className="chart-table" data-testid={testid}>
      <tbody>
        {list.map((r) => (
          <tr key={r.id} data-testid={`${testid}-${r.id}`}>
            <th scope="row">{r.name}</th>
            <td className="chart-cell"><Bar value={r.percent} /></td>
            <td className="num">
              {formatCompletion(r, rule, t.locale)}
              {r.extra.total > 0 && <span className="row-extra" data-testid={`${testid}-${r.id}-extra`}> · {t.progress.extra}: {formatDoneOf(r.extra)}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const shownWeeks = extra.trend.filter((w) => w.doneCumulative !== null);
  return frame(
    <div className="dashboard" data-testid="dashboard">
      <div className="asof">
        <label>
          {d.asOf}{' '}
          <DateInput value={asOf ?? ''} max={localDate(new Date())} data-testid="dashboard-asof" onChange={(iso) => setAsOf(iso || null)} />
        </label>
        {asOf && <button type="button" onClick={() => setAsOf(null)}>{d.today}</button>}
        {asOf && <p className="past-banner" role="status">{d.pastNote(asOf)}</p>}
      </div>
      <p className="progress-completion" data-testid="dashboard-completion" aria-live="polite">
        {plan.title}: {formatCompletion(progress, rule, t.locale)}
      </p>
      <ExtraLine extra={progress.extra} testid="dashboard-extra" />

      <section aria-labelledby="dash-area"><h2 id="dash-area">{d.dashboard.byArea}</h2>
        {rows(progress.byArea.map((r) => ({ ...r, id: r.areaId, name: areaName.get(r.areaId) ?? r.areaId })), 'by-area')}
      </section>
      <section aria-labelledby="dash-unit"><h2 id="dash-unit">{d.dashboard.byUnit}</h2>
        {rows(progress.byUnit.map((r) => ({ ...r, id: r.unitId, name: unitName.get(r.unitId) ?? r.unitId })), 'by-unit')}
      </section>
      <section aria-labelledby="dash-ontime"><h2 id="dash-ontime">{d.dashboard.onTimeLate}</h2>
        <SplitBar a={progress.doneOnTime} b={progress.doneLate} />
        <p data-testid="dashboard-ontime">
          {d.dashboard.onTime}: <strong>{n(progress.doneOnTime)}</strong> · {d.dashboard.late}: <strong>{n(progress.doneLate)}</strong>
          {' '}({pct({ ...progress, done: progress.doneOnTime }, rule)} / {pct({ ...progress, done: progress.doneLate }, rule)})
        </p>
      </section>
      <section aria-labelledby="dash-overdue"><h2 id="dash-overdue">{d.dashboard.overdueList} ({n(overdue.length)})</h2>
        {overdue.length ? (
          <table className="data" data-testid="overdue-list">
            <thead><tr><th>{d.cols.code}</th><th>{d.cols.task}</th><th>{d.cols.unit}</th><th>{d.cols.deadline}</th><th>{d.cols.daysOverdue}</th></tr></thead>
            <tbody>{overdue.map((task: Task) => (
              <tr key={task.id} data-testid={`overdue-${task.code}`}>
                <td>{task.code}</td><td>{task.title}</td><td>{unitName.get(task.ownerUnitId) ?? task.ownerUnitId}</td>
                <td>{formatDateVi(task.deadline)}</td><td className="num">{n(daysOverdue(task.deadline, today))}</td>
              </tr>
            ))}</tbody>
          </table>
        ) : <p>{d.dashboard.noOverdue}</p>}
      </section>
      {remediation.length > 0 && (
        <section aria-labelledby="dash-remediation"><h2 id="dash-remediation">{t.progress.extra} ({n(remediation.length)})</h2>
          <TaskTable tasks={remediation} units={plan.units} asOf={today} testid="remediation-list" />
        </section>
      )}
      <section aria-labelledby="dash-trend"><h2 id="dash-trend">{d.dashboard.trend}</h2>
        <TrendChart weeks={extra.trend} />
        <div className="scroll-table" tabIndex={0} role="region" aria-labelledby="dash-trend">
          <table className="data" data-testid="trend-table">
            <thead><tr><th>{d.dashboard.week}</th><th>{d.dashboard.due}</th><th>{d.dashboard.done}</th><th>{d.dashboard.dueCum}</th><th>{d.dashboard.doneCum}</th></tr></thead>
            <tbody>{shownWeeks.map((w) => (
              <tr key={w.start}><td>{formatDateVi(w.start)}–{formatDateVi(w.end)}</td><td className="num">{n(w.due)}</td><td className="num">{n(w.done ?? 0)}</td>
                <td className="num">{n(w.dueCumulative)}</td><td className="num">{n(w.doneCumulative ?? 0)}</td></tr>
            ))}</tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="dash-emu"><h2 id="dash-emu">{d.dashboard.emulation}</h2>
        <EmulationTable verdicts={extra.emulation} units={plan.units} />
      </section>
      <ParOverview year={plan.year} rule={rule} />
    </div>,
  );
}
