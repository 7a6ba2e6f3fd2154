import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/errors';
import { csrf } from '../../../server/http/csrf';
import { sendError } from '../../../server/http/respond';

/**
 * The CSRF middleware alone, on a bare app: which requests reach the handler. (csrf.test.ts checks
 * the same rule through the whole seeded app, and that a refused request changes nothing.)
 */
function bareApp() {
  const app = new Hono();
  app.onError((err, c) => (err instanceof AppError ? sendError(c, err) : c.text('boom', 500)));
  app.use(csrf({ loginPath: '/login' }));
  app.all('*', (c) => c.text('reached'));
  return app;
}

const GOOD = { host: 'tiendo.example.vn', 'x-requested-with': 'tiendo' };
// [what, method, path, headers, reaches the handler]
const grid: Array<[string, string, string, Record<string, string>, boolean]> = [
  ['a GET needs nothing', 'GET', '/x', { host: 'tiendo.example.vn' }, true],
  ['HEAD and OPTIONS need nothing', 'OPTIONS', '/x', {}, true],
  ['a POST with the header', 'POST', '/x', GOOD, true],
  ['a POST without it', 'POST', '/x', { host: 'tiendo.example.vn' }, false],
  ['the header with another value', 'POST', '/x', { ...GOOD, 'x-requested-with': 'XMLHttpRequest' }, false],
  ['a DELETE without it', 'DELETE', '/x', {}, false],
  ['login without it', 'POST', '/login', { host: 'tiendo.example.vn' }, true],
  ['login is only exempt as a POST', 'DELETE', '/login', {}, false],
  ['a path that only starts like login', 'POST', '/login/x', {}, false],
  ['same-origin Origin', 'POST', '/x', { ...GOOD, origin: 'http://tiendo.example.vn' }, true],
  ['another site\'s Origin', 'POST', '/x', { ...GOOD, origin: 'https://evil.example' }, false],
  ['Origin null', 'POST', '/x', { ...GOOD, origin: 'null' }, false],
  ['another site\'s Origin, even on login', 'POST', '/login', { host: 'tiendo.example.vn', origin: 'https://evil.example' }, false],
  ['Sec-Fetch-Site: cross-site', 'POST', '/x', { ...GOOD, 'sec-fetch-site': 'cross-site' }, false],
  ['Sec-Fetch-Site: same-origin', 'POST', '/x', { ...GOOD, 'sec-fetch-site': 'same-origin' }, true],
];

describe('csrf({ loginPath })', () => {
  it.each(grid)('%s', async (_, method, path, headers, reaches) => {
    const res = await bareApp().request(`http://tiendo.example.vn${path}`, { method, headers });
    if (reaches) {
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('reached');
    } else {
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
  });
});
