import type { Role } from '../../machines/roles';
import type { User } from '../../machines/api';
import { N } from '../i18n/nav';
import { useLocation } from '../router';
import { Link } from './Link';

/** Top-bar links, one line per page; a page shows only to the roles that may use it. */
const LINKS: Array<{ href: string; label: () => string; roles?: Role[] }> = [
  { href: '/', label: () => N().board },
  { href: '/dashboard', label: () => N().dashboard },
  { href: '/plans/current', label: () => N().plan, roles: ['leader', 'coordinator'] },
  { href: '/reviews', label: () => N().reviews },
  { href: '/inspections', label: () => N().inspections },
  { href: '/par', label: () => N().par },
];

/** `className`: the top bar's copy (.topnav) or the menu's (.menu-nav); CSS shows the one that fits. */
export function Nav({ user, className }: { user: User; className: string }) {
  const here = useLocation().split('?')[0];
  return (
    <nav className={className} aria-label={N().label}>
      {LINKS.filter((l) => !l.roles || l.roles.includes(user.role)).map((l) => {
        const current = l.href === '/' ? here === '/' : here.startsWith(l.href.replace('/current', ''));
        return (
          <Link key={l.href} href={l.href} aria-current={current ? 'page' : undefined} data-testid={className === 'topnav' ? `nav-${l.href.split('/')[1] || 'board'}` : `menu-nav-${l.href.split('/')[1] || 'board'}`}>
            {l.label()}
          </Link>
        );
      })}
    </nav>
  );
}
