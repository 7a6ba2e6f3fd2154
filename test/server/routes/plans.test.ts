import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PLAN_ID, taskId } from '../../support/api';
import { counts, expectError, expectTaskShape, fingerprint, getHistory, getProgress, getTask } from '../../support/expectApi';
import { startApp, type TestApp } from '../../support/app';

/** GET /api/plans, GET /api/plans/:id, POST /api/plans/:id/events (amendments of an issued plan). */
let server: TestApp;
let giamdoc: ApiClient;
let vanphong: ApiClient;

beforeAll(async () => {
  server = await startApp({ now: '2026-11-20T03:00:00Z' });
  [giamdoc, vanphong] = await Promise.all(['giamdoc', 'vanphong'].map((u) => ApiClient.login(server, u)));
});
afterAll(() => server?.close());

const COUNT_KEYS = ['total', 'done', 'doneOnTime', 'doneLate', 'inProgress', 'notStarted', 'inReview', 'cancelled', 'overdue', 'percent'];

const planEvent = (api: ApiClient, body: Record<string, unknown>) => api.json<any>('POST', `/api/plans/${PLAN_ID}/events`, body);

const newTask = {
  areaId: 'area-3',
  code: '3.6',
  title: 'Rà soát, đơn giản hóa thủ tục chứng thực',
  ownerUnitId: 'TGPL',
  coordinatingUnitIds: ['HCTP'],
  output: 'Báo cáo rà soát',
  deadline: '2026-12-20',
};

describe('GET /api/plans', () => {
  it('lists the seeded plan with its progress', async () => {
    const res = await vanphong.json<any[]>('GET', '/api/plans');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    const [plan] = res.body;
    expect(Object.keys(plan).sort()).toEqual(['id', 'progress', 'status', 'title', 'year']);
    expect(plan).toMatchObject({ id: PLAN_ID, year: 2026, status: 'issued', title: expect.any(String) });
    expect(Object.keys(plan.progress).sort()).toEqual([...COUNT_KEYS, 'byArea', 'byUnit', 'extra'].sort());
    // The plan's own 28 tasks; the demo inspection's remediation task KT1.1 (in progress, overdue) apart.
    expect(plan.progress).toMatchObject({ total: 28, done: 18, doneOnTime: 14, doneLate: 4, overdue: 3, percent: (18 / 28) * 100 });
    expect(plan.progress.extra).toMatchObject({ total: 1, done: 0, inProgress: 1, overdue: 1 });
    expect(plan.progress).toEqual(await getProgress(vanphong));
  });
});

describe('GET /api/plans/:planId', () => {
  it('has the reference areas, units, tasks and decision', async () => {
    const res = await vanphong.json<any>('GET', `/api/plans/${PLAN_ID}`);
    expect(res.status).toBe(200);
    const plan = res.body;
    expect(plan).toMatchObject({ id: PLAN_ID, year: 2026, status: 'issued', decision: { no: '15/KH-STP', date: '2026-01-10' } });
    expect(plan.areas).toHaveLength(7);
    expect(plan.units).toHaveLength(9);
    expect(plan.tasks).toHaveLength(29);
    for (const a of plan.areas) expect(a).toEqual({ id: expect.any(String), code: expect.any(String), name: expect.any(String) });
    for (const u of plan.units) expect(u).toEqual({ id: expect.any(String), code: expect.any(String), name: expect.any(String) });
    expect(plan.units.map((u: any) => u.code).sort()).toEqual(['BTTP', 'CC1', 'DGTS', 'HCTP', 'PBGDPL', 'TGPL', 'TTR', 'VP', 'XDKT']);
    const areaIds = new Set(plan.areas.map((a: any) => a.id));
    const unitIds = new Set(plan.units.map((u: any) => u.id));
    for (const t of plan.tasks) {
      expectTaskShape(t);
      expect(t.planId).toBe(PLAN_ID);
      expect(t.id).toBe(taskId(t.code));
      expect(areaIds.has(t.areaId)).toBe(true);
      expect(unitIds.has(t.ownerUnitId)).toBe(true);
      for (const c of t.coordinatingUnitIds) expect(unitIds.has(c)).toBe(true);
    }
    expect(new Set(plan.tasks.map((t: any) => t.id)).size).toBe(29);
  });

  it('computes allowedEvents for the caller', async () => {
    const hctp = await ApiClient.login(server, 'truongphong.hctp');
    const tasks = (await hctp.plan()).tasks;
    const allowed = Object.fromEntries(tasks.map((t) => [t.code, t.allowedEvents]));
    expect(allowed['3.2']).toEqual(['SUBMIT']);
    expect(allowed['3.4']).toEqual(['SUBMIT']);
    expect(allowed['3.5']).toEqual([]);
    expect(allowed['6.4']).toEqual([]);
    // Only HCTP's open tasks offer the head anything.
    expect(tasks.filter((t) => t.allowedEvents.length).every((t) => t.ownerUnitId === 'HCTP')).toBe(true);
  });
});

describe('ADD_TASK', () => {
  it('by the coordinator while the plan is issued is not allowed (409), and changes nothing', async () => {
    const before = await fingerprint(giamdoc, '3.2');
    const res = await planEvent(vanphong, { type: 'ADD_TASK', reason: 'Bổ sung', task: newTask });
    const error = expectError(res, 409, 'transition_not_allowed');
    expect(error.details).toEqual({ allowed: ['CHANGE_SETTINGS'] });
    expect(await fingerprint(giamdoc, '3.2')).toEqual(before);
    expect((await giamdoc.plan()).tasks).toHaveLength(29);
  });

  it('by the leader needs a reason, a known area and unit, and a new code', async () => {
    const before = await giamdoc.plan();
    expectError(await planEvent(giamdoc, { type: 'ADD_TASK', task: newTask }), 400, 'bad_request');
    expectError(await planEvent(giamdoc, { type: 'ADD_TASK', reason: 'Bổ sung' }), 400, 'bad_request');
    expectError(await planEvent(giamdoc, { type: 'ADD_TASK', reason: 'Bổ sung', task: { ...newTask, areaId: 'area-9' } }), 400, 'bad_request');
    expectError(await planEvent(giamdoc, { type: 'ADD_TASK', reason: 'Bổ sung', task: { ...newTask, ownerUnitId: 'NOPE' } }), 400, 'bad_request');
    expectError(await planEvent(giamdoc, { type: 'ADD_TASK', reason: 'Bổ sung', task: { ...newTask, code: '3.2' } }), 400, 'bad_request');
    expectError(await planEvent(giamdoc, { type: 'ADD_TASK', reason: 'Bổ sung', task: { ...newTask, deadline: '20/12/2026' } }), 400, 'bad_request');
    expect(await giamdoc.plan()).toEqual(before);
  });

  it('by the leader with a reason adds a notStarted task the owner can START', async () => {
    const res = await planEvent(giamdoc, { type: 'ADD_TASK', reason: 'Bổ sung theo chỉ đạo của UBND tỉnh', task: newTask });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const added = res.body.plan.tasks.find((t: any) => t.code === '3.6');
    expectTaskShape(added);
    expect(added).toMatchObject({
      id: taskId('3.6'), planId: PLAN_ID, state: 'notStarted', ownerUnitId: 'TGPL', coordinatingUnitIds: ['HCTP'],
      deadline: '2026-12-20', overdue: false, allowedEvents: ['CANCEL'],
    });
    expect(res.body.plan.tasks).toHaveLength(30);

    const tgpl = await ApiClient.login(server, 'truongphong.tgpl');
    expect((await getTask(tgpl, '3.6')).allowedEvents).toEqual(['START']);
    const hctp = await ApiClient.login(server, 'truongphong.hctp');
    expect((await getTask(hctp, '3.6')).allowedEvents).toEqual([]);

    const p = await getProgress(giamdoc);
    // An amendment is the plan's own: 29 tasks as amended (KT1.1 stays apart, in extra).
    expect(counts(p)).toMatchObject({ total: 29, notStarted: 3, done: 18, percent: (18 / 29) * 100 });
    expect(p.extra.total).toBe(1);
    expect(p.byUnit.find((u) => u.unitId === 'TGPL')).toMatchObject({ notStarted: 1 });

    const history = await getHistory(giamdoc, '3.6');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ type: 'ADD_TASK', by: { username: 'giamdoc' }, reason: 'Bổ sung theo chỉ đạo của UBND tỉnh' });

    // The new task works like any other.
    const started = await tgpl.send('3.6', { type: 'START' });
    expect(started.status).toBe(200);
    expect(started.body.task).toMatchObject({ state: 'inProgress', allowedEvents: ['SUBMIT'] });
    expect((await getHistory(giamdoc, '3.6')).map((h) => h.type)).toEqual(['ADD_TASK', 'START']);
  });
});

describe('CHANGE_DEADLINE', () => {
  it('is refused without a reason and to the coordinator while issued', async () => {
    const before = await fingerprint(giamdoc, '3.2');
    const body = { type: 'CHANGE_DEADLINE', taskId: taskId('3.2'), deadline: '2026-12-31' };
    expectError(await planEvent(giamdoc, body), 400, 'bad_request');
    expectError(await planEvent(vanphong, { ...body, reason: 'Gia hạn' }), 409, 'transition_not_allowed');
    expectError(await planEvent(giamdoc, { ...body, deadline: '2026-02-30x', reason: 'Gia hạn' }), 400, 'bad_request');
    expectError(await planEvent(giamdoc, { ...body, taskId: taskId('9.9'), reason: 'Gia hạn' }), 404, 'not_found');
    expect(await fingerprint(giamdoc, '3.2')).toEqual(before);
  });

  it('a taskId that only exists on Object.prototype is an unknown task (404), not a crash', async () => {
    const before = await giamdoc.plan();
    for (const name of ['constructor', '__proto__', 'toString']) {
      const res = await planEvent(giamdoc, { type: 'CHANGE_DEADLINE', taskId: name, deadline: '2026-12-31', reason: 'Gia hạn' });
      expectError(res, 404, 'not_found');
    }
    expect(await giamdoc.plan()).toEqual(before);
  });

  it('by the leader with a reason moves the deadline and is in the task history', async () => {
    const before = await getTask(giamdoc, '2.3');
    expect(before).toMatchObject({ deadline: '2026-11-15', overdue: true, state: 'inProgress' });
    const historyBefore = await getHistory(giamdoc, '2.3');
    const overdueBefore = (await getProgress(giamdoc)).overdue;

    const res = await planEvent(giamdoc, { type: 'CHANGE_DEADLINE', taskId: taskId('2.3'), deadline: '2026-12-31', reason: 'Gia hạn theo văn bản số 88/UBND' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = await getTask(giamdoc, '2.3');
    expect(after).toMatchObject({ deadline: '2026-12-31', overdue: false, state: 'inProgress' });
    expect(after.version).toBe(before.version + 1);
    expect((await getProgress(giamdoc)).overdue).toBe(overdueBefore - 1);

    const history = await getHistory(giamdoc, '2.3');
    expect(history.slice(0, -1)).toEqual(historyBefore);
    expect(history.at(-1)).toMatchObject({
      type: 'CHANGE_DEADLINE', by: { username: 'giamdoc' }, from: 'inProgress', to: 'inProgress',
      deadline: '2026-12-31', previousDeadline: '2026-11-15', reason: 'Gia hạn theo văn bản số 88/UBND',
    });
    // A stale expectedVersion from before the change is now refused.
    const pbgdpl = await ApiClient.login(server, 'truongphong.pbgdpl');
    const stale = await pbgdpl.send('2.3', { type: 'SUBMIT', evidence: 'Báo cáo', expectedVersion: before.version });
    expect(expectError(stale, 409, 'conflict').details.current).toMatchObject({ deadline: '2026-12-31', version: after.version });
  });
});

describe('plan events a caller may never send', () => {
  it('a unit head may not amend or close the plan (403)', async () => {
    const hctp = await ApiClient.login(server, 'truongphong.hctp');
    const before = await giamdoc.plan();
    expectError(await planEvent(hctp, { type: 'CLOSE' }), 403, 'forbidden');
    expectError(await planEvent(hctp, { type: 'ADD_TASK', reason: 'x', task: { ...newTask, code: '3.7' } }), 403, 'forbidden');
    expectError(await planEvent(vanphong, { type: 'CLOSE' }), 403, 'forbidden');
    expectError(await planEvent(giamdoc, { type: 'CLOSING' }), 400, 'bad_request');
    expect(await giamdoc.plan()).toEqual(before);
  });

  it('re-issuing an issued plan is not allowed', async () => {
    const res = await planEvent(giamdoc, { type: 'ISSUE', decisionNo: '99/KH-STP', decisionDate: '2026-11-20' });
    const error = expectError(res, 409, 'transition_not_allowed');
    expect(error.details.allowed).toEqual(['CLOSE', 'ADD_TASK', 'CHANGE_DEADLINE', 'CHANGE_SETTINGS']);
    expect((await giamdoc.plan()).decision).toEqual({ no: '15/KH-STP', date: '2026-01-10' });
  });
});

describe('plan settings: the percent display rule', () => {
  it('a coordinator switches the plan to whole, truncated percent; it is logged and validated', async () => {
    const before = await giamdoc.plan();
    expect(before.settings.percentRule).toEqual({ mode: 'halfUp', decimals: 2 });
    expectError(await planEvent(vanphong, { type: 'CHANGE_SETTINGS' }), 400, 'bad_request');
    expectError(
      await planEvent(vanphong, { type: 'CHANGE_SETTINGS', settings: { percentRule: { mode: 'ceil', decimals: 0 } } }),
      400,
      'bad_request',
    );
    const hctp = await ApiClient.login(server, 'truongphong.hctp');
    expectError(
      await planEvent(hctp, { type: 'CHANGE_SETTINGS', settings: { percentRule: { mode: 'truncate', decimals: 0 } } }),
      403,
      'forbidden',
    );
    expect((await giamdoc.plan()).version).toBe(before.version);

    const res = await planEvent(vanphong, {
      type: 'CHANGE_SETTINGS',
      expectedVersion: before.version,
      settings: { percentRule: { mode: 'truncate', decimals: 0 } },
    });
    expect(res.status).toBe(200);
    const after = await giamdoc.plan();
    expect(after.settings.percentRule).toEqual({ mode: 'truncate', decimals: 0 });
    expect(after.version).toBe(before.version + 1);
    const history = await giamdoc.json<Array<{ type: string; settings?: unknown }>>('GET', `/api/plans/${PLAN_ID}/history`);
    expect(history.body.at(-1)).toMatchObject({ type: 'CHANGE_SETTINGS', settings: { percentRule: { mode: 'truncate', decimals: 0 } } });
  });
});
