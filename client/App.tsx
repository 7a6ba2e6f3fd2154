import { useCallback, useEffect, useState } from 'react';
import type { User } from '../machines/api';
import { api } from './net/http';
import { BoardScreen } from './board/BoardScreen';
import { vi } from './i18n/vi';
import { Login } from './login/Login';

type Session = { status: 'checking' } | { status: 'out'; notice?: string } | { status: 'in'; user: User };

export function App() {
  const [session, setSession] = useState<Session>({ status: 'checking' });

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
  const sessionEnded = useCallback(() => setSession({ status: 'out', notice: vi.errors.sessionEnded }), []);

  if (session.status === 'checking') return <p className="splash">{vi.session.loading}</p>;
  if (session.status === 'out') {
    return <Login notice={session.notice} onLogin={(user) => setSession({ status: 'in', user })} />;
  }
  // Keyed by user: a different login starts from a clean board (allowed moves are per user).
  return <BoardScreen key={session.user.id} user={session.user} onLogout={logout} onSessionEnded={sessionEnded} />;
}
