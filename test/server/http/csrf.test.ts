import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_PASSWORD, PLAN_ID } from '../../support/api';
import { expectError, fingerprint, taskPath } from '../../support/expectApi';
import { startApp, type TestApp } from '../../support/app';

/**
 * The CSRF rule: a state-changing request that the browser marks as cross-site (Origin of another
 * site, Origin null, Sec-Fetch-Site: cross-site) is refused; every one except login must carry
 * X-Requested-With: tiendo. Refused requests change nothing.
 */
let server: TestApp;
let giamdoc: ApiClient;
let hctp: ApiClient;

beforeAll(async () => {
  server = await startApp({ now: '2026-11-20T03:00:00Z' });
  [giamdoc, hctp] = await Promise.all(['giamdoc', 'truongphong.hctp'].map((u) => ApiClient.login(server, u)));
});
afterAll(() => server?.close());

const submit32 = JSON.stringify({ type: 'SUBMIT', evidence: 'Báo cáo giả mạo' });

/** A raw POST carrying hctp's cookie, with exactly the headers given. */
const raw = (path: string, headers: Record<string, string>, body = submit32, method = 'POST') =>
  server.fetchJson(path, { method, headers: { cookie: hctp.cookie, ...headers }, body });

async function refusedCsrf(request: () => ReturnType<typeof raw>) {
  const before = await fingerprint(giamdoc, '3.2');
  expectError(await request(), 403, 'forbidden');
  expect(await fingerprint(giamdoc, '3.2')).toEqual(before);
}

describe('cross-site requests carrying the session cookie', () => {
  it('a cross-site form post is refused', async () => {
    await refusedCsrf(() =>
      raw(taskPath('3.2') + '/events', {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://evil.example',
      }, 'type=SUBMIT&evidence=gia-mao'),
    );
    // Also when it is sent as text/plain JSON (a "simple" request a form can make).
    await refusedCsrf(() => raw(taskPath('3.2') + '/events', { 'content-type': 'text/plain', origin: 'http://evil.example' }));
  });

  it('another site is refused even when it manages to send the header', async () => {
    await refusedCsrf(() =>
      raw(taskPath('3.2') + '/events', { 'content-type': 'application/json', 'X-Requested-With': 'tiendo', origin: 'http://evil.example' }),
    );
    await refusedCsrf(() =>
      raw(taskPath('3.2') + '/events', { 'content-type': 'application/json', 'X-Requested-With': 'tiendo', 'sec-fetch-site': 'cross-site' }),
    );
    await refusedCsrf(() =>
      raw(taskPath('3.2') + '/events', { 'content-type': 'application/json', 'X-Requested-With': 'tiendo', origin: 'null' }),
    );
    // Same host name, another port: another origin.
    const { hostname } = new URL(server.url);
    await refusedCsrf(() =>
      raw(taskPath('3.2') + '/events', {
        'content-type': 'application/json', 'X-Requested-With': 'tiendo', origin: `http://${hostname}:8788`,
      }),
    );
  });

  it('a malformed Origin is refused (403), not a server error', async () => {
    await refusedCsrf(() =>
      raw(taskPath('3.2') + '/events', { 'content-type': 'application/json', 'X-Requested-With': 'tiendo', origin: 'evil' }),
    );
  });

  it('plan events, logout and login are guarded too', async () => {
    const plan = await giamdoc.plan();
    const change = JSON.stringify({ type: 'CHANGE_DEADLINE', taskId: 'stp-2026-3.2', deadline: '2026-12-31', reason: 'x' });
    expectError(
      await server.fetchJson(`/api/plans/${PLAN_ID}/events`, {
        method: 'POST',
        headers: { cookie: giamdoc.cookie, 'content-type': 'application/json', origin: 'http://evil.example' },
        body: change,
      }),
      403,
      'forbidden',
    );
    expectError(
      await server.fetchJson(`/api/plans/${PLAN_ID}/events`, {
        method: 'POST',
        headers: { cookie: giamdoc.cookie, 'content-type': 'application/json' },
        body: change,
      }),
      403,
      'forbidden',
    );
    expect(await giamdoc.plan()).toEqual(plan);

    // A forged logout does not end the session.
    expectError(await raw('/api/session', { origin: 'http://evil.example' }, '', 'DELETE'), 403, 'forbidden');
    expectError(await raw('/api/session', {}, '', 'DELETE'), 403, 'forbidden');
    expect((await hctp.json('GET', '/api/me')).status).toBe(200);

    // Login CSRF: another site may not log the browser into an account.
    const login = await server.fetchJson(`/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ username: 'giamdoc', password: DEMO_PASSWORD }),
    });
    expectError(login, 403, 'forbidden');
    expect(login.headers.get('set-cookie')).toBeNull();
  });
});

describe('same-site requests', () => {
  it('a JSON POST with the cookie but without X-Requested-With is refused', async () => {
    await refusedCsrf(() => raw(taskPath('3.2') + '/events', { 'content-type': 'application/json' }));
    await refusedCsrf(() => raw(taskPath('3.2') + '/events', { 'content-type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' }));
  });

  it('GET needs no header', async () => {
    const res = await server.fetchJson(`/api/plans/${PLAN_ID}/progress`, { headers: { cookie: hctp.cookie } });
    expect(res.status).toBe(200);
  });

  it('login needs no header', async () => {
    const res = await server.fetchJson(`/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'thanhtra', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
  });

  it('with the header (and the board’s own Origin, same-origin fetch metadata) the move is accepted', async () => {
    const origin = new URL(server.url).origin;
    const res = await raw(taskPath('3.2') + '/events', {
      'content-type': 'application/json', 'X-Requested-With': 'tiendo', origin, 'sec-fetch-site': 'same-origin',
    });
    expect(res.status).toBe(200);
    expect(res.body.task).toMatchObject({ state: 'inReview', evidence: 'Báo cáo giả mạo' });
  });

  it('a non-browser client with only the header is accepted', async () => {
    const res = await server.fetchJson(`${taskPath('3.4')}/events`, {
      method: 'POST',
      headers: { cookie: hctp.cookie, 'content-type': 'application/json', 'X-Requested-With': 'tiendo' },
      body: JSON.stringify({ type: 'SUBMIT', evidence: 'Báo cáo 3.4' }),
    });
    expect(res.status).toBe(200);
    expect(res.body.task).toMatchObject({ state: 'inReview' });
  });
});
