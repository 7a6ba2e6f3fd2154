import { useState, type FormEvent } from 'react';
import type { User } from '../../machines/api';
import { api } from '../net/http';
import { vi } from '../i18n/vi';

interface LoginProps {
  notice?: string;
  onLogin(user: User): void;
}

export function Login({ notice, onLogin }: LoginProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(vi.login.missing);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { user } = await api.login(username.trim(), password);
      onLogin(user);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : vi.errors.network);
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} noValidate data-testid="login-form">
        <h1>{vi.appName}</h1>
        <p className="login-subtitle">{vi.login.subtitle}</p>
        <h2>{vi.login.title}</h2>
        {notice && !error && <p className="notice" role="status">{notice}</p>}
        <label>
          {vi.login.username}
          <input
            name="username"
            autoComplete="username"
            autoFocus
            data-testid="login-username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {vi.login.password}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            data-testid="login-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && <p className="field-error" role="alert" data-testid="login-error">{error}</p>}
        <button type="submit" className="primary" disabled={busy} data-testid="login-submit">
          {busy ? vi.login.submitting : vi.login.submit}
        </button>
      </form>
    </main>
  );
}
