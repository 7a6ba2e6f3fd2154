import type { ReactNode } from 'react';
import type { User } from '../../machines/api';
import { TopBar } from './TopBar';

interface PageFrameProps {
  user: User;
  title: string;
  connected?: boolean;
  onLogout(): void;
  onSwitchLanguage(): void;
  children: ReactNode;
}

/** A page beside the board: the same top bar, a title, the content. */
export function PageFrame({ user, title, connected = true, onLogout, onSwitchLanguage, children }: PageFrameProps) {
  return (
    <div className="app page">
      <TopBar user={user} unit={undefined} connected={connected} onLogout={onLogout} onSwitchLanguage={onSwitchLanguage} />
      <main className="page-main">
        <h1 className="page-title">{title}</h1>
        {children}
      </main>
    </div>
  );
}
