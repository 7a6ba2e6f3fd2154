import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PLAN_ID, taskId } from '../support/api';
import { expectError, getHistory, getProgress } from '../support/expectApi';
import { startServer, type RunningServer } from '../support/server';

/**
 * A restart on the same DATA_DIR keeps everything (plan, versions, progress, history, sessions) and
 * never reseeds; a SIGKILL right after an acknowledged move keeps it too.
 */
// Plan snapshots wait an hour (longer than this file runs): one is written only by a clean stop, so
// after a SIGKILL the log alone must carry the moves made since (no timer racing the kill).
const env = { TIENDO_NOW: '2026-11-20T03:00:00Z', TIENDO_SNAPSHOT_DELAY_MS: '3600000' };
let server: RunningServer;
let dataDir: string;
let giamdoc: ApiClient;
let vanphong: ApiClient;
let cc1: ApiClient;

beforeAll(async () => {
  server = await startServer({ env });
  dataDir = server.dataDir;
  [giamdoc, vanphong, cc1] = await Promise.all(['giamdoc', 'vanphong', 'truongphong.cc1'].map((u) => ApiClient.login(server.url, u)));
});
afterAll(() => server?.stop());

/** The log position the plan's snapshot file was taken at. */
const snapshotSeq = (): number => JSON.parse(readFileSync(join(dataDir, 'plans', `${PLAN_ID}.json`), 'utf8')).logSeq;
const logLines = () => readFileSync(join(dataDir, 'events.ndjson'), 'utf8').split('\n').filter(Boolean).length;

/** Everything a reader can see: the plan for the caller, its progress, every task's history. */
async function everything(api: ApiClient) {
  const plan = await api.plan();
  const histories: Record<string, unknown[]> = {};
  for (const t of plan.tasks) histories[t.code] = await getHistory(api, t.code);
  return { plan, progress: await getProgress(api), histories };
}

/** Points the clients at the current server; they keep their cookies. */
function follow(url: string) {
  for (const api of [giamdoc, vanphong, cc1]) (api as { baseUrl: string }).baseUrl = url;
}

async function restart(how: 'stop' | 'kill') {
  await (how === 'stop' ? server.stop() : server.kill());
  server = await startServer({ dataDir, env });
  follow(server.url);
}

describe('restart', () => {
  let before: Awaited<ReturnType<typeof everything>>;
  let lines: number;

  it('the first start seeded', async () => {
    expect(server.output()).toMatch(/seeded/);
    expect((await getHistory(giamdoc, '1.1')).map((h) => h.type)).toEqual(['START', 'SUBMIT', 'APPROVE']);
  });

  it('keeps plan, versions, progress, history and sessions across a clean stop', async () => {
    expect((await cc1.send('6.4', { type: 'START' })).status).toBe(200);
    expect((await cc1.send('6.4', { type: 'SUBMIT', evidence: 'Báo cáo số 12/BC-CC1' })).status).toBe(200);
    expect((await vanphong.send('3.3', { type: 'RETURN', reason: 'Thiếu số liệu quý III' })).status).toBe(200);
    expect((await giamdoc.send('7.5', { type: 'CANCEL', reason: 'Điều chỉnh kế hoạch' })).status).toBe(200);
    const added = await giamdoc.json<any>('POST', `/api/plans/${PLAN_ID}/events`, {
      type: 'ADD_TASK', reason: 'Bổ sung',
      task: { areaId: 'area-7', code: '7.6', title: 'Số hóa hồ sơ lý lịch tư pháp', ownerUnitId: 'HCTP', deadline: '2026-12-31' },
    });
    expect(added.status).toBe(200);
    const changed = await giamdoc.json<any>('POST', `/api/plans/${PLAN_ID}/events`, {
      type: 'CHANGE_DEADLINE', taskId: taskId('2.3'), deadline: '2026-12-20', reason: 'Gia hạn',
    });
    expect(changed.status).toBe(200);

    before = await everything(giamdoc);
    // 28 plan tasks, the seeded inspection's remediation task KT1.1 and 7.6; KT1.1 is counted apart.
    expect(before.plan.tasks).toHaveLength(30);
    expect(before.progress).toMatchObject({ total: 29, cancelled: 1, inReview: 3, done: 18 });
    expect(before.progress.extra.total).toBe(1);
    lines = logLines();
    const oldCookie = giamdoc.cookie;

    await restart('stop');

    expect(server.output()).not.toMatch(/seeded/);
    expect(logLines()).toBe(lines);
    // The old cookie still works: sessions persist.
    expect(giamdoc.cookie).toBe(oldCookie);
    const me = await giamdoc.json<any>('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('giamdoc');
    expect(await everything(giamdoc)).toEqual(before);
    // And logging in again works as well.
    const again = await ApiClient.login(server.url, 'giamdoc');
    expect(await again.plan()).toEqual(before.plan);
  });

  it('carries on from where it stopped: versions and seqs continue', async () => {
    const task = before.plan.tasks.find((t) => t.code === '6.4')!;
    const stale = await giamdoc.send('6.4', { type: 'APPROVE', expectedVersion: task.version - 1 });
    expect(expectError(stale, 409, 'conflict').details.current.version).toBe(task.version);
    const res = await giamdoc.send('6.4', { type: 'APPROVE', expectedVersion: task.version });
    expect(res.status).toBe(200);
    expect(res.body.task).toMatchObject({ state: 'done', version: task.version + 1 });
    const maxSeq = Math.max(...Object.values(before.histories).flat().map((h: any) => h.seq));
    const history = await getHistory(giamdoc, '6.4');
    expect(history.slice(0, -1)).toEqual(before.histories['6.4']);
    expect(history.at(-1).seq).toBeGreaterThan(maxSeq);
    // The approval, and its notice to the owning unit's head (listing notifications waits for it to be written).
    const head = await ApiClient.login(server.url, 'truongphong.cc1');
    const notices = (await head.json<Array<{ kind: string }>>('GET', '/api/notifications')).body;
    expect(notices.filter((n) => n.kind === 'approved')).toHaveLength(1);
    expect(logLines()).toBe(lines + 2);
  });

  it('a second restart does not reseed or duplicate anything', async () => {
    const state = await everything(giamdoc);
    const count = logLines();
    await restart('stop');
    expect(server.output()).not.toMatch(/seeded/);
    expect(logLines()).toBe(count);
    expect(await everything(giamdoc)).toEqual(state);
    expect((await getHistory(giamdoc, '1.1')).map((h) => h.type)).toEqual(['START', 'SUBMIT', 'APPROVE']);
  });

  it('a SIGKILL right after an acknowledged move keeps the move', async () => {
    const res = await vanphong.send('3.3', { type: 'START' });
    expectError(res, 409, 'transition_not_allowed');
    const hctp = await ApiClient.login(server.url, 'truongphong.hctp');
    const submitted = await hctp.send('3.2', { type: 'SUBMIT', evidence: 'Quyết định số 300/QĐ-STP' });
    expect(submitted.status).toBe(200);
    const state = await everything(giamdoc);
    // The snapshot was taken at the last clean stop, before this move: the log alone must carry it.
    const submitSeq = (await getHistory(giamdoc, '3.2')).at(-1).seq;
    const snapshotBefore = snapshotSeq();
    expect(snapshotBefore).toBeLessThan(submitSeq);
    await restart('kill');
    expect(snapshotSeq()).toBe(snapshotBefore);
    expect(server.output()).not.toMatch(/seeded/);
    expect(await everything(giamdoc)).toEqual(state);
    expect((await giamdoc.plan()).tasks.find((t) => t.code === '3.2')).toMatchObject({
      state: 'inReview', version: submitted.body.task.version, evidence: 'Quyết định số 300/QĐ-STP',
    });
  });
});
