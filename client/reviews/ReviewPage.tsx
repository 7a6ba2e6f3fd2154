import { formatDateVi } from '../../machines/dates';
import { periodOf } from '../../machines/periods';
import { formatCompletion } from '../../machines/percent';
import { formatDateTimeVi } from '../i18n/format';
import { t } from '../i18n';
import { L } from '../i18n/leadership';
import { ExtraLine } from '../progress/ExtraLine';
import { leadershipApi } from '../net/leadershipApi';
import type { PageProps } from '../router';
import { Link } from '../ui/Link';
import { PageFrame } from '../ui/PageFrame';
import { ActionForm, Field, opt, str } from '../plan/forms';
import { TaskTable } from './TaskTable';
import { useReview } from './useReview';

/** /reviews/:id: a review read-only as it was frozen, plus the leadership's directives. */
export default function ReviewPage({ user, params, onLogout, onSwitchLanguage }: PageProps) {
  const { data, error, reload } = useReview(params.id);
  const d = L().review;
  const label = data ? periodOf(data.review.period, data.review.year).label : '';
  const frame = (body: React.ReactNode) => (
    <PageFrame user={user} title={data ? d.title(label) : L().nav.reviews} onLogout={onLogout} onSwitchLanguage={onSwitchLanguage}>{body}</PageFrame>
  );
  if (error) return frame(<p role="alert">{error}</p>);
  if (!data) return frame(<p>{L().loading}</p>);
  const { review, plan } = data;
  const unitName = new Map(plan.units.map((u) => [u.id, u.name]));
  const may = user.role === 'leader' || user.role === 'coordinator';
  return frame(
    <div className="review-page" data-testid="review-page">
      <p className="past-banner">{d.frozen(review.asOf, formatDateTimeVi(review.createdAt))}</p>
      <p className="progress-completion" data-testid="review-completion">{formatCompletion(review.progress, plan.settings.percentRule, t.locale)}</p>
      <ExtraLine extra={review.progress.extra} testid="review-extra" />
      <p className="links">
        <a href={leadershipApi.reviewExportUrl(review.id)} download data-testid="review-export">{L().plan.export}</a>
        {' · '}
        <Link href={`/print/reviews/${encodeURIComponent(review.id)}`} data-testid="review-print">{d.print}</Link>
      </p>
      <h2>{d.overdue} ({t.number(review.overdue.length)})</h2>
      <TaskTable tasks={review.overdue} units={plan.units} asOf={review.asOf} testid="review-overdue" />
      <h2>{d.lagging} ({t.number(review.lagging.length)})</h2>
      <TaskTable tasks={review.lagging} units={plan.units} asOf={review.asOf} testid="review-lagging" />
      <h2>{d.directives}</h2>
      <ol data-testid="directives">
        {review.directives.map((x) => (
          <li key={x.id}>
            {x.text}
            {x.unitId && <> — {unitName.get(x.unitId) ?? x.unitId}</>}
            {x.deadline && <> — {d.deadline} {formatDateVi(x.deadline)}</>}
          </li>
        ))}
      </ol>
      {may && (
        <ActionForm title={d.addDirective} testid="directive" submitLabel={d.addDirective} onDone={() => void reload()}
          submit={(f) => leadershipApi.addDirective(review.id, { text: str(f, 'text'), unitId: opt(f, 'unitId'), deadline: opt(f, 'deadline') })}>
          <Field label={d.text}><textarea name="text" required data-testid="directive-text" /></Field>
          <Field label={d.unit}>
            <select name="unitId" data-testid="directive-unit"><option value="">—</option>{plan.units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select>
          </Field>
          <Field label={d.deadline}><input name="deadline" type="date" data-testid="directive-deadline" /></Field>
        </ActionForm>
      )}
    </div>,
  );
}
