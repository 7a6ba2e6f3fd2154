import { useState, type FormEvent } from 'react';
import type { Unit } from '../../machines/api';
import { DOSSIER_COUNT_FIELDS, DOSSIER_PERIODS, type DossierPeriod } from '../../machines/dossiers';
import { DOSSIER_COUNT_LABELS, DOSSIER_PERIOD_LABELS } from '../../machines/parLabels';
import { parApi } from './parApi';
import { P } from './words';

/**
 * The coordinator types one period's dossier counts (agency-wide or one unit's). The server checks
 * them (received = resolved + pending + cancelled, parts within their wholes) and says which
 * fields to look at again; the same period again replaces the row.
 */
export function DossierForm({ year, units, onSaved }: { year: number; units: readonly Unit[]; onSaved(): void }) {
  const w = P();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const period = String(form.get('period')) as DossierPeriod;
    const unitId = String(form.get('unitId') ?? '');
    const counts = Object.fromEntries(DOSSIER_COUNT_FIELDS.map((f) => [f, Number(form.get(f) || 0)]));
    try {
      await parApi.recordDossier({ year, period, ...(unitId ? { unitId } : {}), ...counts } as Parameters<typeof parApi.recordDossier>[0]);
      setError(null);
      setNotice(w.dossierSaved(DOSSIER_PERIOD_LABELS[period]));
      onSaved();
    } catch (err) {
      setNotice(null);
      setError((err as Error).message);
    }
  }
  return (
    <form className="action-form" onSubmit={submit} aria-labelledby="dossier-form-title" data-testid="dossier-form">
      <h3 id="dossier-form-title">{w.dossierForm} ({year})</h3>
      {error && <p role="alert" className="form-error" data-testid="dossier-error">{error}</p>}
      {notice && <p role="status" data-testid="dossier-notice">{notice}</p>}
      <div className="fields">
        <label className="field">{w.period}
          <select name="period" defaultValue="Q1" data-testid="dossier-period">
            {DOSSIER_PERIODS.map((p) => <option key={p} value={p}>{DOSSIER_PERIOD_LABELS[p]}</option>)}
          </select>
        </label>
        <label className="field">{w.unitOptional}
          <select name="unitId" defaultValue="">
            <option value="">—</option>
            {units.map((u) => <option key={u.id} value={u.id}>{u.code} — {u.name}</option>)}
          </select>
        </label>
        {DOSSIER_COUNT_FIELDS.map((f) => (
          <label key={f} className="field">{DOSSIER_COUNT_LABELS[f]}
            <input name={f} type="number" min={0} step={1} inputMode="numeric" defaultValue={0} required data-testid={`dossier-${f}`} />
          </label>
        ))}
      </div>
      <button type="submit" data-testid="dossier-submit">{w.save}</button>
    </form>
  );
}
