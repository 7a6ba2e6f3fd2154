import { useState } from 'react';
import type { PlanDetail, User } from '../../machines/api';
import { formatDateVi } from '../../machines/dates';
import type { InspectionProgramme } from '../../machines/inspectionApi';
import { countFindings } from '../../machines/inspectionProgress';
import { CREATE_INSPECTION_ROLES } from '../../machines/inspection';
import { DEFAULT_PERCENT_RULE, formatPercent } from '../../machines/percent';
import { t } from '../i18n';
import { viCollator } from '../i18n/format';
import { CreateInspectionForm } from './CreateInspectionForm';
import { ti } from './i18n';
import { personName, unitLabel } from './names';
import { inspectionPath, navigate } from './route';

interface InspectionListProps {
  user: User;
  plan: PlanDetail;
  programme: InspectionProgramme;
  people: Map<string, User>;
  onCreated(): void;
}

/** The year's programme: every inspection with its finding counts, and the units covered. */
export function InspectionList({ user, plan, programme, people, onCreated }: InspectionListProps) {
  const w = ti();
  const [creating, setCreating] = useState(false);
  const { coverage } = programme;
  const rule = plan.settings?.percentRule ?? DEFAULT_PERCENT_RULE;
  const rows = [...programme.inspections].sort(
    (a, b) => a.scheduledOn.localeCompare(b.scheduledOn) || viCollator.compare(a.title, b.title),
  );
  return (
    <section className="inspections" aria-labelledby="inspections-title" data-testid="inspections">
      <header className="inspections-head">
        <h1 id="inspections-title">{w.title} {plan.year}</h1>
        <p className="coverage" data-testid="coverage">
          {w.coverage(coverage.inspectedUnits, coverage.totalUnits, formatPercent(coverage.inspectedUnits, coverage.totalUnits, rule, t.locale))}
          <span className="coverage-hint"> · {w.coverageHint}</span>
        </p>
        {CREATE_INSPECTION_ROLES.includes(user.role) && !creating && (
          <button type="button" onClick={() => setCreating(true)} data-testid="create-inspection">{w.create.open}</button>
        )}
      </header>
      {creating && (
        <CreateInspectionForm
          plan={plan}
          people={people}
          onDone={(created) => {
            setCreating(false);
            if (created) {
              onCreated();
              navigate(inspectionPath(created.id));
            }
          }}
        />
      )}
      {rows.length === 0 ? (
        <p className="empty">{w.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="inspection-table" data-testid="inspection-table">
            <thead>
              <tr>
                <th scope="col">{w.columns.title}</th>
                <th scope="col">{w.columns.state}</th>
                <th scope="col">{w.columns.target}</th>
                <th scope="col">{w.columns.team}</th>
                <th scope="col">{w.columns.lead}</th>
                <th scope="col">{w.columns.scheduledOn}</th>
                <th scope="col" className="num">{w.columns.open}</th>
                <th scope="col" className="num">{w.columns.remediated}</th>
                <th scope="col" className="num">{w.columns.verified}</th>
                <th scope="col" className="num">{w.columns.overdue}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((inspection) => {
                const counts = countFindings(inspection.findings);
                return (
                  <tr key={inspection.id} data-testid="inspection-row" data-inspection-id={inspection.id} data-state={inspection.state}>
                    <td>
                      <a
                        href={inspectionPath(inspection.id)}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate(inspectionPath(inspection.id));
                        }}
                      >
                        {inspection.decisionNo && <span className="decision-no">{inspection.decisionNo} · </span>}
                        {inspection.title}
                      </a>
                    </td>
                    <td><span className={`state-pill inspection-${inspection.state}`}>{w.states[inspection.state]}</span></td>
                    <td>{unitLabel(plan.units, inspection.targetUnitId)}</td>
                    <td>{inspection.teamUserIds.map((id) => personName(people, id)).join(', ')}</td>
                    <td>{personName(people, inspection.leadUserId)}</td>
                    <td className="num">{formatDateVi(inspection.scheduledOn)}</td>
                    <td className="num" data-testid="count-open">{t.number(counts.open)}</td>
                    <td className="num" data-testid="count-remediated">{t.number(counts.remediated)}</td>
                    <td className="num" data-testid="count-verified">{t.number(counts.verified)}</td>
                    <td className={`num${counts.overdue ? ' overdue' : ''}`} data-testid="count-overdue">{t.number(counts.overdue)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
