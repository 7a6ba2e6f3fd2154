import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiFailure } from '../net/http';
import { P } from './words';

interface RowError {
  row: number;
  column: string;
  message: string;
}

interface UploadFormProps {
  title: string;
  templateHref: string;
  testid: string;
  /** Extra fields sent with the file (year, title…). */
  children?: ReactNode;
  send(form: FormData): Promise<string>;
}

/** Upload a filled template; a refused file lists every bad cell by row and column, as the plan import does. */
export function UploadForm({ title, templateHref, testid, children, send }: UploadFormProps) {
  const w = P();
  const [error, setError] = useState<{ message: string; rows?: RowError[] } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    try {
      setDone(await send(new FormData(e.currentTarget)));
      setError(null);
    } catch (err) {
      setDone(null);
      const details = err instanceof ApiFailure ? (err.details as { rows?: RowError[] } | undefined) : undefined;
      setError({ message: (err as Error).message, rows: details?.rows });
    }
  };
  return (
    <form className="action-form" data-testid={testid} onSubmit={onSubmit} aria-label={title}>
      <h3>{title}</h3>
      <p><a href={templateHref} download data-testid={`${testid}-template`}>{w.template}</a></p>
      <div className="fields">
        <label className="field">{w.file}<input type="file" name="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required data-testid={`${testid}-file`} /></label>
        {children}
      </div>
      {error && (
        <div role="alert" className="form-error" data-testid={`${testid}-error`}>
          <p>{error.message}</p>
          {!!error.rows?.length && (
            <table className="data" data-testid={`${testid}-rows`}>
              <thead><tr><th>{w.row}</th><th>{w.column}</th><th>{w.message}</th></tr></thead>
              <tbody>{error.rows.map((r, i) => <tr key={i}><td>{r.row}</td><td>{r.column}</td><td>{r.message}</td></tr>)}</tbody>
            </table>
          )}
        </div>
      )}
      {done && <p role="status" data-testid={`${testid}-done`}>{done}</p>}
      <button type="submit" data-testid={`${testid}-submit`}>{w.upload}</button>
    </form>
  );
}
