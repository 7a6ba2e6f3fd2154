import type { MiddlewareHandler } from 'hono';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_TTL_MS, type AccountStorePort } from '../store/accountsPort';
import { AppError } from '../errors';
import { actorOf, type AppEnv } from './context';

export const SESSION_COOKIE = 'tiendo_session';

/** Every route behind this needs a live session of an enabled user (API.md: 401 without). */
export function requireSession(accounts: AccountStorePort): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = sessionToken(c);
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

const NAME = `${SESSION_COOKIE}=`;

/**
 * The session cookie's value from the Cookie header. Hono's getCookie parses (and URL-decodes) every
 * cookie the browser sends, on every request; this is the one cookie the server reads, and its value
 * (base64url) needs no decoding.
 */
export function sessionToken(c: Context): string | undefined {
  const header = c.req.header('cookie');
  if (!header) return undefined;
  let at = header.indexOf(NAME);
  // Only at the start of a cookie, not inside another one's name (`x_tiendo_session=`).
  while (at > 0 && header[at - 1] !== ' ' && header[at - 1] !== ';') at = header.indexOf(NAME, at + 1);
  if (at < 0) return undefined;
  const start = at + NAME.length;
  const end = header.indexOf(';', start);
  return header.slice(start, end < 0 ? undefined : end).trim() || undefined;
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
