import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { LoginBody } from '../../machines/api';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../auth/password';
import { AppError } from '../errors';
import type { AppEnv, Deps } from '../http/context';
import { FailureLimiter } from '../http/rateLimit';
import { readBody } from '../http/respond';
import { clearSessionCookie, requireSession, setSessionCookie } from '../http/session';
import { publicUser } from '../store/accounts';

const WINDOW_MS = 15 * 60 * 1000;

/** POST /api/session (login), GET /api/me, DELETE /api/session (logout). */
export function sessionRoutes({ accounts }: Deps) {
  const perAccount = new FailureLimiter(10, WINDOW_MS);
  const perAddress = new FailureLimiter(100, WINDOW_MS);
  const app = new Hono<AppEnv>();

  app.post('/session', async (c) => {
    const { username, password } = await readBody(c, LoginBody);
    const address = getConnInfo(c).remote.address ?? 'unknown';
    const keys = [`${address}|${username.toLowerCase()}`, address] as const;
    const wait = Math.max(perAccount.blockedFor(keys[0]), perAddress.blockedFor(keys[1]));
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw new AppError('rate_limited', `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(wait / 60000)} phút.`);
    }
    const user = accounts.findByUsername(username);
    // Unknown users cost a hash too, so timing does not tell which usernames exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !ok) {
      perAccount.fail(keys[0]);
      perAddress.fail(keys[1]);
      throw new AppError('unauthenticated', 'Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    perAccount.reset(keys[0]);
    setSessionCookie(c, await accounts.createSession(user.id, new Date()));
    return c.json({ user: publicUser(user) });
  });

  const authed = new Hono<AppEnv>();
  authed.use(requireSession(accounts));
  authed.get('/me', (c) => c.json({ user: publicUser(c.get('user')) }));
  authed.delete('/session', async (c) => {
    await accounts.deleteSession(c.get('sessionToken'));
    clearSessionCookie(c);
    return c.body(null, 204);
  });
  app.route('/', authed);
  return app;
}
