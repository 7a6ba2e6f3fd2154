import type { Notification } from '../../machines/notificationsApi';

type Listener = { onOpen(): void; onNotification(n: Notification): void };
const listeners = new Set<Listener>();
let source: EventSource | undefined;
let retry: ReturnType<typeof setTimeout> | undefined;

/**
 * The user's `notification` events from /api/stream, one connection for every bell and list on
 * the page. Each (re)connection calls onOpen: events sent while disconnected are lost, so the
 * caller refetches.
 */
export function followNotifications(listener: Listener): () => void {
  listeners.add(listener);
  if (!source) connect();
  return () => {
    listeners.delete(listener);
    if (listeners.size) return;
    clearTimeout(retry);
    source?.close();
    source = undefined;
  };
}

function connect(): void {
  const current = new EventSource('/api/stream', { withCredentials: true });
  source = current;
  current.addEventListener('open', () => listeners.forEach((l) => l.onOpen()));
  current.addEventListener('notification', (event) => {
    let n: Notification;
    try {
      n = JSON.parse((event as MessageEvent<string>).data) as Notification;
    } catch {
      return;
    }
    listeners.forEach((l) => l.onNotification(n));
  });
  current.addEventListener('error', () => {
    if (current.readyState === EventSource.CLOSED && source === current) retry = setTimeout(connect, 2000);
  });
}
