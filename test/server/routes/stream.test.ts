import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEARTBEAT_MS } from '../../../server/live/liveStream';
import { ApiClient, PLAN_ID, taskId } from '../../support/api';
import { useApp } from '../../support/app';
import { counts, expectError, expectTaskShape, getProgress } from '../../support/expectApi';
import { ManualTimers } from '../../support/manualTimers';
import { openStream, type SseStream } from '../../support/sse';

/**
 * GET /api/stream, in-process (the same stream the Node server writes to its sockets, see
 * test/server/live/nodeSink.test.ts): every open board receives `task` (for its own user) and
 * `progress` after each accepted event, a heartbeat, and nothing after its session ends.
 */
const timers = new ManualTimers();
const app = useApp({ now: '2026-11-20T03:00:00Z', timers });
let giamdoc: ApiClient;
let hctp: ApiClient;
const streams: SseStream[] = [];

beforeAll(async () => {
  [giamdoc, hctp] = await Promise.all(['giamdoc', 'truongphong.hctp'].map((u) => ApiClient.login(app(), u)));
});
afterAll(async () => {
  for (const s of streams) await s.close();
});

async function open(api?: ApiClient): Promise<SseStream> {
  const s = await openStream(`${app().url}/api/stream`, api?.cookie, app().fetch);
  streams.push(s);
  return s;
}

describe('GET /api/stream', () => {
  it('needs a session', async () => {
    const res = await app().fetchJson('/api/stream', { headers: { accept: 'text/event-stream' } });
    expectError(res, 401, 'unauthenticated');
    const forged = await app().fetchJson('/api/stream', { headers: { accept: 'text/event-stream', cookie: 'tiendo_session=forged' } });
    expectError(forged, 401, 'unauthenticated');
  });

  it('greets a board, then sends it a ping every 15 s', async () => {
    const s = await open(giamdoc);
    expect(s.status).toBe(200);
    await s.waitFor((e) => e.event === 'hello');
    timers.advance(HEARTBEAT_MS);
    await s.waitFor((e) => e.event === 'ping');
    const from = s.events.length;
    timers.advance(HEARTBEAT_MS);
    await s.waitFor((e) => e.event === 'ping', { from });
    // Only the clock sends them: one per period, after the greeting.
    expect(s.events.map((e) => e.event)).toEqual(['hello', 'ping', 'ping']);
    await s.close();
  });

  it('pushes the Task (with the receiver’s allowedEvents) and the new progress after SUBMIT', async () => {
    const leaderStream = await open(giamdoc);
    const headStream = await open(hctp);
    const coordinatorStream = await open(await ApiClient.login(app(), 'vanphong'));
    for (const s of [leaderStream, headStream, coordinatorStream]) expect(s.status).toBe(200);
    // The stream is live once the server has greeted it.
    await Promise.all([leaderStream, headStream, coordinatorStream].map((s) => s.waitFor((e) => e.event === 'hello')));

    const before = await getProgress(giamdoc);
    expect(before.inReview).toBe(3);

    // A refused event is not broadcast: the first task event after it is the accepted one.
    const from = leaderStream.events.length;
    expectError(await hctp.send('3.2', { type: 'START' }), 409, 'transition_not_allowed');
    const res = await hctp.send('3.4', { type: 'SUBMIT', evidence: 'Quyết định số 201/QĐ-STP' });
    expect(res.status).toBe(200);

    const task = await leaderStream.waitFor((e) => e.event === 'task', { from });
    expectTaskShape(task.data);
    expect(task.data).toMatchObject({ id: taskId('3.4'), state: 'inReview', version: res.body.task.version, evidence: 'Quyết định số 201/QĐ-STP' });
    expect(task.data.allowedEvents).toEqual(['APPROVE', 'RETURN', 'CANCEL']);

    const progress = await leaderStream.waitFor((e) => e.event === 'progress', { from });
    expect(progress.data.planId).toBe(PLAN_ID);
    expect(progress.data.inReview).toBe(before.inReview + 1);
    expect(progress.data.inProgress).toBe(before.inProgress - 1);
    const { planId: _p, ...pushed } = progress.data;
    expect(pushed).toEqual(await getProgress(giamdoc));
    expect(counts(pushed)).toEqual({ ...counts(before), inReview: 4, inProgress: before.inProgress - 1 });

    // Each receiver gets the moves open to them.
    const headTask = await headStream.waitFor((e) => e.event === 'task' && e.data.id === taskId('3.4'));
    expect(headTask.data).toMatchObject({ state: 'inReview', allowedEvents: [] });
    const coordinatorTask = await coordinatorStream.waitFor((e) => e.event === 'task' && e.data.id === taskId('3.4'));
    expect(coordinatorTask.data).toMatchObject({ state: 'inReview', allowedEvents: ['APPROVE', 'RETURN'] });
    expect(leaderStream.events.filter((e) => e.event === 'task').map((e) => e.data.id)).toEqual([taskId('3.4')]);
  });

  it('keeps events in order across quick successive moves', async () => {
    const s = await open(giamdoc);
    await s.waitFor((e) => e.event === 'hello');
    const from = s.events.length;
    expect((await giamdoc.send('3.4', { type: 'RETURN', reason: 'Bổ sung số liệu' })).status).toBe(200);
    expect((await hctp.send('3.4', { type: 'SUBMIT', evidence: 'Quyết định số 202/QĐ-STP' })).status).toBe(200);
    const last = await giamdoc.send('3.4', { type: 'APPROVE' });
    expect(last.status).toBe(200);
    await s.waitFor((e) => e.event === 'task' && e.data.version === last.body.task.version, { from });
    const seen = s.events.slice(from).filter((e) => e.event === 'task').map((e) => [e.data.state, e.data.version]);
    const v = last.body.task.version;
    expect(seen).toEqual([
      ['inProgress', v - 2],
      ['inReview', v - 1],
      ['done', v],
    ]);
    const lastProgress = await s.waitFor((e) => e.event === 'progress' && e.data.done === 19, { from });
    expect(lastProgress.data.percent).toBe((19 / 28) * 100);
  });

  it('a closed stream is forgotten: later moves still succeed for everyone else', async () => {
    const s = await open(giamdoc);
    await s.waitFor((e) => e.event === 'hello');
    const before = app().deps.hub.size;
    await s.close();
    expect(app().deps.hub.size).toBe(before - 1);
    const other = await open(giamdoc);
    await other.waitFor((e) => e.event === 'hello');
    expect((await hctp.send('3.2', { type: 'SUBMIT', evidence: 'Báo cáo 3.2' })).status).toBe(200);
    const task = await other.waitFor((e) => e.event === 'task' && e.data.id === taskId('3.2'));
    expect(task.data.state).toBe('inReview');
  });
});

describe('a stream ends with its session', () => {
  it('logout closes that session’s streams at once; another session of the same user keeps its stream', async () => {
    const api = await ApiClient.login(app(), 'truongphong.vp');
    const other = await ApiClient.login(app(), 'truongphong.vp');
    const [mine, theirs] = [await open(api), await open(other)];
    await Promise.all([mine, theirs].map((s) => s.waitFor((e) => e.event === 'hello')));
    expect((await api.request('DELETE', '/api/session')).status).toBe(204);
    await mine.ended;
    // The surviving stream still receives moves (so the ended one was ended, not the server's streams).
    const from = theirs.events.length;
    expect((await giamdoc.send('3.2', { type: 'RETURN', reason: 'Bổ sung sau đăng xuất' })).status).toBe(200);
    await theirs.waitFor((e) => e.event === 'task' && e.data.id === taskId('3.2'), { from });
    expect(mine.events.filter((e) => e.event === 'task' && e.data.id === taskId('3.2'))).toEqual([]);
  });

  it('a changed role closes that user’s streams, so the board reconnects with its new moves', async () => {
    const created = await giamdoc.json<any>('POST', '/api/users', {
      username: 'doi.don.vi', name: 'Cán bộ đổi đơn vị', role: 'unitHead', unitId: 'HCTP', password: 'Ngựa-vằn-ăn-cỏ-2026',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const s = await open(await ApiClient.login(app(), 'doi.don.vi', 'Ngựa-vằn-ăn-cỏ-2026'));
    await s.waitFor((e) => e.event === 'hello');
    expect((await giamdoc.json('PATCH', `/api/users/${created.body.user.id}`, { role: 'coordinator', unitId: 'VP' })).status).toBe(200);
    await s.ended;
  });
});
