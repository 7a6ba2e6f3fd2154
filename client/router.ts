import { lazy, useSyncExternalStore, type ComponentType, type LazyExoticComponent } from 'react';
import type { User } from '../machines/api';

/**
 * The client's pages (API.md "Pages"): a small table, one line per page, matched in order. Pages
 * other than the board are lazy chunks, so the board's bundle does not carry them. To add a page,
 * add a line (other helpers add /users and /inspections here).
 */
export interface PageProps {
  user: User;
  params: Record<string, string>;
  onLogout(): void;
  onSwitchLanguage(): void;
  onSessionEnded(): void;
}

export interface RouteDef {
  /** '/plans/:planId': segments starting with ':' are parameters. */
  path: string;
  page: LazyExoticComponent<ComponentType<PageProps>> | 'board';
}

const page = (load: () => Promise<{ default: ComponentType<PageProps> }>) => lazy(load);

export const ROUTES: RouteDef[] = [
  { path: '/', page: 'board' },
  { path: '/dashboard', page: page(() => import('./dashboard/DashboardPage')) },
  { path: '/plans/:planId', page: page(() => import('./plan/PlanPage')) },
  { path: '/reviews', page: page(() => import('./reviews/ReviewsPage')) },
  { path: '/reviews/:id', page: page(() => import('./reviews/ReviewPage')) },
  { path: '/print/plans/:planId', page: page(() => import('./print/PlanReport')) },
  { path: '/print/reviews/:id', page: page(() => import('./print/ReviewReport')) },
  { path: '/print/par/:id', page: page(() => import('./print/ParReport')) },
  { path: '/inspections', page: page(() => import('./inspections/pages').then((m) => ({ default: m.InspectionListPage }))) },
  { path: '/inspections/:id', page: page(() => import('./inspections/pages').then((m) => ({ default: m.InspectionPage }))) },
  { path: '/par', page: page(() => import('./par/ParListPage')) },
  { path: '/par/:id', page: page(() => import('./par/ParPage')) },
  { path: '/notifications', page: page(() => import('./notifications/NotificationsPage')) },
  { path: '/notifications/preferences', page: page(() => import('./notifications/PreferencesPage')) },
  { path: '/print/inspections/:id', page: page(() => import('./inspections/pages').then((m) => ({ default: m.ConclusionNoticePage }))) },
];

export function matchRoute(pathname: string, routes: readonly RouteDef[] = ROUTES): { route: RouteDef; params: Record<string, string> } | undefined {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (pattern.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = decodeURIComponent(parts[i])), true) : p === parts[i]))) {
      return { route, params };
    }
  }
  return undefined;
}

const NAVIGATE = 'tiendo:navigate';

/** History API navigation: a new entry, so the back button returns to the page before. */
export function navigate(to: string): void {
  if (to === location.pathname + location.search) return;
  history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE, onChange);
  };
}

/** The current path (and query), re-rendering on navigation and on back/forward. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, () => location.pathname + location.search);
}
