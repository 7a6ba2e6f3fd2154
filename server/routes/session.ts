import { Hono } from 'hono';
import { LoginBody } from '../../machines/api';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../auth/password';
import { AppError } from '../errors';
import { clientAddress } from '../http/clientAddress';
import type { AppEnv, Deps } from '../http/context';
import { assertReserved, loginKeys, type LoginLimiter } from '../http/loginLimiter';
import { readBody } from '../http/respond';
import { clearSessionCookie, requireSession, setSessionCookie } from '../http/session';
import { publicUser } from '../store/accountsPort';

/** POST /api/session (login), GET /api/me, DELETE /api/session (logout). */
/** Login's path under /api: the one state-changing request the CSRF header is not asked of (server/http/csrf.ts). */
export const SESSION_PATH = '/session';

export function sessionRoutes({ accounts, hub, loginLimits }: Deps, limiter: LoginLimiter, trustProxy: readonly string[]) {
  const app = new Hono<AppEnv>();

  app.post(SESSION_PATH, async (c) => {
    const { username, password } = await readBody(c, LoginBody);
    const name = username.toLowerCase();
    const user = await accounts.findByUsername(name);
    const keys = loginKeys(clientAddress(c, trustProxy), name, user !== undefined, loginLimits);
    // Counted before the hash is checked: a concurrent burst cannot outrun the limit.
    assertReserved(c, await limiter.reserve(keys, new Date()), (m) => `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${m} phút.`);
    // Unknown users cost a hash too, so timing does not tell which usernames exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !ok) throw new AppError('unauthenticated', 'Tên đăng nhập hoặc mật khẩu không đúng.');
    await limiter.clear(keys[0].key);
    if (user.disabled) {
      throw new AppError('unauthenticated', 'Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ lãnh đạo Sở để được mở lại.');
    }
    setSessionCookie(c, await accounts.createSession(user.id, new Date()));
    return c.json({ user: publicUser(user) });
  });

  const authed = new Hono<AppEnv>();
  authed.use(requireSession(accounts));
  authed.get('/me', (c) => c.json({ user: publicUser(c.get('user')) }));
  authed.delete(SESSION_PATH, async (c) => {
    await accounts.deleteSession(c.get('sessionToken'));
    hub.closeSession(c.get('sessionHash'));
    clearSessionCookie(c);
    return c.body(null, 204);
  });
  app.route('/', authed);
  return app;
}
