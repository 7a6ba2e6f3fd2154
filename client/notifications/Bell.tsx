import { Link } from '../ui/Link';
import './notifications.css';
import { useNotifications } from './useNotifications';
import { words } from './words';

/** The top bar's bell: the unread count, live over the stream; opens the list. */
export function Bell() {
  const { items, unread } = useNotifications();
  const w = words();
  return (
    <Link href="/notifications" className="topbar-link bell" data-testid="bell" data-unread={items ? unread : undefined} aria-label={w.bell(unread)} title={w.bell(unread)}>
      {/* A drawn bell, not the emoji: agency machines (and Debian's fonts) often have no emoji font. */}
      <svg className="bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z" />
      </svg>
      {unread > 0 && <span className="bell-count" data-testid="bell-count">{new Intl.NumberFormat('vi-VN').format(unread)}</span>}
    </Link>
  );
}
