import { useId, useState, type FormEvent } from 'react';
import { ti } from './i18n';
import { useSubmit } from './useSubmit';
import { DateInput } from '../ui/DateInput';
import { FilePicker } from '../files/FilePicker';
import { tf } from '../files/i18n';
import { useUploads } from '../files/useUploads';

export interface StepField {
  name: string;
  label: string;
  /** `files`: evidence files, picked, dropped on the form or (`camera`) photographed on a phone. */
  kind: 'text' | 'textarea' | 'date' | 'checkbox' | 'select' | 'files';
  camera?: boolean;
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
  onSubmit(values: StepValues, files: string[]): Promise<unknown>;
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
  const uploads = useUploads();
  const takesFiles = fields.some((f) => f.kind === 'files');

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (uploads.busy) return void submit(() => Promise.reject(new Error(tf().busy)));
    const sent = await submit(() => onSubmit(values, uploads.ready.map((f) => f.id)));
    if (sent !== undefined) onCancel?.();
  };

  return (
    <form className="step-form" onSubmit={send} aria-labelledby={`${id}-t`} data-testid={testId} {...(takesFiles ? uploads.dropTarget : {})}>
      <h3 id={`${id}-t`}>{title}</h3>
      {fields.map((f) => {
        if (f.kind === 'files') {
          return (
            <div key={f.name} className="step-files">
              <span>{f.label}</span>
              <FilePicker uploads={uploads} camera={f.camera} />
            </div>
          );
        }
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
