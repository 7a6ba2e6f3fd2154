import { useState, type FormEvent } from 'react';
import { L } from '../i18n/leadership';
import { ApiFailure } from '../net/http';
import { leadershipApi } from '../net/leadershipApi';
import { navigate } from '../router';
import { Field } from './forms';

interface ImportDetails {
  rows: Array<{ row: number; column: string; message: string }>;
  unknownUnits: string[];
  unknownAreas: string[];
}

/** Upload a filled template; a refused file lists every bad cell and the unknown units and areas. */
export function ImportForm({ defaultYear }: { defaultYear: number }) {
  const d = L().plan;
  const [error, setError] = useState<{ message: string; details?: ImportDetails } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    if (!data.get('createUnknown')) data.delete('createUnknown');
    try {
      const { plan } = await leadershipApi.importPlan(data);
      setError(null);
      setDone(d.imported(plan.id));
      navigate(`/plans/${encodeURIComponent(plan.id)}`);
    } catch (err) {
      setDone(null);
      setError({ message: (err as Error).message, details: err instanceof ApiFailure ? (err.details as ImportDetails | undefined) : undefined });
    }
  };
  const unknown = error?.details && (error.details.unknownUnits.length > 0 || error.details.unknownAreas.length > 0);
  return (
    <form className="action-form" data-testid="import-form" onSubmit={onSubmit}>
      <h3>{d.import}</h3>
      <p><a href={leadershipApi.templateUrl} download data-testid="import-template">{d.template}</a></p>
      <div className="fields">
        <Field label={d.file}><input type="file" name="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required data-testid="import-file" /></Field>
        <Field label={d.year}><input type="number" name="year" defaultValue={defaultYear} min={2000} max={2100} data-testid="import-year" /></Field>
        <label className="check"><input type="checkbox" name="createUnknown" value="true" data-testid="import-create-unknown" /> {d.createUnknown}</label>
      </div>
      {error && (
        <div role="alert" className="form-error" data-testid="import-error">
          <p>{d.importErrors}</p>
          {error.details?.rows.length ? (
            <table className="data" data-testid="import-error-rows">
              <thead><tr><th>{d.row}</th><th>{d.column}</th><th>{d.message}</th></tr></thead>
              <tbody>{error.details.rows.map((r, i) => <tr key={i}><td>{r.row}</td><td>{r.column}</td><td>{r.message}</td></tr>)}</tbody>
            </table>
          ) : <p>{error.message}</p>}
          {unknown && (
            <p data-testid="import-unknown">
              {error.details!.unknownUnits.length > 0 && <>{d.unknownUnits}: {error.details!.unknownUnits.join(', ')}. </>}
              {error.details!.unknownAreas.length > 0 && <>{d.unknownAreas}: {error.details!.unknownAreas.join(', ')}.</>}
            </p>
          )}
        </div>
      )}
      {done && <p role="status" data-testid="import-done">{done}</p>}
      <button type="submit" data-testid="import-submit">{d.import}</button>
    </form>
  );
}
