import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_PASSWORD } from '../../support/api';
import { startApp, type TestApp } from '../../support/app';
import { expectError } from '../../support/expectApi';
import { openStream } from '../../support/sse';

/** Accounts (API.md): list, create, change, disable, reset and change passwords; who may. */
let server: TestApp;
let giamdoc: ApiClient;
beforeAll(async () => {
  server = await startApp({ now: '2026-11-20T03:00:00Z' });
  giamdoc = await ApiClient.login(server, 'giamdoc');
});
afterAll(() => server?.close());

const STRONG = 'Ngựa-vằn-ăn-cỏ-2026';
const loginStatus = async (username: string, password: string) =>
  (await server.fetchJson('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })).status;

async function createUser(username: string, extra: Record<string, unknown> = {}) {
  const res = await giamdoc.json<any>('POST', '/api/users', { username, name: `Cán bộ ${username}`, role: 'unitHead', unitId: 'HCTP', password: STRONG, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.user;
}

describe('GET /api/users', () => {
  it('lists every user with disabled, no password hash, for the leader only', async () => {
    const res = await giamdoc.json<any[]>('GET', '/api/users');
    expect(res.status).toBe(200);
    expect(res.body.find((u) => u.username === 'vanphong')).toEqual({
      id: expect.any(String), username: 'vanphong', name: expect.any(String), role: 'coordinator', unitId: 'VP', disabled: false,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/hash|scrypt/i);
    for (const u of ['vanphong', 'truongphong.hctp', 'thanhtra']) {
      expectError(await (await ApiClient.login(server, u)).json('GET', '/api/users'), 403, 'forbidden');
    }
    expectError(await server.fetchJson('/api/users'), 401, 'unauthenticated');
  });
});

describe('POST /api/users', () => {
  it('creates a user who can log in; the username is taken afterwards', async () => {
    const user = await createUser('Chuyenvien.HCTP');
    expect(user).toEqual({ id: expect.any(String), username: 'chuyenvien.hctp', name: 'Cán bộ Chuyenvien.HCTP', role: 'unitHead', unitId: 'HCTP', disabled: false });
    expect(await loginStatus('chuyenvien.hctp', STRONG)).toBe(200);
    const again = await giamdoc.json<any>('POST', '/api/users', { username: 'chuyenvien.hctp', name: 'X', role: 'viewer', password: STRONG });
    expectError(again, 409, 'conflict');
  });

  it('refuses short, common and username-bearing passwords, unknown units, unit roles without a unit', async () => {
    const before = (await giamdoc.json<any[]>('GET', '/api/users')).body.length;
    const attempts: Array<Record<string, unknown>> = [
      { password: 'ngắn-quá' },
      { password: 'password123' },
      { password: 'matkhau1234' },
      { password: 'MOI.NGUOI.2026.moi.nguoi.2026', username: 'moi.nguoi.2026' },
      { unitId: 'KHONG-CO' },
      { unitId: null },
      { role: 'emperor' },
      { username: 'có dấu' },
    ];
    for (const extra of attempts) {
      const res = await giamdoc.json<any>('POST', '/api/users', { username: 'moi.nguoi', name: 'Mới', role: 'unitHead', unitId: 'HCTP', password: STRONG, ...extra });
      expectError(res, 400, 'bad_request');
    }
    expect((await giamdoc.json<any[]>('GET', '/api/users')).body.length).toBe(before);
    const byCoordinator = await (await ApiClient.login(server, 'vanphong')).json('POST', '/api/users', { username: 'x.y', name: 'X', role: 'viewer', password: STRONG });
    expectError(byCoordinator, 403, 'forbidden');
  });
});

describe('PATCH /api/users/:id', () => {
  it('disabling ends the user’s sessions and live streams at once, and refuses their logins; enabling lets them back', async () => {
    const user = await createUser('tam.nghi');
    const api = await ApiClient.login(server, 'tam.nghi', STRONG);
    const stream = await openStream(`${server.url}/api/stream`, api.cookie, server.fetch);
    await stream.waitFor((e) => e.event === 'hello');

    const res = await giamdoc.json<any>('PATCH', `/api/users/${user.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'tam.nghi', disabled: true });
    await stream.ended;
    expectError(await api.json('GET', '/api/me'), 401, 'unauthenticated');
    expect(await loginStatus('tam.nghi', STRONG)).toBe(401);

    expect((await giamdoc.json<any>('PATCH', `/api/users/${user.id}`, { disabled: false })).status).toBe(200);
    expect(await loginStatus('tam.nghi', STRONG)).toBe(200);
  });

  it('changes name, role and unit; refuses leaders disabling themselves, unknown ids and empty patches', async () => {
    const user = await createUser('doi.vai.tro');
    const res = await giamdoc.json<any>('PATCH', `/api/users/${user.id}`, { name: 'Thanh tra viên mới', role: 'inspector', unitId: 'TTR' });
    expect(res.body.user).toMatchObject({ name: 'Thanh tra viên mới', role: 'inspector', unitId: 'TTR' });
    const me = (await giamdoc.json<any>('GET', '/api/me')).body.user;
    expectError(await giamdoc.json('PATCH', `/api/users/${me.id}`, { disabled: true }), 400, 'bad_request');
    expectError(await giamdoc.json('PATCH', '/api/users/u-khong-co', { name: 'X' }), 404, 'not_found');
    expectError(await giamdoc.json('PATCH', `/api/users/${user.id}`, {}), 400, 'bad_request');
    expect((await giamdoc.json<any>('GET', '/api/me')).status).toBe(200);
  });
});

describe('passwords', () => {
  it('a leader resets a password: the old one and the old sessions stop working', async () => {
    const user = await createUser('quen.mat.khau');
    const api = await ApiClient.login(server, 'quen.mat.khau', STRONG);
    const res = await giamdoc.request('POST', `/api/users/${user.id}/password`, { password: 'Cầu-Rồng-Đà-Nẵng-9' });
    expect(res.status).toBe(204);
    expectError(await api.json('GET', '/api/me'), 401, 'unauthenticated');
    expect(await loginStatus('quen.mat.khau', STRONG)).toBe(401);
    expect(await loginStatus('quen.mat.khau', 'Cầu-Rồng-Đà-Nẵng-9')).toBe(200);
    expectError(await giamdoc.json('POST', `/api/users/${user.id}/password`, { password: '1234567890' }), 400, 'bad_request');
  });

  it('everyone changes their own: old password required, rules apply, other sessions end, this one stays', async () => {
    await createUser('tu.doi');
    const api = await ApiClient.login(server, 'tu.doi', STRONG);
    const other = await ApiClient.login(server, 'tu.doi', STRONG);
    expectError(await api.json('POST', '/api/me/password', { currentPassword: 'sai-roi-sai-roi', newPassword: 'Hoa-sen-nở-giữa-hè' }), 400, 'bad_request');
    expectError(await api.json('POST', '/api/me/password', { currentPassword: STRONG, newPassword: 'qwertyuiop' }), 400, 'bad_request');
    expect(await loginStatus('tu.doi', STRONG)).toBe(200);
    expect((await api.request('POST', '/api/me/password', { currentPassword: STRONG, newPassword: 'Hoa-sen-nở-giữa-hè' })).status).toBe(204);
    expect((await api.json('GET', '/api/me')).status).toBe(200);
    expectError(await other.json('GET', '/api/me'), 401, 'unauthenticated');
    expect(await loginStatus('tu.doi', 'Hoa-sen-nở-giữa-hè')).toBe(200);
    // The demo accounts change theirs too (any role).
    const thanhtra = await ApiClient.login(server, 'thanhtra');
    expect((await thanhtra.request('POST', '/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Kiểm-tra-kỹ-lưỡng-1' })).status).toBe(204);
  });

  it('needs the CSRF header like every state change', async () => {
    const res = await server.fetchJson('/api/me/password', {
      method: 'POST',
      headers: { cookie: giamdoc.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: DEMO_PASSWORD, newPassword: 'Không-được-đổi-1' }),
    });
    expectError(res, 403, 'forbidden');
  });
});

describe('the store on disk', () => {
  it('keeps accounts.json owner-only (600) in an owner-only folder (700)', async () => {
    await createUser('kiem.tra.quyen');
    expect(statSync(join(server.dataDir, 'accounts.json')).mode & 0o777).toBe(0o600);
    expect(statSync(server.dataDir).mode & 0o777).toBe(0o700);
  });
});

describe('guessing the current password through a session', () => {
  it('is limited like logins: after 10 wrong current passwords, 429 even for the right one', async () => {
    await createUser('bi.doan');
    const api = await ApiClient.login(server, 'bi.doan', STRONG);
    for (let i = 0; i < 10; i++) {
      expectError(await api.json('POST', '/api/me/password', { currentPassword: `doan-${i}`, newPassword: 'Hoa-sen-nở-giữa-hè' }), 400, 'bad_request');
    }
    expectError(await api.json('POST', '/api/me/password', { currentPassword: STRONG, newPassword: 'Hoa-sen-nở-giữa-hè' }), 429, 'rate_limited');
    expect(await loginStatus('bi.doan', STRONG)).toBe(200);
  });
});
