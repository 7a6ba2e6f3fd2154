import type { HistoryEntry, PlanDetail, User } from '../../machines/api';
import { formatDateVi } from '../../machines/dates';
import type { Inspection } from '../../machines/inspectionApi';
import { formatDateTimeVi } from '../i18n/format';
import { ti } from './i18n';
import { areaLabel, personName, unitLabel } from './names';
import { inspectionPath, navigate, printPath } from './route';
import { FindingSteps, InspectionSteps } from './Steps';
import { FileList } from '../files/FileList';
import { tf } from '../files/i18n';

interface InspectionDetailProps {
  inspection: Inspection;
  history: readonly HistoryEntry[];
  plan: PlanDetail;
  people: Map<string, User>;
  onChanged(next?: Inspection): void;
}

const stepName = (type: string) => {
  const w = ti();
  return (w.events as Record<string, string>)[type] ?? (w.findingEvents as Record<string, string>)[type] ?? type;
};
const stateName = (state: string) => {
  const w = ti();
  return (w.states as Record<string, string>)[state] ?? (w.findingStates as Record<string, string>)[state] ?? state;
};

/** One inspection: where it stands, what was reported and found, and the steps this person may take. */
export function InspectionDetail({ inspection, history, plan, people, onChanged }: InspectionDetailProps) {
  const w = ti();
  const d = w.detail;
  const concluded = inspection.conclusion !== undefined;
  return (
    <article className="inspection-detail" data-testid="inspection-detail" data-state={inspection.state}>
      <p>
        <a href={inspectionPath()} onClick={(e) => { e.preventDefault(); navigate(inspectionPath()); }}>{d.back}</a>
      </p>
      <header className="detail-header">
        <h1>
          {inspection.decisionNo && <span className="decision-no">{inspection.decisionNo} · </span>}
          {inspection.title}
        </h1>
        <span className={`state-pill inspection-${inspection.state}`} data-testid="inspection-state">{w.states[inspection.state]}</span>
      </header>
      <dl className="detail-fields">
        <dt>{w.columns.target}</dt><dd>{unitLabel(plan.units, inspection.targetUnitId)}</dd>
        <dt>{w.columns.scheduledOn}</dt><dd>{formatDateVi(inspection.scheduledOn)}</dd>
        <dt>{w.columns.team}</dt><dd>{inspection.teamUserIds.map((id) => personName(people, id)).join(', ')}</dd>
        <dt>{w.columns.lead}</dt><dd>{personName(people, inspection.leadUserId)}</dd>
        {inspection.remediationDeadline && (<><dt>{d.remediationDeadline}</dt><dd data-testid="remediation-deadline">{formatDateVi(inspection.remediationDeadline)}</dd></>)}
        {inspection.cancelReason && (<><dt>{d.cancelReason}</dt><dd>{inspection.cancelReason}</dd></>)}
      </dl>
      {concluded && (
        <p><a href={printPath(inspection.id)} target="_blank" rel="noreferrer" data-testid="print-link">{d.print}</a></p>
      )}

      <InspectionSteps inspection={inspection} areas={plan.areas} onChanged={onChanged} />

      {inspection.selfReport && (
        <section aria-labelledby="self-report-h">
          <h2 id="self-report-h">{d.selfReport}</h2>
          <p className="prose" data-testid="self-report">{inspection.selfReport}</p>
          {inspection.selfReportFiles?.length ? <FileList files={inspection.selfReportFiles} testId="self-report-files" /> : null}
        </section>
      )}

      {inspection.conclusion && (
        <section aria-labelledby="conclusion-h" data-testid="conclusion">
          <h2 id="conclusion-h">{d.conclusion}{inspection.concludedOn && ` · ${formatDateVi(inspection.concludedOn)}`}</h2>
          <h3>{d.strengths}</h3><p className="prose">{inspection.conclusion.strengths}</p>
          <h3>{d.shortcomings}</h3><p className="prose">{inspection.conclusion.shortcomings}</p>
          <h3>{d.recommendations}</h3><p className="prose">{inspection.conclusion.recommendations}</p>
        </section>
      )}

      <section aria-labelledby="findings-h">
        <h2 id="findings-h">{d.findings}</h2>
        {inspection.findings.length === 0 ? (
          <p className="empty">{d.noFindings}</p>
        ) : (
          <div className="table-scroll">
            <table className="findings" data-testid="findings">
              <thead>
                <tr>
                  <th scope="col">{d.area}</th>
                  <th scope="col">{d.description}</th>
                  <th scope="col">{d.recommendation}</th>
                  <th scope="col">{d.deadline}</th>
                  <th scope="col">{d.status}</th>
                  <th scope="col">{d.task}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {inspection.findings.map((f) => {
                  const deadline = f.deadline ?? inspection.remediationDeadline;
                  return (
                    <tr key={f.id} id={`finding-${f.id}`} data-testid="finding-row" data-finding-id={f.id} data-state={f.state}>
                      <td>{areaLabel(plan.areas, f.areaId)}</td>
                      <td>
                        {f.description}
                        {f.cause && <small className="muted block">{d.cause}: {f.cause}</small>}
                      </td>
                      <td>{f.recommendation}</td>
                      <td className="num">
                        {deadline ? formatDateVi(deadline) : '—'}
                        {f.overdue && <span className="badge badge-overdue" data-testid="finding-overdue">{w.columns.overdue}</span>}
                      </td>
                      <td>
                        <span className={`state-pill finding-${f.state}`} data-testid="finding-state">{w.findingStates[f.state]}</span>
                        {f.evidence && <small className="block">{d.evidence}: {f.evidence}</small>}
                        {f.files?.length ? <FileList files={f.files} testId="finding-files" /> : null}
                        {f.rejectReason && f.state === 'open' && <small className="block field-error">{d.rejectReason}: {f.rejectReason}</small>}
                      </td>
                      <td>{f.taskId ? <a href={`/?task=${encodeURIComponent(f.taskId)}`} data-testid="finding-task">{d.openTask}</a> : '—'}</td>
                      <td><FindingSteps inspectionId={inspection.id} finding={f} onChanged={() => onChanged()} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{d.timeline}</h2>
        <ol className="timeline" data-testid="timeline">
          {history.map((entry) => (
            <li key={entry.seq}>
              <time dateTime={entry.at}>{formatDateTimeVi(entry.at)}</time> · <strong>{stepName(entry.type)}</strong>
              {' · '}{personName(people, entry.by.id) || entry.by.username}
              {entry.from !== entry.to && <span className="muted"> ({stateName(entry.from)} → {stateName(entry.to)})</span>}
              {entry.reason && <span> · {d.reason}: {entry.reason}</span>}
              {entry.evidence && <span> · {d.evidence}: {entry.evidence}</span>}
              {Array.isArray(entry.files) && entry.files.length > 0 && <span> · {tf().files}: {(entry.files as Array<{ name: string }>).map((f) => f.name).join(', ')}</span>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
