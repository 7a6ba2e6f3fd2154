import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../../machines/api';
import { ApiClient, PLAN_ID, taskId } from '../../support/api';
import { counts, expectError, expectTaskShape, getHistory, getProgress, getTask } from '../../support/expectApi';
import { startApp, type TestApp } from '../../support/app';

/**
 * One task's whole path through the workflow over HTTP, with the Task, the plan's progress and the
 * task's history checked after every step; then REOPEN and CANCEL by the leader.
 */
const NOW = '2026-11-20T03:00:00.000Z';
let server: TestApp;
let giamdoc: ApiClient;
let vanphong: ApiClient;
let cc1: ApiClient;

beforeAll(async () => {
  server = await startApp({ now: NOW });
  [giamdoc, vanphong, cc1] = await Promise.all(['giamdoc', 'vanphong', 'truongphong.cc1'].map((u) => ApiClient.login(server, u)));
});
afterAll(() => server?.close());

/**
 * The reference plan's own 28 tasks. The demo inspection's remediation task KT1.1 (in progress,
 * overdue) is on the board but counted apart, in `extra`.
 */
const SEEDED = {
  total: 28, done: 18, doneOnTime: 14, doneLate: 4, inProgress: 5, notStarted: 2, inReview: 3, cancelled: 0, overdue: 3,
  percent: (18 / 28) * 100,
};
const SEEDED_EXTRA = { total: 1, done: 0, doneOnTime: 0, doneLate: 0, inProgress: 1, notStarted: 0, inReview: 0, cancelled: 0, overdue: 1, percent: 0 };

/** Sends an event, expects 200 with the new Task, and checks its state and version. */
async function move(api: ApiClient, code: string, event: Record<string, unknown>, state: Task['state'], version: number): Promise<Task> {
  const res = await api.send(code, event);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(Object.keys(res.body)).toEqual(['task']);
  expectTaskShape(res.body.task);
  expect(res.body.task).toMatchObject({ id: taskId(code), planId: PLAN_ID, code, state, version });
  return res.body.task;
}

async function allowedFor(api: ApiClient, code: string) {
  return (await getTask(api, code)).allowedEvents;
}

describe('the seeded plan', () => {
  it('has the reference progress at the pinned clock', async () => {
    const p = await getProgress(giamdoc);
    expect(counts(p)).toEqual(SEEDED);
    expect(p.extra).toEqual(SEEDED_EXTRA);
    expect(p.byArea).toHaveLength(7);
    expect(p.byUnit).toHaveLength(9);
    // Every breakdown adds up to the plan.
    for (const rows of [p.byArea, p.byUnit]) {
      for (const key of ['total', 'done', 'doneOnTime', 'doneLate', 'inProgress', 'notStarted', 'inReview', 'cancelled', 'overdue'] as const) {
        expect(rows.reduce((s, r) => s + r[key], 0)).toBe(p[key]);
      }
    }
    const plan = await giamdoc.plan();
    expect(plan.tasks.filter((t) => t.overdue).map((t) => t.code).sort()).toEqual(['2.3', '6.4', '7.5', 'KT1.1']);
  });

  it('6.4 has no history yet', async () => {
    expect(await getHistory(giamdoc, '6.4')).toEqual([]);
  });
});

describe('task 6.4: notStarted → inProgress → inReview → (RETURN) → inProgress → inReview → done', () => {
  it('START by the owning unit head', async () => {
    const before = await getTask(cc1, '6.4');
    expect(before).toMatchObject({ state: 'notStarted', version: 1, ownerUnitId: 'CC1', deadline: '2026-06-30', overdue: true, allowedEvents: ['START'] });
    expect(before.completedAt).toBeUndefined();

    const task = await move(cc1, '6.4', { type: 'START', expectedVersion: 1 }, 'inProgress', 2);
    expect(task.allowedEvents).toEqual(['SUBMIT']);
    expect(task.overdue).toBe(true);
    expect(task.completedAt).toBeUndefined();
    expect(counts(await getProgress(giamdoc))).toEqual({ ...SEEDED, notStarted: 1, inProgress: 6 });
    expect(await allowedFor(giamdoc, '6.4')).toEqual(['CANCEL']);
    expect(await allowedFor(vanphong, '6.4')).toEqual([]);
  });

  it('SUBMIT with evidence', async () => {
    const task = await move(cc1, '6.4', { type: 'SUBMIT', evidence: 'Báo cáo số 12/BC-CC1', expectedVersion: 2 }, 'inReview', 3);
    expect(task.allowedEvents).toEqual([]);
    expect(task.evidence).toBe('Báo cáo số 12/BC-CC1');
    expect(task.completedAt).toBeUndefined();
    expect(counts(await getProgress(giamdoc))).toEqual({ ...SEEDED, notStarted: 1, inProgress: 5, inReview: 4 });
    expect(await allowedFor(vanphong, '6.4')).toEqual(['APPROVE', 'RETURN']);
    expect(await allowedFor(giamdoc, '6.4')).toEqual(['APPROVE', 'RETURN', 'CANCEL']);
  });

  it('RETURN with a reason by the coordinator', async () => {
    const task = await move(vanphong, '6.4', { type: 'RETURN', reason: 'Thiếu phụ lục số liệu', expectedVersion: 3 }, 'inProgress', 4);
    expect(task.allowedEvents).toEqual([]);
    expect(task.completedAt).toBeUndefined();
    expect(counts(await getProgress(giamdoc))).toEqual({ ...SEEDED, notStarted: 1, inProgress: 6 });
    expect(await allowedFor(cc1, '6.4')).toEqual(['SUBMIT']);
  });

  it('SUBMIT again', async () => {
    const task = await move(cc1, '6.4', { type: 'SUBMIT', evidence: 'Báo cáo số 15/BC-CC1 (bổ sung phụ lục)' }, 'inReview', 5);
    expect(task.allowedEvents).toEqual([]);
    expect(task.evidence).toBe('Báo cáo số 15/BC-CC1 (bổ sung phụ lục)');
    expect(counts(await getProgress(giamdoc))).toEqual({ ...SEEDED, notStarted: 1, inProgress: 5, inReview: 4 });
  });

  it('APPROVE by the leader: done, late, no longer overdue', async () => {
    const task = await move(giamdoc, '6.4', { type: 'APPROVE', comment: 'Đồng ý', expectedVersion: 5 }, 'done', 6);
    expect(task.completedAt).toBe(NOW);
    expect(task.overdue).toBe(false);
    expect(task.allowedEvents).toEqual(['REOPEN']);
    expect(await allowedFor(cc1, '6.4')).toEqual([]);
    expect(await allowedFor(vanphong, '6.4')).toEqual([]);

    const p = await getProgress(giamdoc);
    expect(counts(p)).toEqual({
      ...SEEDED, notStarted: 1, done: 19, doneLate: 5, overdue: 2, percent: (19 / 28) * 100,
    });
    expect(p.percent).toBe((19 / 28) * 100);
    expect(p.byUnit.find((u) => u.unitId === 'CC1')).toMatchObject({ total: 1, done: 1, doneLate: 1, doneOnTime: 0, overdue: 0, percent: 100 });
    const area6 = p.byArea.find((a) => a.areaId === 'area-6')!;
    expect(area6.done).toBe(area6.total);
    expect(area6.percent).toBe(100);
  });

  it('the history lists the five events, oldest first, with who, from, to and payload', async () => {
    const history = await getHistory(vanphong, '6.4');
    expect(history).toHaveLength(5);
    expect(history.map((h) => [h.type, h.by.username, h.from, h.to])).toEqual([
      ['START', 'truongphong.cc1', 'notStarted', 'inProgress'],
      ['SUBMIT', 'truongphong.cc1', 'inProgress', 'inReview'],
      ['RETURN', 'vanphong', 'inReview', 'inProgress'],
      ['SUBMIT', 'truongphong.cc1', 'inProgress', 'inReview'],
      ['APPROVE', 'giamdoc', 'inReview', 'done'],
    ]);
    for (let i = 1; i < history.length; i++) expect(history[i].seq).toBeGreaterThan(history[i - 1].seq);
    for (const h of history) {
      expect(h.at).toBe(NOW);
      expect(h.by).toEqual({ id: expect.any(String), username: expect.any(String) });
      expect(Number.isInteger(h.seq)).toBe(true);
    }
    expect(history[1].evidence).toBe('Báo cáo số 12/BC-CC1');
    expect(history[2].reason).toBe('Thiếu phụ lục số liệu');
    expect(history[3].evidence).toBe('Báo cáo số 15/BC-CC1 (bổ sung phụ lục)');
    expect(history[4].comment).toBe('Đồng ý');
    expect(history[0].evidence).toBeUndefined();
    expect(history[0].reason).toBeUndefined();
  });
});

describe('leader amendments of single tasks', () => {
  it('REOPEN of a done task needs a reason, clears completedAt and is in the history', async () => {
    const before = await getTask(giamdoc, '1.1');
    expect(before).toMatchObject({ state: 'done', completedAt: expect.any(String) });
    const historyBefore = await getHistory(giamdoc, '1.1');

    const task = await move(giamdoc, '1.1', { type: 'REOPEN', reason: 'Kết quả cần cập nhật theo Quyết định mới' }, 'inProgress', before.version + 1);
    expect(task.completedAt).toBeUndefined();
    expect(task.allowedEvents).toEqual(['CANCEL']);
    expect(await allowedFor(await ApiClient.login(server, 'truongphong.vp'), '1.1')).toEqual(['SUBMIT']);

    const history = await getHistory(giamdoc, '1.1');
    expect(history).toHaveLength(historyBefore.length + 1);
    expect(history.slice(0, -1)).toEqual(historyBefore);
    expect(history.at(-1)).toMatchObject({
      type: 'REOPEN', by: { username: 'giamdoc' }, from: 'done', to: 'inProgress', reason: 'Kết quả cần cập nhật theo Quyết định mới',
    });
    // 1.1 was done on time and its deadline (2026-01-15) has passed: reopened, it is overdue again.
    expect(task.overdue).toBe(true);
    expect(counts(await getProgress(giamdoc))).toEqual({
      ...SEEDED, notStarted: 1, inProgress: 6, done: 18, doneOnTime: 13, doneLate: 5, overdue: 3, percent: (18 / 28) * 100,
    });
  });

  it('CANCEL with a reason takes the task out of the denominator', async () => {
    const before = await getTask(giamdoc, '7.5');
    expect(before).toMatchObject({ state: 'notStarted', overdue: true });
    const task = await move(giamdoc, '7.5', { type: 'CANCEL', reason: 'Điều chỉnh kế hoạch: nhiệm vụ không còn phù hợp' }, 'cancelled', before.version + 1);
    expect(task.allowedEvents).toEqual([]);
    expect(task.overdue).toBe(false);
    expect(task.completedAt).toBeUndefined();

    const p = await getProgress(giamdoc);
    expect(counts(p)).toEqual({
      ...SEEDED, notStarted: 0, inProgress: 6, done: 18, doneOnTime: 13, doneLate: 5, cancelled: 1, overdue: 2,
      percent: (18 / (28 - 1)) * 100,
    });
    expect(p.percent).toBe((18 / 27) * 100);
    expect(p.extra).toEqual(SEEDED_EXTRA);
    expect((await getHistory(giamdoc, '7.5')).map((h) => [h.type, h.from, h.to, h.reason])).toEqual([
      ['CANCEL', 'notStarted', 'cancelled', 'Điều chỉnh kế hoạch: nhiệm vụ không còn phù hợp'],
    ]);
  });

  it('a cancelled task is final', async () => {
    const vp = await ApiClient.login(server, 'truongphong.vp');
    const error = expectError(await vp.send('7.5', { type: 'START' }), 409, 'transition_not_allowed');
    expect(error.details).toEqual({ allowed: [] });
    expect(expectError(await giamdoc.send('7.5', { type: 'REOPEN', reason: 'x' }), 409, 'transition_not_allowed').details).toEqual({ allowed: [] });
    expect(await getHistory(giamdoc, '7.5')).toHaveLength(1);
  });
});

describe('two heads racing on one version', () => {
  it('exactly one of two concurrent events with the same expectedVersion wins', async () => {
    const hctp = [await ApiClient.login(server, 'truongphong.hctp'), await ApiClient.login(server, 'truongphong.hctp')];
    const v = (await getTask(giamdoc, '3.4')).version;
    const results = await Promise.all(hctp.map((api, i) => api.send('3.4', { type: 'SUBMIT', evidence: `Bản ${i}`, expectedVersion: v })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    const error = expectError(loser, 409, 'conflict');
    expect(error.details.current).toMatchObject({ state: 'inReview', version: v + 1 });
    const history = await getHistory(giamdoc, '3.4');
    expect(history.filter((h) => h.type === 'SUBMIT')).toHaveLength(1);
  });

  it('of two reviewers approving at once, without versions, one wins and the other is told the state moved on', async () => {
    const before = await getHistory(giamdoc, '5.2');
    const [a, b] = await Promise.all([giamdoc.send('5.2', { type: 'APPROVE' }), vanphong.send('5.2', { type: 'RETURN', reason: 'Chưa đạt' })]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(expectError(loser, 409, 'transition_not_allowed').details.allowed).toEqual(a.status === 409 ? ['CANCEL'] : []);
    const history = await getHistory(giamdoc, '5.2');
    expect(history).toHaveLength(before.length + 1);
    expect(history.at(-1)!.type).toBe(a.status === 200 ? 'APPROVE' : 'RETURN');
  });
});
