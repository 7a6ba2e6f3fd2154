import { useState, type FormEvent } from 'react';
import type { User } from '../../machines/api';
import { api } from '../net/http';
import { t } from '../i18n';

interface LoginProps {
  notice?: string;
  onLogin(user: User): void;
  onSwitchLanguage(): void;
}

export function Login({ notice, onLogin, onSwitchLanguage }: LoginProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t.login.missing);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { user } = await api.login(username.trim(), password);
      onLogin(user);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t.errors.network);
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} noValidate data-testid="login-form">
        <div className="login-head">
          <h1>{t.appName}</h1>
          <button type="button" className="link" onClick={onSwitchLanguage} aria-label={t.switchToLabel} data-testid="language" lang={t.locale === 'vi-VN' ? 'en' : 'vi'}>
            {t.switchTo}
          </button>
        </div>
        <p className="login-subtitle">{t.login.subtitle}</p>
        <h2>{t.login.title}</h2>
        {notice && !error && <p className="notice" role="status">{notice}</p>}
        <label>
          {t.login.username}
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
          {t.login.password}
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
          {busy ? t.login.submitting : t.login.submit}
        </button>
      </form>
    </main>
  );
}
