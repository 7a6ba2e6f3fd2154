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
      <span aria-hidden="true">🔔</span>
      {unread > 0 && <span className="bell-count" data-testid="bell-count">{new Intl.NumberFormat('vi-VN').format(unread)}</span>}
    </Link>
  );
}
