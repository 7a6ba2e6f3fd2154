import { locale } from '../i18n';

/** The notification screens' words (Vietnamese first; English when the app is switched). */
const vi = {
  bell: (n: number) => (n ? `Thông báo: ${n} chưa đọc` : 'Thông báo'),
  listTitle: 'Thông báo',
  empty: 'Chưa có thông báo nào.',
  unreadOnly: 'Chỉ hiện chưa đọc',
  markAll: 'Đánh dấu tất cả đã đọc',
  markOne: 'Đã đọc',
  preferencesLink: 'Tùy chọn thông báo',
  preferencesTitle: 'Tùy chọn thông báo',
  email: 'Địa chỉ email nhận nhắc việc',
  emailReminders: 'Gửi nhắc việc và bản tổng hợp qua email',
  digest: 'Bản tổng hợp công việc',
  digestChoices: { off: 'Không nhận', daily: 'Hằng ngày', weekly: 'Hằng tuần (thứ Hai)' },
  save: 'Lưu',
  saved: 'Đã lưu tùy chọn.',
  loading: 'Đang tải…',
};
const en: typeof vi = {
  bell: (n) => (n ? `Notifications: ${n} unread` : 'Notifications'),
  listTitle: 'Notifications',
  empty: 'No notifications yet.',
  unreadOnly: 'Unread only',
  markAll: 'Mark all read',
  markOne: 'Read',
  preferencesLink: 'Notification settings',
  preferencesTitle: 'Notification settings',
  email: 'Email address for reminders',
  emailReminders: 'Send reminders and the digest by email',
  digest: 'Work digest',
  digestChoices: { off: 'Off', daily: 'Daily', weekly: 'Weekly (Monday)' },
  save: 'Save',
  saved: 'Settings saved.',
  loading: 'Loading…',
};

export const words = () => (locale === 'en' ? en : vi);
