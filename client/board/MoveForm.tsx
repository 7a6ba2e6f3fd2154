import { useId, useState, type FormEvent } from 'react';
import type { Task } from '../../machines/api';
import type { TaskEventType, TaskInputField } from '../../machines/task';
import { t } from '../i18n';
import { Dialog } from '../ui/Dialog';
import { targetOf } from './moves';
import { FilePicker } from '../files/FilePicker';
import { tf } from '../files/i18n';
import { useUploads } from '../files/useUploads';
import { TASK_EVENT_RULES } from '../../machines/task';

interface MoveFormProps {
  task: Task;
  event: TaskEventType;
  field: TaskInputField;
  /** `files`: ids of uploaded files, for a move that takes them (SUBMIT). */
  onSubmit(value: string, files: string[]): void;
  onCancel(): void;
}

/** Asks for the evidence (SUBMIT: text and/or files, picked or dropped on the form) or reason (RETURN, REOPEN, CANCEL) a move needs. */
export function MoveForm({ task, event, field, onSubmit, onCancel }: MoveFormProps) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const target = targetOf(task.state, event);
  const takesFiles = TASK_EVENT_RULES[event].orFiles === true;
  const uploads = useUploads();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (uploads.busy) {
      setError(tf().busy);
      return;
    }
    // Refused here, before anything is sent: the server would refuse it too.
    if (!value.trim() && !(takesFiles && uploads.ready.length)) {
      setError(takesFiles ? tf().evidenceOrFile : t.move.required[field]);
      return;
    }
    onSubmit(value.trim(), uploads.ready.map((f) => f.id));
  };

  return (
    <Dialog labelledBy={titleId} className="move-form" testId="move-form" onClose={onCancel}>
      <form onSubmit={submit} noValidate {...(takesFiles ? uploads.dropTarget : {})}>
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
          aria-required={takesFiles ? undefined : 'true'}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          onChange={(e) => {
            setValue(e.target.value);
            if (error) setError(null);
          }}
        />
        <p id={hintId} className="hint">{t.move.fieldHint[field]}</p>
        {takesFiles && <FilePicker uploads={uploads} />}
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
