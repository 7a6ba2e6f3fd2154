import { useEffect, useState } from 'react';
import type { PlanEventBody, Review, Task } from '../../machines/api';
import { formatDateVi } from '../../machines/dates';
import { DEFAULT_EMULATION_RULE, EMULATION_VERDICTS, type EmulationVerdict } from '../../machines/emulation';
import { PERIOD_CODES, periodOf, type PeriodCode } from '../../machines/periods';
import { formatCompletion } from '../../machines/percent';
import { t } from '../i18n';
import { L } from '../i18n/leadership';
import { api } from '../net/http';
import { leadershipApi } from '../net/leadershipApi';
import { navigate, type PageProps } from '../router';
import { Link } from '../ui/Link';
import { ExtraLine } from '../progress/ExtraLine';
import { PageFrame } from '../ui/PageFrame';
import { ActionForm, Field, opt, str } from './forms';
import { CatalogueForms } from './CatalogueForms';
import { ImportForm } from './ImportForm';
import { usePlanData } from './usePlanData';

const noExtra = () => Promise.resolve(null);

/** /plans/:planId: lifecycle (issue, close), amendments, settings, exports, reviews and import. */
export default function PlanPage({ user, params, onLogout, onSwitchLanguage, onSessionEnded }: PageProps) {
  const { data, error, connected, reload } = usePlanData(params.planId, null, noExtra, onSessionEnded);
  const [reviews, setReviews] = useState<Review[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const d = L().plan;
  const plan = data?.plan;

  useEffect(() => {
    // "/plans/current" becomes the plan's own address, bookmarkable.
    if (plan && params.planId !== plan.id) history.replaceState(null, '', `/plans/${encodeURIComponent(plan.id)}`);
    if (plan) leadershipApi.reviews(plan.id).then(setReviews, () => undefined);
  }, [plan?.id, plan?.version, params.planId]);

  const frame = (body: React.ReactNode) => (
    <PageFrame user={user} title={d.title} connected={connected} onLogout={onLogout} onSwitchLanguage={onSwitchLanguage}>{body}</PageFrame>
  );
  if (error) return frame(<p role="alert">{error}</p>);
  if (!plan || !data) return frame(<p>{L().loading}</p>);

  const can = (type: PlanEventBody['type']) => plan.allowedEvents.includes(type);
  const done = () => {
    setNotice(d.done);
    void reload();
  };
  const send = (body: PlanEventBody) => leadershipApi.planEvent(plan.id, { expectedVersion: plan.version, ...body });
  const issued = plan.status === 'issued';
  const taskOptions = (filter: (tk: Task) => boolean) =>
    plan.tasks.filter(filter).map((tk) => <option key={tk.id} value={tk.id}>{tk.code} · {tk.title} ({formatDateVi(tk.deadline)})</option>);
  const rule = plan.settings.emulationRule ?? DEFAULT_EMULATION_RULE;
  const isLeadership = user.role === 'leader' || user.role === 'coordinator';

  return frame(
    <div className="plan-page" data-testid="plan-page" data-version={plan.version}>
      <section className="plan-head">
        <h2>{plan.title}</h2>
        <p data-testid="plan-status">{d.status}: <strong>{t.planLine(plan.status, plan.decision)}</strong></p>
        <p>{formatCompletion(data.progress, plan.settings.percentRule, t.locale)}</p>
        <ExtraLine extra={data.progress.extra} testid="plan-extra" />
        <p className="links">
          <a href={leadershipApi.planExportUrl(plan.id)} download data-testid="plan-export">{d.export}</a>
          {' · '}
          <Link href={`/print/plans/${encodeURIComponent(plan.id)}`} data-testid="plan-print">{d.print}</Link>
        </p>
        {notice && <p role="status" data-testid="plan-notice">{notice}</p>}
      </section>

      {can('ISSUE') && (
        <ActionForm title={d.issue} testid="issue" submitLabel={d.issue} onDone={done}
          submit={(f) => send({ type: 'ISSUE', decisionNo: str(f, 'decisionNo'), decisionDate: str(f, 'decisionDate') })}>
          <Field label={d.decisionNo}><input name="decisionNo" required data-testid="issue-no" /></Field>
          <Field label={d.decisionDate}><input name="decisionDate" type="date" required data-testid="issue-date" /></Field>
        </ActionForm>
      )}

      {can('CHANGE_DEADLINE') && (
        <ActionForm title={d.changeDeadline} testid="deadline" submitLabel={d.changeDeadline} onDone={done}
          submit={(f) => send({ type: 'CHANGE_DEADLINE', taskId: str(f, 'taskId'), deadline: str(f, 'deadline'), reason: opt(f, 'reason') })}>
          <Field label={d.task}><select name="taskId" required data-testid="deadline-task">{taskOptions((tk) => tk.state !== 'done' && tk.state !== 'cancelled')}</select></Field>
          <Field label={d.newDeadline}><input name="deadline" type="date" required data-testid="deadline-date" /></Field>
          <Field label={d.reason}><input name="reason" required={issued} data-testid="deadline-reason" /></Field>
        </ActionForm>
      )}

      {plan.tasks.some((tk) => tk.allowedEvents.includes('CANCEL')) && (
        <ActionForm title={d.cancelTask} testid="cancel" submitLabel={d.cancelTask} onDone={done}
          submit={(f) => {
            const task = plan.tasks.find((tk) => tk.id === str(f, 'taskId'))!;
            return api.sendTaskEvent(task.id, { type: 'CANCEL', expectedVersion: task.version, reason: str(f, 'reason') });
          }}>
          <Field label={d.task}><select name="taskId" required data-testid="cancel-task">{taskOptions((tk) => tk.allowedEvents.includes('CANCEL'))}</select></Field>
          <Field label={d.reason}><input name="reason" required data-testid="cancel-reason" /></Field>
        </ActionForm>
      )}

      {can('ADD_TASK') && (
        <ActionForm title={d.addTask} testid="add-task" submitLabel={d.addTask} onDone={done}
          submit={(f) => send({
            type: 'ADD_TASK', reason: opt(f, 'reason'),
            task: { code: str(f, 'code'), title: str(f, 'title'), areaId: str(f, 'areaId'), ownerUnitId: str(f, 'ownerUnitId'), coordinatingUnitIds: [], output: str(f, 'output'), deadline: str(f, 'deadline') },
          })}>
          <Field label={d.codeField}><input name="code" required data-testid="add-code" /></Field>
          <Field label={d.titleField}><input name="title" required data-testid="add-title" /></Field>
          <Field label={d.areaField}><select name="areaId" data-testid="add-area">{plan.areas.map((a) => <option key={a.id} value={a.id}>{a.code}. {a.name}</option>)}</select></Field>
          <Field label={d.ownerField}><select name="ownerUnitId" data-testid="add-owner">{plan.units.map((u) => <option key={u.id} value={u.id}>{u.code} · {u.name}</option>)}</select></Field>
          <Field label={d.outputField}><input name="output" data-testid="add-output" /></Field>
          <Field label={d.newDeadline}><input name="deadline" type="date" required data-testid="add-deadline" /></Field>
          {issued && <Field label={d.reason}><input name="reason" required data-testid="add-reason" /></Field>}
        </ActionForm>
      )}

      {can('CHANGE_SETTINGS') && (
        <ActionForm title={d.settings} testid="settings" submitLabel={d.save} onDone={done}
          submit={(f) => {
            const [mode, decimals] = str(f, 'percentRule').split(':');
            return send({ type: 'CHANGE_SETTINGS', settings: {
              percentRule: { mode: mode as 'halfUp' | 'truncate', decimals: Number(decimals) },
              emulationRule: { late: str(f, 'late') as EmulationVerdict },
            } });
          }}>
          <Field label={d.percentRule}>
            <select name="percentRule" defaultValue={`${plan.settings.percentRule.mode}:${plan.settings.percentRule.decimals}`} data-testid="settings-percent">
              <option value="halfUp:2">{d.halfUp}</option>
              <option value="truncate:0">{d.truncate}</option>
            </select>
          </Field>
          <Field label={d.emulationRule}>
            <select name="late" defaultValue={rule.late} data-testid="settings-late">
              {EMULATION_VERDICTS.map((v) => <option key={v} value={v}>{d.lateRule[v]}</option>)}
            </select>
          </Field>
        </ActionForm>
      )}

      {can('CLOSE') && (
        <section className="action-form">
          <h3>{d.close}</h3>
          {!confirmClose ? (
            <button type="button" onClick={() => setConfirmClose(true)} data-testid="close-year">{d.close}</button>
          ) : (
            <>
              <p role="alert">{d.closeConfirm}</p>
              <button type="button" data-testid="close-confirm" onClick={async () => {
                setConfirmClose(false);
                try { await send({ type: 'CLOSE' }); done(); } catch (e) { setNotice((e as Error).message); }
              }}>{d.close}</button>
              <button type="button" onClick={() => setConfirmClose(false)}>{L().print.back}</button>
            </>
          )}
        </section>
      )}
      {!plan.allowedEvents.length && <p>{d.notAllowed}</p>}

      <section className="action-form" data-testid="plan-reviews">
        <h3>{d.reviews}</h3>
        <ul>{reviews.map((r) => (
          <li key={r.id}><Link href={`/reviews/${encodeURIComponent(r.id)}`}>{periodOf(r.period, r.year).label}</Link> · {formatDateVi(r.asOf)}</li>
        ))}</ul>
        {isLeadership && (
          <ActionForm title={d.createReview} testid="create-review" submitLabel={d.createReview}
            onDone={() => undefined}
            submit={async (f) => {
              const { review } = await leadershipApi.createReview(plan.id, str(f, 'period') as PeriodCode, plan.year);
              navigate(`/reviews/${encodeURIComponent(review.id)}`);
            }}>
            <Field label={d.period}>
              <select name="period" data-testid="review-period">{PERIOD_CODES.map((c) => <option key={c} value={c}>{periodOf(c, plan.year).label}</option>)}</select>
            </Field>
          </ActionForm>
        )}
      </section>

      {isLeadership && plan.status !== 'closed' && <CatalogueForms plan={plan} onDone={done} />}

      {isLeadership && <ImportForm defaultYear={plan.year + 1} />}
    </div>,
  );
}
