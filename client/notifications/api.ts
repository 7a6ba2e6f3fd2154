import type { Notification, Preferences, PreferencesBody } from '../../machines/notificationsApi';
import { request } from '../net/http';

export const notificationsApi = {
  list: (unreadOnly = false) => request<Notification[]>('GET', `/api/notifications${unreadOnly ? '?unread=1' : ''}`),
  read: (which: { ids: string[] } | { all: true }) => request<void>('POST', '/api/notifications/read', which),
  preferences: () => request<Preferences>('GET', '/api/me/preferences'),
  savePreferences: (body: PreferencesBody) => request<Preferences>('PATCH', '/api/me/preferences', body),
};
