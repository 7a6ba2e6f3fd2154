import { useCallback, useEffect, useState } from 'react';
import type { User } from '../machines/api';
import { api } from './net/http';
import { Pages } from './Pages';
import { locale, setLocale, t, type Locale } from './i18n';
import { Login } from './login/Login';
import { UsersScreen } from './users/UsersScreen';

type Session = { status: 'checking' } | { status: 'out'; notice?: string } | { status: 'in'; user: User };

export function App() {
  const [session, setSession] = useState<Session>({ status: 'checking' });
  const [language, setLanguage] = useState<Locale>(locale);
  const switchLanguage = useCallback(() => {
    const next = language === 'vi' ? 'en' : 'vi';
    setLocale(next);
    setLanguage(next);
  }, [language]);

  useEffect(() => {
    // Resume an existing session (the cookie is httpOnly, so only the server can tell).
    api.me().then(
      ({ user }) => setSession({ status: 'in', user }),
      () => setSession({ status: 'out' }),
    );
  }, []);

  const logout = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setSession({ status: 'out' });
  }, []);
  const sessionEnded = useCallback(() => setSession({ status: 'out', notice: t.errors.sessionEnded }), []);

  if (session.status === 'checking') return <p className="splash">{t.session.loading}</p>;
  if (session.status === 'out') {
    return (
      <Login
        key={language}
        notice={session.notice}
        onSwitchLanguage={switchLanguage}
        onLogin={(user) => setSession({ status: 'in', user })}
      />
    );
  }
  if (window.location.pathname === '/users') return <UsersScreen key={language} user={session.user} />;
  // Keyed by user (allowed moves are per user) and language (every word is read at render).
  return (
    <Pages
      key={`${session.user.id}:${language}`}
      user={session.user}
      onLogout={logout}
      onSessionEnded={sessionEnded}
      onSwitchLanguage={switchLanguage}
    />
  );
}
