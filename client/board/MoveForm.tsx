import { useId, useState, type FormEvent } from 'react';
import type { Task } from '../../machines/api';
import type { TaskEventType, TaskInputField } from '../../machines/task';
import { t } from '../i18n';
import { Dialog } from '../ui/Dialog';
import { targetOf } from './moves';

interface MoveFormProps {
  task: Task;
  event: TaskEventType;
  field: TaskInputField;
  onSubmit(value: string): void;
  onCancel(): void;
}

/** Asks for the evidence (SUBMIT) or reason (RETURN, REOPEN, CANCEL) a move needs. */
export function MoveForm({ task, event, field, onSubmit, onCancel }: MoveFormProps) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const target = targetOf(task.state, event);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Refused here, before anything is sent: the server would refuse it too.
    if (!value.trim()) {
      setError(t.move.required[field]);
      return;
    }
    onSubmit(value.trim());
  };

  return (
    <Dialog labelledBy={titleId} className="move-form" testId="move-form" onClose={onCancel}>
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>{t.move.title(t.events[event], task.code)}</h2>
        <p className="move-form-task">
          {task.title}
          {target && (
            <>
              <br />
              {t.states[task.state]} → <strong>{t.states[target]}</strong>
            </>
          )}
        </p>
        <label htmlFor={inputId}>{t.move.fieldLabel[field]}</label>
        <textarea
          id={inputId}
          data-testid="move-input"
          rows={3}
          value={value}
          autoFocus
          aria-required="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          onChange={(e) => {
            setValue(e.target.value);
            if (error) setError(null);
          }}
        />
        <p id={hintId} className="hint">{t.move.fieldHint[field]}</p>
        {error && (
          <p id={errorId} className="field-error" role="alert" data-testid="move-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>{t.move.cancel}</button>
          <button type="submit" className="primary" data-testid="move-confirm">{t.move.confirm}</button>
        </div>
      </form>
    </Dialog>
  );
}
