import { useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../machines/accounts';
import type { Unit } from '../../machines/api';
import { ROLES, type Role } from '../../machines/roles';
import { t } from '../i18n';
import { usersApi, type Account } from './usersApi';
import { words } from './words';

/** A leader adds a user: username, name, role, unit, initial password (rules checked by the server). */
export function NewUserForm({ units, onCreated }: { units: Unit[]; onCreated(user: Account): void }) {
  const w = words();
  const [form, setForm] = useState({ username: '', name: '', role: 'unitHead' as Role, unitId: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = await usersApi.create({ ...form, unitId: form.unitId || null });
      onCreated(user);
      setForm({ username: '', name: '', role: 'unitHead', unitId: '', password: '' });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={submit} data-testid="new-user">
      <h2>{w.createTitle}</h2>
      <label>
        {w.username}
        <input value={form.username} onChange={set('username')} autoComplete="off" data-testid="new-username" />
      </label>
      <label>
        {w.name}
        <input value={form.name} onChange={set('name')} data-testid="new-name" />
      </label>
      <label>
        {w.role}
        <select value={form.role} onChange={set('role')} data-testid="new-role">
          {ROLES.map((r) => (
            <option key={r} value={r}>{t.roles[r]}</option>
          ))}
        </select>
      </label>
      <label>
        {w.unit}
        <select value={form.unitId} onChange={set('unitId')} data-testid="new-unit">
          <option value="">{w.noUnit}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>{`${u.code} · ${u.name}`}</option>
          ))}
        </select>
      </label>
      <label>
        {w.password}
        <input type="password" autoComplete="new-password" value={form.password} onChange={set('password')} data-testid="new-password-initial" />
      </label>
      <p className="hint">{w.passwordHint(MIN_PASSWORD_LENGTH)}</p>
      {error && <p className="field-error" role="alert" data-testid="new-user-error">{error}</p>}
      <button type="submit" className="primary" disabled={busy} data-testid="new-user-submit">{w.create}</button>
    </form>
  );
}
