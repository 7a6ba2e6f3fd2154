import { Suspense } from 'react';
import type { User } from '../machines/api';
import { BoardScreen } from './board/BoardScreen';
import { t } from './i18n';
import { N } from './i18n/nav';
import { matchRoute, useLocation } from './router';
import { Link } from './ui/Link';
import './ui/pages.css';

interface PagesProps {
  user: User;
  onLogout(): void;
  onSessionEnded(): void;
  onSwitchLanguage(): void;
}

/** The page for the current address (client/router.ts); the board at `/`. */
export function Pages(props: PagesProps) {
  const path = useLocation().split('?')[0];
  const match = matchRoute(path);
  if (!match) {
    return (
      <main className="board-message" role="alert">
        <p>{N().notFound} ({path})</p>
        <Link href="/">{N().board}</Link>
      </main>
    );
  }
  if (match.route.page === 'board') return <BoardScreen {...props} />;
  const Page = match.route.page;
  return (
    <Suspense fallback={<p className="splash">{t.session.loading}</p>}>
      <Page key={path} {...props} params={match.params} />
    </Suspense>
  );
}
