import type { MiddlewareHandler } from 'hono';
import { CSRF_HEADER, CSRF_VALUE } from '../../machines/api';
import { AppError } from '../errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const crossSite = () =>
  new AppError('forbidden', 'Yêu cầu gửi từ một trang web khác đã bị từ chối (chống giả mạo yêu cầu, CSRF).');

/** An Origin that is `null`, unparsable, or names another host is not this site. */
function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * CSRF rule (README): a state-changing request is refused when the browser says it comes from
 * another site (Origin or Sec-Fetch-Site), and every one except login (`loginPath`, which a browser
 * reaches before it has a session to protect) must carry `X-Requested-With: tiendo`. A cross-site
 * page cannot set that header without a CORS preflight, which this server never grants, so a forged
 * form post or fetch never gets through.
 */
export function csrf({ loginPath }: { loginPath: string }): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && !sameHost(origin, c.req.header('host'))) throw crossSite();
    if (c.req.header('sec-fetch-site') === 'cross-site') throw crossSite();
    const isLogin = c.req.method === 'POST' && c.req.path === loginPath;
    if (!isLogin && c.req.header(CSRF_HEADER) !== CSRF_VALUE) {
      throw new AppError('forbidden', `Thiếu tiêu đề ${CSRF_HEADER}: ${CSRF_VALUE} bắt buộc cho yêu cầu thay đổi dữ liệu (chống CSRF).`);
    }
    return next();
  };
}
