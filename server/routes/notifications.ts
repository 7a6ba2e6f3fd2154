import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { MarkReadBody, PreferencesBody, type Preferences } from '../../machines/notificationsApi';
import type { AppEnv, Deps } from '../http/context';
import { readBody } from '../http/respond';
import { digestChoiceOf, type Notifications } from '../notifications/notifications';
import { newUnsubscribeToken } from '../notifications/outbox';
import type { AccountStorePort, StoredUser, UserPatch } from '../store/accountsPort';

export const preferencesOf = (u: StoredUser): Preferences => ({
  ...(u.email ? { email: u.email } : {}),
  emailReminders: u.emailReminders ?? true,
  digest: digestChoiceOf(u),
});

/** A patch that sets an address also gives the user an unsubscribe secret, if they have none yet. */
export function withUnsubscribeToken(user: StoredUser, patch: UserPatch): UserPatch {
  return patch.email && !user.unsubscribeToken ? { ...patch, unsubscribeToken: newUnsubscribeToken() } : patch;
}

/** GET /api/notifications, POST /api/notifications/read, GET/PATCH /api/me/preferences (API.md). */
export function notificationRoutes({ accounts }: Deps, notifications: Notifications) {
  const app = new Hono<AppEnv>();
  app.get('/notifications', async (c) => {
    // Notices of events this instance has accepted are written first: a request sees what its own moves made.
    await notifications.idle();
    const unread = c.req.query('unread');
    return c.json(notifications.list(c.get('user').id, unread === '1' || unread === 'true'));
  });
  app.post('/notifications/read', async (c) => {
    const body = await readBody(c, MarkReadBody);
    await notifications.idle();
    await notifications.markRead(c.get('user').id, body);
    return c.body(null, 204);
  });
  app.get('/me/preferences', (c) => c.json(preferencesOf(c.get('user'))));
  app.patch('/me/preferences', async (c) => {
    const body = await readBody(c, PreferencesBody);
    const user = c.get('user');
    const updated = await accounts.updateUser(user.id, withUnsubscribeToken(user, body));
    return c.json(preferencesOf(updated!));
  });
  return app;
}

const page = (title: string, text: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p><p><a href="/">Về bảng công việc</a></p></body></html>`;

/**
 * GET /api/unsubscribe?u=&t=: the link in every reminder mail. It needs no session (it is opened
 * from a mail program); the user's secret token is the authority, compared in constant time.
 */
export function unsubscribeRoutes(accounts: AccountStorePort) {
  const app = new Hono<AppEnv>();
  app.get('/unsubscribe', async (c) => {
    const user = await accounts.findById(c.req.query('u') ?? '');
    const given = Buffer.from(c.req.query('t') ?? '');
    const expected = Buffer.from(user?.unsubscribeToken ?? '');
    if (!user || !expected.length || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return c.html(page('Liên kết không hợp lệ', 'Liên kết hủy nhận email không đúng hoặc đã cũ. Bạn có thể tắt email nhắc việc trong trang Tùy chọn thông báo.'), 404);
    }
    await accounts.updateUser(user.id, { emailReminders: false });
    return c.html(page('Đã tắt email nhắc việc', `Tài khoản ${user.username} sẽ không nhận email nhắc việc nữa. Thông báo trong ứng dụng vẫn hiển thị; bạn có thể bật lại trong trang Tùy chọn thông báo.`));
  });
  return app;
}
