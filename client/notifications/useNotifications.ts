import { useCallback, useEffect, useState } from 'react';
import type { Notification } from '../../machines/notificationsApi';
import { notificationsApi } from './api';
import { followNotifications } from './feed';

/** The user's notifications, newest first, kept current over the stream. */
export function useNotifications() {
  const [items, setItems] = useState<Notification[] | undefined>();
  const reload = useCallback(() => {
    notificationsApi.list().then(setItems, () => undefined);
  }, []);
  useEffect(
    () =>
      followNotifications({
        onOpen: reload,
        onNotification: (n) =>
          setItems((list) => {
            if (!list) return list;
            const rest = list.filter((x) => x.id !== n.id);
            return list.some((x) => x.id === n.id) ? list.map((x) => (x.id === n.id ? n : x)) : [n, ...rest];
          }),
      }),
    [reload],
  );
  const markRead = useCallback(async (which: { ids: string[] } | { all: true }) => {
    await notificationsApi.read(which);
    setItems((list) => list?.map((n) => ('all' in which || which.ids.includes(n.id) ? { ...n, read: true } : n)));
  }, []);
  return { items, unread: items?.filter((n) => !n.read).length ?? 0, markRead, reload };
}
