import { useState } from 'react';
import type { Unit } from '../../machines/api';
import { t } from '../i18n';
import { usersApi, type Account } from './usersApi';
import { words } from './words';

interface Props {
  users: Account[];
  units: Unit[];
  selfId: string;
  onChanged(user: Account): void;
  onMessage(message: { ok: boolean; text: string }): void;
}

/** Every account with disable/enable and password reset (the leader's own row cannot be disabled). */
export function UsersTable({ users, units, selfId, onChanged, onMessage }: Props) {
  const w = words();
  const [resetting, setResetting] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const unitName = (id: string | null) => (id ? units.find((u) => u.id === id)?.code ?? id : '—');
  const fail = (failure: unknown) => onMessage({ ok: false, text: (failure as Error).message });

  const toggle = (user: Account) =>
    usersApi.update(user.id, { disabled: !user.disabled }).then(({ user: u }) => {
      onChanged(u);
      onMessage({ ok: true, text: w.saved });
    }, fail);
  const reset = (user: Account) =>
    usersApi.resetPassword(user.id, password).then(() => {
      setResetting(null);
      setPassword('');
      onMessage({ ok: true, text: w.passwordReset(user.username) });
    }, fail);

  return (
    <table className="users" data-testid="users-table">
      <thead>
        <tr>
          <th scope="col">{w.username}</th>
          <th scope="col">{w.name}</th>
          <th scope="col">{w.role}</th>
          <th scope="col">{w.unit}</th>
          <th scope="col">{w.status}</th>
          <th scope="col">{w.actions}</th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id} data-testid={`user-${u.username}`} className={u.disabled ? 'disabled' : undefined}>
            <td>{u.username}</td>
            <td>{u.name}</td>
            <td>{t.roles[u.role]}</td>
            <td>{unitName(u.unitId)}</td>
            <td data-testid="user-status">{u.disabled ? w.disabledState : w.active}</td>
            <td className="actions">
              {u.id !== selfId && (
                <button type="button" onClick={() => void toggle(u)} data-testid="toggle-disabled">
                  {u.disabled ? w.enable : w.disable}
                </button>
              )}
              {resetting === u.id ? (
                <span className="reset">
                  <input
                    type="password"
                    autoComplete="new-password"
                    aria-label={w.newPasswordFor(u.username)}
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                    data-testid="reset-password-input"
                  />
                  <button type="button" className="primary" onClick={() => void reset(u)} data-testid="reset-password-save">{w.save}</button>
                  <button type="button" onClick={() => setResetting(null)}>{w.cancel}</button>
                </span>
              ) : (
                <button type="button" onClick={() => { setResetting(u.id); setPassword(''); }} data-testid="reset-password">
                  {w.resetPassword}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
