import { formatDateVi, localDate } from '../../machines/dates';
import { periodOf } from '../../machines/periods';
import { L } from '../i18n/leadership';
import { ExtraLine } from '../progress/ExtraLine';
import { TaskTable } from '../reviews/TaskTable';
import { useReview } from '../reviews/useReview';
import type { PageProps } from '../router';
import { CountsTable, totalsLine } from './CountsTable';
import { OfficialDocument } from './OfficialDocument';

/** /print/reviews/:id: a review's report, frozen figures, in the official layout. */
export default function ReviewReport({ params }: PageProps) {
  const { data, error } = useReview(params.id);
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p>{L().loading}</p>;
  const { review, plan } = data;
  const p = L().print;
  const d = L().review;
  const unitName = new Map(plan.units.map((u) => [u.id, u.name]));
  return (
    <OfficialDocument
      agencyName={plan.agency.name}
      number={p.number(plan.agency.code)}
      place="……"
      date={localDate(new Date())}
      title={p.yearTitle}
      subtitle={p.reviewSubtitle(periodOf(review.period, review.year).label)}
      signerTitle={p.signTitle}
      backHref={`/reviews/${encodeURIComponent(review.id)}`}
    >
      <p>{d.frozen(review.asOf, formatDateVi(review.createdAt.slice(0, 10)))}</p>
      <h2>I. {L().dashboard.title}</h2>
      <p data-testid="report-totals">{totalsLine(review.progress, plan.settings.percentRule)}</p>
      <ExtraLine extra={review.progress.extra} testid="report-extra" words={p.extra} />
      <CountsTable progress={review.progress} areas={plan.areas} rule={plan.settings.percentRule} />
      <h2>II. {d.overdue}</h2>
      <TaskTable tasks={review.overdue} units={plan.units} asOf={review.asOf} testid="report-overdue" />
      <h2>III. {d.lagging}</h2>
      <TaskTable tasks={review.lagging} units={plan.units} asOf={review.asOf} testid="report-lagging" />
      <h2>IV. {d.directives}</h2>
      <ol>{review.directives.map((x) => <li key={x.id}>{x.text}{x.unitId && ` — ${unitName.get(x.unitId) ?? x.unitId}`}{x.deadline && ` — ${formatDateVi(x.deadline)}`}</li>)}</ol>
    </OfficialDocument>
  );
}
