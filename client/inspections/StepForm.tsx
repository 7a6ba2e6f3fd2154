import { useId, useState, type FormEvent } from 'react';
import { ti } from './i18n';
import { useSubmit } from './useSubmit';
import { DateInput } from '../ui/DateInput';

export interface StepField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'checkbox' | 'select';
  required?: boolean;
  hint?: string;
  options?: ReadonlyArray<{ value: string; label: string }>;
}

export type StepValues = Record<string, string | boolean>;

interface StepFormProps {
  title: string;
  fields: readonly StepField[];
  testId: string;
  /** Sends the step; a refusal's message is shown in the form. */
  onSubmit(values: StepValues): Promise<unknown>;
  onCancel?(): void;
}

/** One step of the cycle that needs input: the fields it needs, a send button, the server's answer. */
export function StepForm({ title, fields, testId, onSubmit, onCancel }: StepFormProps) {
  const w = ti();
  const id = useId();
  const { busy, error, submit } = useSubmit();
  const [values, setValues] = useState<StepValues>(() =>
    Object.fromEntries(fields.map((f) => [f.name, f.kind === 'checkbox' ? false : f.options?.[0]?.value ?? ''])),
  );
  const set = (name: string, value: string | boolean) => setValues((v) => ({ ...v, [name]: value }));

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const sent = await submit(() => onSubmit(values));
    if (sent !== undefined) onCancel?.();
  };

  return (
    <form className="step-form" onSubmit={send} aria-labelledby={`${id}-t`} data-testid={testId}>
      <h3 id={`${id}-t`}>{title}</h3>
      {fields.map((f) => {
        const value = values[f.name];
        const common = { name: f.name, required: f.required, 'data-testid': `${testId}-${f.name}` };
        return (
          <label key={f.name} className={f.kind === 'checkbox' ? 'check' : undefined}>
            {f.kind === 'checkbox' ? (
              <input type="checkbox" checked={value === true} onChange={(e) => set(f.name, e.target.checked)} {...common} />
            ) : null}
            {f.label}
            {f.kind === 'textarea' && <textarea rows={3} value={String(value)} onChange={(e) => set(f.name, e.target.value)} {...common} />}
            {f.kind === 'text' && <input value={String(value)} onChange={(e) => set(f.name, e.target.value)} {...common} />}
            {f.kind === 'date' && <DateInput value={String(value)} onChange={(iso) => set(f.name, iso)} {...common} />}
            {f.kind === 'select' && (
              <select value={String(value)} onChange={(e) => set(f.name, e.target.value)} {...common}>
                {f.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            )}
            {f.hint && <small className="muted">{f.hint}</small>}
          </label>
        );
      })}
      {error && <p role="alert" className="field-error">{error}</p>}
      <div className="form-actions">
        <button type="submit" disabled={busy} data-testid={`${testId}-submit`}>{busy ? w.detail.sending : w.detail.send}</button>
        {onCancel && <button type="button" onClick={onCancel}>{ti().create.cancel}</button>}
      </div>
    </form>
  );
}

/** A value the person left empty is not sent (the schema's optional fields). */
export const optional = (value: string | boolean | undefined) =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;
