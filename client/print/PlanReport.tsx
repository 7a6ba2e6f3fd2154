import { countsInPlan } from '../../machines/countsInPlan';
import { localDate } from '../../machines/dates';
import { EmulationTable } from '../dashboard/EmulationTable';
import { L } from '../i18n/leadership';
import { leadershipApi } from '../net/leadershipApi';
import { usePlanData } from '../plan/usePlanData';
import { ExtraLine } from '../progress/ExtraLine';
import { TaskTable } from '../reviews/TaskTable';
import type { PageProps } from '../router';
import { CountsTable, totalsLine } from './CountsTable';
import { OfficialDocument } from './OfficialDocument';
import { EvidenceTable } from '../files/EvidenceTable';
import { tf } from '../files/i18n';

const loadEmulation = (planId: string) => leadershipApi.emulation(planId);

/** /print/plans/:planId: the year's report in the official layout, with the emulation verdicts. */
export default function PlanReport({ params, onSessionEnded }: PageProps) {
  const { data, error } = usePlanData(params.planId, null, loadEmulation, onSessionEnded);
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p>{L().loading}</p>;
  const { plan, progress, extra } = data;
  const p = L().print;
  const today = localDate(new Date());
  const rule = plan.settings.percentRule;
  // The plan's own tasks in its figures and lists; remediation after inspection reported apart.
  const remediation = plan.tasks.filter((task) => !countsInPlan(task));
  return (
    <OfficialDocument
      agencyName={plan.agency.name}
      number={p.number(plan.agency.code)}
      place="……"
      date={today}
      title={p.yearTitle}
      subtitle={p.yearSubtitle(plan.year)}
      signerTitle={p.signTitle}
      backHref={`/plans/${encodeURIComponent(plan.id)}`}
    >
      <h2>I. {L().dashboard.title}</h2>
      <p data-testid="report-totals">{totalsLine(progress, rule)}</p>
      <CountsTable progress={progress} areas={plan.areas} rule={rule} />
      <ExtraLine extra={progress.extra} testid="report-extra" words={p.extra} />
      {remediation.length > 0 && (
        <>
          <h3>{p.remediation}</h3>
          <TaskTable tasks={remediation} units={plan.units} asOf={today} testid="report-remediation" />
        </>
      )}
      <h2>II. {L().review.overdue}</h2>
      <TaskTable tasks={plan.tasks.filter((task) => task.overdue && countsInPlan(task))} units={plan.units} asOf={today} testid="report-overdue" />
      <h2>III. {L().dashboard.emulation}</h2>
      <EmulationTable verdicts={extra} units={plan.units} />
      <h2>IV. {tf().files}</h2>
      <EvidenceTable tasks={plan.tasks} />
    </OfficialDocument>
  );
}
