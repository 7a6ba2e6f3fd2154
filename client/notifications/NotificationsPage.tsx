import { useState } from 'react';
import { formatDateVi, localDate, localMinuteOfDay } from '../../machines/dates';
import type { PageProps } from '../router';
import { Link } from '../ui/Link';
import { PageFrame } from '../ui/PageFrame';
import { useNotifications } from './useNotifications';
import { words } from './words';

const pad = (n: number) => String(n).padStart(2, '0');
/** HH:mm dd/MM/yyyy in agency time. */
const time = (at: string) => {
  const minute = localMinuteOfDay(new Date(at));
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)} ${formatDateVi(localDate(at))}`;
};

/** /notifications: the user's notifications, each linking to its card, finding, review or page; mark one or all read. */
export default function NotificationsPage({ user, onLogout, onSwitchLanguage }: PageProps) {
  const w = words();
  const { items, unread, markRead } = useNotifications();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const shown = (items ?? []).filter((n) => !unreadOnly || !n.read);
  return (
    <PageFrame user={user} title={w.listTitle} onLogout={onLogout} onSwitchLanguage={onSwitchLanguage}>
      <div className="notifications-tools">
        <label>
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> {w.unreadOnly}
        </label>
        <button type="button" disabled={!unread} onClick={() => void markRead({ all: true })} data-testid="mark-all-read">{w.markAll}</button>
        <Link href="/notifications/preferences">{w.preferencesLink}</Link>
      </div>
      {!items ? (
        <p>{w.loading}</p>
      ) : !shown.length ? (
        <p data-testid="notifications-empty">{w.empty}</p>
      ) : (
        <ul className="notifications" data-testid="notifications">
          {shown.map((n) => (
            <li key={n.id} className={n.read ? 'read' : 'unread'} data-testid="notification" data-kind={n.kind}>
              <time dateTime={n.at}>{time(n.at)}</time>
              <Link href={n.link} onClick={() => void (n.read ? undefined : markRead({ ids: [n.id] }))}>{n.text}</Link>
              {!n.read && (
                <button type="button" onClick={() => void markRead({ ids: [n.id] })}>{w.markOne}</button>
              )}
            </li>
          ))}
        </ul>
      )}
    </PageFrame>
  );
}
