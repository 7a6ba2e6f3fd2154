import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';
import { formatDateVi, parseDateVi } from '../../machines/dates';
import { locale } from '../i18n';

/**
 * A date field that reads and writes dd/MM/yyyy whatever the browser's language (a native
 * `<input type=date>` follows the browser: mm/dd/yyyy under English). Typed, or picked with the
 * browser's own calendar (the button opens the hidden native input's picker: no library, nothing
 * to load). Its value is an ISO date (YYYY-MM-DD): `onChange` gets it, and with `name` a hidden
 * input carries it in a form, so FormData reads what `<input type=date>` gave. A date that cannot
 * be read, or is out of [min, max], is a validation error with the same words in every browser.
 */
type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onChange' | 'type' | 'min' | 'max'> & {
  /** ISO date or '' (controlled); leave out for a form field the form reads by `name`. */
  value?: string;
  onChange?(iso: string): void;
  min?: string;
  max?: string;
};

const WORDS = {
  vi: { format: 'Nhập ngày dạng dd/mm/yyyy, ví dụ 31/12/2026.', before: (d: string) => `Ngày không được trước ${d}.`, after: (d: string) => `Ngày không được sau ${d}.`, pick: 'Chọn ngày trên lịch', placeholder: 'dd/mm/yyyy' },
  en: { format: 'Enter the date as dd/mm/yyyy, e.g. 31/12/2026.', before: (d: string) => `The date cannot be before ${d}.`, after: (d: string) => `The date cannot be after ${d}.`, pick: 'Pick a date on the calendar', placeholder: 'dd/mm/yyyy' },
};

/** Why `text` is not an acceptable date; '' when it is (or is empty: `required` speaks for that). */
export function dateProblem(text: string, min?: string, max?: string): string {
  const w = WORDS[locale];
  if (text.trim() === '') return '';
  const iso = parseDateVi(text);
  if (!iso) return w.format;
  if (min && iso < min) return w.before(formatDateVi(min));
  if (max && iso > max) return w.after(formatDateVi(max));
  return '';
}

export function DateInput({ value, onChange, min, max, name, className, ...rest }: Props) {
  const [text, setText] = useState(value ? formatDateVi(value) : '');
  const input = useRef<HTMLInputElement>(null);
  const native = useRef<HTMLInputElement>(null);
  const iso = parseDateVi(text) ?? '';

  // A new value from outside (another control, the URL) replaces what is shown.
  useEffect(() => {
    if (value !== undefined && value !== (parseDateVi(text) ?? '')) setText(value ? formatDateVi(value) : '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  useEffect(() => input.current?.setCustomValidity(dateProblem(text, min, max)), [text, min, max]);
  // An uncontrolled field empties with its form (ActionForm resets after a success).
  useEffect(() => {
    const form = input.current?.form;
    if (!form || value !== undefined) return;
    const reset = () => setText('');
    form.addEventListener('reset', reset);
    return () => form.removeEventListener('reset', reset);
  }, [value]);

  const accept = (next: string) => {
    setText(next);
    const parsed = parseDateVi(next);
    if (next.trim() === '') onChange?.('');
    else if (parsed && !dateProblem(next, min, max)) onChange?.(parsed);
  };
  const pick = () => {
    const el = native.current;
    if (!el) return;
    try {
      el.showPicker();
    } catch {
      el.focus();
    }
  };

  return (
    <span className={`date-input ${className ?? ''}`}>
      <input
        {...rest}
        ref={input}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={WORDS[locale].placeholder}
        value={text}
        aria-invalid={dateProblem(text, min, max) ? true : undefined}
        onChange={(e) => accept(e.target.value)}
        onBlur={(e) => {
          if (iso && !dateProblem(text, min, max)) setText(formatDateVi(iso));
          rest.onBlur?.(e);
        }}
      />
      {name && <input type="hidden" name={name} value={iso} />}
      <button type="button" className="date-pick" onClick={pick} aria-label={WORDS[locale].pick} disabled={rest.disabled}>
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <rect x="3" y="5" width="18" height="16" rx="2" />
          <path d="M3 10h18M8 3v4M16 3v4" />
        </svg>
      </button>
      <input
        ref={native}
        type="date"
        className="date-native"
        tabIndex={-1}
        aria-hidden="true"
        value={iso}
        min={min}
        max={max}
        onChange={(e) => accept(e.target.value ? formatDateVi(e.target.value) : '')}
      />
    </span>
  );
}
