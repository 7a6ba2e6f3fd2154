import { useState, type FormEvent, type ReactNode } from 'react';

/** A small form that sends once, shows the server's refusal beside it, and resets on success. */
export function ActionForm({ title, testid, submit, onDone, children, submitLabel }: {
  title: string;
  testid: string;
  submitLabel: string;
  submit(data: FormData): Promise<unknown>;
  onDone(): void;
  children: ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    try {
      await submit(new FormData(form));
      setError(null);
      form.reset();
      onDone();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="action-form" data-testid={testid} onSubmit={onSubmit} aria-busy={busy}>
      <h3>{title}</h3>
      <div className="fields">{children}</div>
      {error && <p role="alert" className="form-error" data-testid={`${testid}-error`}>{error}</p>}
      <button type="submit" disabled={busy} data-testid={`${testid}-submit`}>{submitLabel}</button>
    </form>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

export const str = (data: FormData, name: string) => String(data.get(name) ?? '').trim();
export const opt = (data: FormData, name: string) => str(data, name) || undefined;
