import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PLAN_ID } from '../../support/api';
import { startApp, type TestApp } from '../../support/app';
import { expectError, getHistory, getTask, taskPath } from '../../support/expectApi';

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

  it('keys are per user: the same key, route and body from two users who may both send it are two requests', async () => {
    const vanphong = await ApiClient.login(server, 'vanphong');
    const owner = await ApiClient.login(server, 'truongphong.vp');
    // 3.3 (owned by VP) is in review: the leader and the coordinator may both return it.
    const path = `${taskPath('3.3')}/events`;
    const body = { type: 'RETURN', reason: 'Bổ sung số liệu' };
    const first = await withKey(giamdoc, path, body, 'return-3.3');
    expect(first.status).toBe(200);
    expect(first.body.task.state).toBe('inProgress');
    expect((await owner.send('3.3', { type: 'SUBMIT', evidence: 'Văn bản số 125/STP-VP (bổ sung)' })).status).toBe(200);
    // A key store shared between users would replay the leader's answer (a task in progress) here.
    const second = await withKey(vanphong, path, body, 'return-3.3');
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotency-replayed')).toBeNull();
    expect(second.body.task).toMatchObject({ state: 'inProgress', version: first.body.task.version + 2 });
    const returns = (await getHistory(giamdoc, '3.3')).filter((h) => h.type === 'RETURN');
    expect(returns.map((h) => h.by.username)).toEqual(['giamdoc', 'vanphong']);
    // And each user's own retry is still a replay of their own answer.
    const retry = await withKey(vanphong, path, body, 'return-3.3');
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    expect(retry.body).toEqual(second.body);
  });

  it('keys are per route: the same user, key and body on another task never get the first task\'s answer', async () => {
    const vanphong = await ApiClient.login(server, 'vanphong');
    // 1.2 and 5.2 are both in review; the coordinator may approve either, with the same body.
    const body = { type: 'APPROVE' };
    const onOne = await withKey(vanphong, `${taskPath('1.2')}/events`, body, 'approve-key');
    expect(onOne.status).toBe(200);
    expect(onOne.body.task).toMatchObject({ code: '1.2', state: 'done' });
    const before = await getTask(vanphong, '5.2');
    expect(before.state).toBe('inReview');
    // A key store keyed by user alone would replay 1.2's answer (200, replayed) here. Task keys are
    // kept in the log by key (docs/api.md, Retries), so the key, spent on 1.2, is refused on 5.2
    // as another request: nothing is sent, and a fresh key moves 5.2.
    const onOther = await withKey(vanphong, `${taskPath('5.2')}/events`, body, 'approve-key');
    expect(onOther.headers.get('idempotency-replayed')).toBeNull();
    expectError(onOther, 422, 'idempotency_mismatch');
    expect(await getTask(vanphong, '5.2')).toEqual(before);
    const fresh = await withKey(vanphong, `${taskPath('5.2')}/events`, body, 'approve-key-2');
    expect(fresh.status).toBe(200);
    expect(fresh.body.task).toMatchObject({ code: '5.2', state: 'done' });
  });

  it('plan events take keys too; a malformed key is a 400', async () => {
    const body = { type: 'CHANGE_SETTINGS', settings: { percentRule: { mode: 'truncate', decimals: 0 } } };
    const plan = await withKey(giamdoc, `/api/plans/${PLAN_ID}/events`, body, 'plan-key');
    expect(plan.status).toBe(200);
    const replay = await withKey(giamdoc, `/api/plans/${PLAN_ID}/events`, body, 'plan-key');
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(replay.body).toEqual(plan.body);
    expectError(await withKey(hctp, `${taskPath('3.2')}/events`, { type: 'START' }, 'two words'), 400, 'bad_request');
  });
});
