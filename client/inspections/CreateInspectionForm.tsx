import { useId, useState, type FormEvent } from 'react';
import type { PlanDetail, User } from '../../machines/api';
import type { Inspection } from '../../machines/inspectionApi';
import { CreateInspectionBody } from '../../machines/inspectionApi';
import { viCollator } from '../i18n/format';
import { t } from '../i18n';
import { inspectionApi } from './api';
import { ti } from './i18n';
import { useSubmit } from './useSubmit';
import { DateInput } from '../ui/DateInput';

interface CreateInspectionFormProps {
  plan: PlanDetail;
  people: Map<string, User>;
  onDone(created: Inspection | null): void;
}

/** Coordinator or leader plans an inspection: target unit, date, team and its lead. */
export function CreateInspectionForm({ plan, people, onDone }: CreateInspectionFormProps) {
  const w = ti();
  const id = useId();
  const { busy, error, setError, submit } = useSubmit();
  const [title, setTitle] = useState('');
  const [decisionNo, setDecisionNo] = useState('');
  const [targetUnitId, setTarget] = useState(plan.units[0]?.id ?? '');
  const [scheduledOn, setScheduledOn] = useState('');
  const [team, setTeam] = useState<string[]>([]);
  const [leadUserId, setLead] = useState('');
  const candidates = [...people.values()].sort((a, b) => viCollator.compare(a.name, b.name));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateInspectionBody.safeParse({
      planId: plan.id,
      title,
      decisionNo: decisionNo.trim() || undefined,
      targetUnitId,
      scheduledOn,
      teamUserIds: team,
      leadUserId,
    });
    if (!parsed.success) {
      // Name the fields to fix, in the person's words rather than the schema's.
      const labels: Record<string, string> = {
        title: w.create.title,
        decisionNo: w.create.decisionNo,
        targetUnitId: w.create.target,
        scheduledOn: w.create.scheduledOn,
        teamUserIds: w.create.team,
        leadUserId: w.create.lead,
      };
      setError(`${w.create.fix}: ${[...new Set(parsed.error.issues.map((i) => labels[String(i.path[0])] ?? String(i.path[0])))].join(', ')}`);
      return;
    }
    if (!team.includes(leadUserId)) {
      setError(w.create.leadNotInTeam);
      return;
    }
    const result = await submit(() => inspectionApi.create(parsed.data));
    if (result) onDone(result.inspection);
  };

  return (
    <form className="inspection-form" onSubmit={onSubmit} aria-labelledby={`${id}-h`} data-testid="create-form">
      <h2 id={`${id}-h`}>{w.create.heading}</h2>
      <label>{w.create.title}<input value={title} onChange={(e) => setTitle(e.target.value)} required data-testid="create-title" /></label>
      <label>{w.create.decisionNo}<input value={decisionNo} onChange={(e) => setDecisionNo(e.target.value)} data-testid="create-decision" /></label>
      <label>
        {w.create.target}
        <select value={targetUnitId} onChange={(e) => setTarget(e.target.value)} data-testid="create-target">
          {plan.units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </label>
      <label>{w.create.scheduledOn}<DateInput value={scheduledOn} onChange={setScheduledOn} required data-testid="create-date" /></label>
      <fieldset>
        <legend>{w.create.team}</legend>
        {candidates.map((p) => (
          <label key={p.id} className="check">
            <input
              type="checkbox"
              checked={team.includes(p.id)}
              onChange={(e) => setTeam(e.target.checked ? [...team, p.id] : team.filter((x) => x !== p.id))}
              data-testid={`team-${p.username}`}
            />
            {p.name} <span className="muted">({t.roles[p.role]})</span>
          </label>
        ))}
      </fieldset>
      <label>
        {w.create.lead}
        <select value={leadUserId} onChange={(e) => setLead(e.target.value)} required data-testid="create-lead">
          <option value="" />
          {team.map((pid) => <option key={pid} value={pid}>{people.get(pid)?.name ?? pid}</option>)}
        </select>
      </label>
      {error && <p role="alert" className="field-error">{error}</p>}
      <div className="form-actions">
        <button type="submit" disabled={busy} data-testid="create-submit">{busy ? w.detail.sending : w.create.submit}</button>
        <button type="button" onClick={() => onDone(null)}>{w.create.cancel}</button>
      </div>
    </form>
  );
}
