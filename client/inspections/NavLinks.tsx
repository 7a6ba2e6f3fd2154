import './inspections.css';
import { useEffect, useState } from 'react';
import { ti } from './i18n';
import { navigate } from './route';

/** Follows the location bar (pushState from navigate(), back/forward from the browser). */
export function usePath(): string {
  const [path, setPath] = useState(() => location.pathname);
  useEffect(() => {
    const follow = () => setPath(location.pathname);
    addEventListener('popstate', follow);
    return () => removeEventListener('popstate', follow);
  }, []);
  return path;
}

/** The top bar's links between the board and the inspections, the current one marked. */
export function NavLinks() {
  const path = usePath();
  const w = ti();
  const links = [
    { href: '/', label: w.board, current: path === '/' },
    { href: '/inspections', label: w.nav, current: path.startsWith('/inspections') },
  ];
  return (
    <nav className="topnav" aria-label={w.nav}>
      {links.map((l) => (
        <a
          key={l.href}
          href={l.href}
          aria-current={l.current ? 'page' : undefined}
          data-testid={`nav-${l.href === '/' ? 'board' : 'inspections'}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(l.href);
          }}
        >
          {l.label}
        </a>
      ))}
    </nav>
  );
}
