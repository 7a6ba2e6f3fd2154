import { useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../machines/accounts';
import { usersApi } from './usersApi';
import { words } from './words';

/** Everyone's own password: the current one is required; the server applies the password rules. */
export function ChangePassword() {
  const w = words();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== again) return setMessage({ ok: false, text: w.mismatch });
    setBusy(true);
    try {
      await usersApi.changeOwnPassword(current, next);
      setMessage({ ok: true, text: w.changed });
      setCurrent('');
      setNext('');
      setAgain('');
    } catch (failure) {
      setMessage({ ok: false, text: (failure as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={submit} data-testid="change-password">
      <h2>{w.changeTitle}</h2>
      <label>
        {w.currentPassword}
        <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="current-password" />
      </label>
      <label>
        {w.newPassword}
        <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} data-testid="new-password" />
      </label>
      <label>
        {w.confirmPassword}
        <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} data-testid="confirm-password" />
      </label>
      <p className="hint">{w.passwordHint(MIN_PASSWORD_LENGTH)}</p>
      {message && (
        <p className={message.ok ? 'notice' : 'field-error'} role={message.ok ? 'status' : 'alert'} data-testid="change-password-message">
          {message.text}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !current || !next} data-testid="change-password-submit">
        {w.change}
      </button>
    </form>
  );
}
