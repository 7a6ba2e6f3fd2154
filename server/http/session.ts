import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_TTL_MS, type AccountStorePort } from '../store/accountsPort';
import { AppError } from '../errors';
import { actorOf, type AppEnv } from './context';

export const SESSION_COOKIE = 'tiendo_session';

/** Every route behind this needs a live session of an enabled user (API.md: 401 without). */
export function requireSession(accounts: AccountStorePort): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await accounts.sessionFor(token, new Date()) : undefined;
    if (!token || !session) throw new AppError('unauthenticated', 'Bạn cần đăng nhập để tiếp tục.');
    c.set('user', session.user);
    c.set('actor', actorOf(session.user));
    c.set('sessionToken', token);
    c.set('sessionHash', session.tokenHash);
    c.set('sessionExpiresAt', session.expiresAt);
    return next();
  };
}

export function setSessionCookie(c: Parameters<typeof setCookie>[0], token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
    secure: new URL(c.req.url).protocol === 'https:',
  });
}

export function clearSessionCookie(c: Parameters<typeof deleteCookie>[0]): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
