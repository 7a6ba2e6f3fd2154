import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_PASSWORD } from '../../support/api';
import { expectError } from '../../support/expectApi';
import { startApp, type TestApp } from '../../support/app';

/** POST /api/session, GET /api/me, DELETE /api/session, GET /api/health (in-process, through the app). */
let server: TestApp;
beforeAll(async () => {
  server = await startApp({ now: '2026-11-20T03:00:00Z' });
});
afterAll(() => server?.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  server.fetchJson('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });

const me = (cookie?: string) => server.fetchJson('/api/me', { headers: cookie ? { cookie } : {} });

describe('GET /api/health', () => {
  it('answers 200 {ok: true} without a session', async () => {
    const res = await server.fetchJson('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });
});

describe('login', () => {
  it('returns the user and sets an httpOnly SameSite session cookie', async () => {
    const res = await login('truongphong.hctp', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { id: expect.any(String), username: 'truongphong.hctp', name: expect.any(String), role: 'unitHead', unitId: 'HCTP' },
    });
    expect(res.body.user.name.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^[^=;]+=[^;]{16,}/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=(Strict|Lax)/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
  });

  it.each([
    ['giamdoc', 'leader', null],
    ['vanphong', 'coordinator', 'VP'],
    ['thanhtra', 'inspector', 'TTR'],
    ['truongphong.cc1', 'unitHead', 'CC1'],
  ])('%s logs in as %s of unit %s', async (username, role, unitId) => {
    const api = await ApiClient.login(server, username);
    const res = await api.json<any>('GET', '/api/me');
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: expect.any(String), username, name: expect.any(String), role, unitId });
  });

  it('refuses a wrong password and an unknown user with 401 and no cookie', async () => {
    for (const [u, p] of [
      ['vanphong', 'wrong-password'],
      ['nobody.here', DEMO_PASSWORD],
    ]) {
      const res = await login(u, p);
      expectError(res, 401, 'unauthenticated');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('refuses a login body that is not valid with 400', async () => {
    const missing = await server.fetchJson('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'giamdoc' }),
    });
    expectError(missing, 400, 'bad_request');
    const notJson = await server.fetchJson('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": "giamdoc", ',
    });
    expectError(notJson, 400, 'bad_request');
  });
});

describe('login body limit', () => {
  it('refuses a 70 KB login body with 413', async () => {
    expectError(await login('giamdoc', 'x'.repeat(70 * 1024)), 413, 'payload_too_large');
  });
});

describe('GET /api/me and logout', () => {
  it('answers 401 without a cookie and with a made-up one', async () => {
    expectError(await me(), 401, 'unauthenticated');
    expectError(await me('tiendo_session=not-a-real-session-token'), 401, 'unauthenticated');
  });

  it('logout answers 204; the old cookie is then refused, other sessions are not', async () => {
    const api = await ApiClient.login(server, 'truongphong.vp');
    const other = await ApiClient.login(server, 'truongphong.vp');
    const oldCookie = api.cookie;
    expect(oldCookie).not.toBe(other.cookie);
    expect((await me(oldCookie)).status).toBe(200);

    const res = await api.request('DELETE', '/api/session');
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    // The cookie is cleared in the browser as well.
    expect(res.headers.get('set-cookie') ?? '').toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);

    expectError(await me(oldCookie), 401, 'unauthenticated');
    // Logging out twice with the dead cookie is itself unauthenticated.
    const again = await server.fetchJson('/api/session', {
      method: 'DELETE',
      headers: { cookie: oldCookie, 'X-Requested-With': 'tiendo' },
    });
    expectError(again, 401, 'unauthenticated');
    // Another session of the same user is untouched.
    expect((await me(other.cookie)).status).toBe(200);
  });
});
