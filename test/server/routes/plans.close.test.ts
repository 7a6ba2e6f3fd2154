import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PLAN_ID } from '../../support/api';
import { expectError, fingerprint, getHistory, getProgress } from '../../support/expectApi';
import { startApp, type TestApp } from '../../support/app';

/** CLOSE freezes the plan: no task moves afterwards, and nobody is offered one. Its own server. */
let server: TestApp;
let giamdoc: ApiClient;
let hctp: ApiClient;

beforeAll(async () => {
  server = await startApp({ now: '2026-11-20T03:00:00Z' });
  [giamdoc, hctp] = await Promise.all(['giamdoc', 'truongphong.hctp'].map((u) => ApiClient.login(server, u)));
});
afterAll(() => server?.close());

describe('CLOSE', () => {
  it('by the leader closes the plan', async () => {
    const before = await giamdoc.plan();
    expect(before.status).toBe('issued');
    const res = await giamdoc.json<any>('POST', `/api/plans/${PLAN_ID}/events`, { type: 'CLOSE', expectedVersion: before.version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.plan).toMatchObject({ id: PLAN_ID, status: 'closed', version: before.version + 1, allowedEvents: [] });
    const summary = await giamdoc.json<any[]>('GET', '/api/plans');
    expect(summary.body[0].status).toBe('closed');
  });

  it('offers no task event to anyone afterwards', async () => {
    for (const api of [giamdoc, hctp, await ApiClient.login(server, 'vanphong')]) {
      const plan = await api.plan();
      expect(plan.status).toBe('closed');
      expect(plan.tasks.filter((t) => t.allowedEvents.length)).toEqual([]);
    }
  });

  it('refuses task events with 409 transition_not_allowed and allowed []', async () => {
    const attempts: Array<[ApiClient, string, Record<string, unknown>]> = [
      [hctp, '3.2', { type: 'SUBMIT', evidence: 'Báo cáo' }],
      [giamdoc, '1.2', { type: 'APPROVE' }],
      [giamdoc, '3.5', { type: 'REOPEN', reason: 'Xem lại' }],
      [giamdoc, '6.4', { type: 'CANCEL', reason: 'Không thực hiện' }],
    ];
    for (const [api, code, event] of attempts) {
      const before = await fingerprint(giamdoc, code);
      const error = expectError(await api.send(code, event), 409, 'transition_not_allowed');
      expect(error.details).toEqual({ allowed: [] });
      expect(await fingerprint(giamdoc, code)).toEqual(before);
    }
  });

  it('refuses further amendments, and a second CLOSE', async () => {
    const before = await giamdoc.plan();
    const progress = await getProgress(giamdoc);
    for (const body of [
      { type: 'CLOSE' },
      { type: 'CHANGE_DEADLINE', taskId: 'stp-2026-3.2', deadline: '2026-12-31', reason: 'Gia hạn' },
      { type: 'ADD_TASK', reason: 'Bổ sung', task: { areaId: 'area-1', code: '1.9', title: 'Mới', ownerUnitId: 'VP', deadline: '2026-12-31' } },
    ]) {
      const error = expectError(await giamdoc.json('POST', `/api/plans/${PLAN_ID}/events`, body), 409, 'transition_not_allowed');
      expect((error.details as any).allowed).toEqual([]);
    }
    expect(await giamdoc.plan()).toEqual(before);
    expect(await getProgress(giamdoc)).toEqual(progress);
    expect((await getHistory(giamdoc, '3.2')).map((h) => h.type)).toEqual(['START']);
  });
});
