import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PLAN_ID } from '../../support/api';
import { startApp, type TestApp } from '../../support/app';
import { expectError, getHistory, taskPath } from '../../support/expectApi';

/** Idempotency-Key on POST event routes: a retry gets the first answer and sends nothing twice. */
let server: TestApp;
let hctp: ApiClient;
let giamdoc: ApiClient;
beforeAll(async () => {
  server = await startApp({ now: '2026-11-20T03:00:00Z' });
  [hctp, giamdoc] = await Promise.all(['truongphong.hctp', 'giamdoc'].map((u) => ApiClient.login(server, u)));
});
afterAll(() => server?.close());

const withKey = async (api: ApiClient, path: string, body: unknown, key: string) => {
  const res = await api.request('POST', path, body, { 'Idempotency-Key': key });
  return { status: res.status, headers: res.headers, body: await res.json() };
};

describe('Idempotency-Key', () => {
  it('same key and body: the original answer, replayed, and the event is in the history once', async () => {
    const path = `${taskPath('3.2')}/events`;
    const body = { type: 'SUBMIT', evidence: 'Báo cáo 3.2 (gửi lại)' };
    const first = await withKey(hctp, path, body, 'move-3.2-a');
    expect(first.status).toBe(200);
    const historyAfterFirst = (await getHistory(hctp, '3.2')).length;
    // Another change in between: the replay still answers what the first request produced.
    expect((await giamdoc.send('3.2', { type: 'RETURN', reason: 'Bổ sung' })).status).toBe(200);
    const retry = await withKey(hctp, path, body, 'move-3.2-a');
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await getHistory(hctp, '3.2')).length).toBe(historyAfterFirst + 1); // only the RETURN was added
  });

  it('same key, another body: 422 idempotency_mismatch, nothing sent', async () => {
    const path = `${taskPath('3.4')}/events`;
    expect((await withKey(hctp, path, { type: 'SUBMIT', evidence: 'A' }, 'move-3.4')).status).toBe(200);
    const before = (await getHistory(hctp, '3.4')).length;
    expectError(await withKey(hctp, path, { type: 'SUBMIT', evidence: 'B' }, 'move-3.4'), 422, 'idempotency_mismatch');
    expect((await getHistory(hctp, '3.4')).length).toBe(before);
  });

  it('a refused request is not remembered: its retry is evaluated again', async () => {
    const path = `${taskPath('3.5')}/events`;
    const first = await withKey(giamdoc, path, { type: 'START' }, 'refused-once');
    expect(first.status).toBeGreaterThanOrEqual(400);
    const again = await withKey(giamdoc, path, { type: 'START' }, 'refused-once');
    expect(again.status).toBe(first.status);
    expect(again.headers.get('idempotency-replayed')).toBeNull();
  });

  it('keys are per user and per route; plan events take them too; a malformed key is a 400', async () => {
    const body = { type: 'CHANGE_SETTINGS', settings: { percentRule: { mode: 'truncate', decimals: 0 } } };
    const plan = await withKey(giamdoc, `/api/plans/${PLAN_ID}/events`, body, 'shared-key');
    expect(plan.status).toBe(200);
    expect((await withKey(giamdoc, `/api/plans/${PLAN_ID}/events`, body, 'shared-key')).headers.get('idempotency-replayed')).toBe('true');
    // The same key from another user, on another route: a request of its own.
    const other = await withKey(hctp, `${taskPath('3.3')}/events`, { type: 'SUBMIT', evidence: 'C' }, 'shared-key');
    expect(other.headers.get('idempotency-replayed')).toBeNull();
    expectError(await withKey(hctp, `${taskPath('3.3')}/events`, { type: 'START' }, 'two words'), 400, 'bad_request');
  });
});
