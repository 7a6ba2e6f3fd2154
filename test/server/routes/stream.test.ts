import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PLAN_ID, taskId } from '../../support/api';
import { counts, expectError, expectTaskShape, fetchJson, getProgress } from '../../support/expectApi';
import { openStream, type SseStream } from '../../support/sse';
import { startServer, type RunningServer } from '../../support/server';

/** GET /api/stream: every open board receives `task` (for its own user) and `progress` after each accepted event. */
let server: RunningServer;
let giamdoc: ApiClient;
let hctp: ApiClient;
const streams: SseStream[] = [];

beforeAll(async () => {
  server = await startServer({ env: { TIENDO_NOW: '2026-11-20T03:00:00Z' } });
  [giamdoc, hctp] = await Promise.all(['giamdoc', 'truongphong.hctp'].map((u) => ApiClient.login(server.url, u)));
});
afterAll(async () => {
  for (const s of streams) s.close();
  await server?.stop();
});

async function open(api?: ApiClient): Promise<SseStream> {
  const s = await openStream(`${server.url}/api/stream`, api?.cookie);
  streams.push(s);
  return s;
}

describe('GET /api/stream', () => {
  it('needs a session', async () => {
    const res = await fetchJson(`${server.url}/api/stream`, { headers: { accept: 'text/event-stream' } });
    expectError(res, 401, 'unauthenticated');
    const forged = await fetchJson(`${server.url}/api/stream`, { headers: { accept: 'text/event-stream', cookie: 'tiendo_session=forged' } });
    expectError(forged, 401, 'unauthenticated');
  });

  it('pushes the Task (with the receiver’s allowedEvents) and the new progress after SUBMIT', async () => {
    const leaderStream = await open(giamdoc);
    const headStream = await open(hctp);
    const coordinatorStream = await open(await ApiClient.login(server.url, 'vanphong'));
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
    s.close();
    const other = await open(giamdoc);
    await other.waitFor((e) => e.event === 'hello');
    expect((await hctp.send('3.2', { type: 'SUBMIT', evidence: 'Báo cáo 3.2' })).status).toBe(200);
    const task = await other.waitFor((e) => e.event === 'task' && e.data.id === taskId('3.2'));
    expect(task.data.state).toBe('inReview');
  });
});

describe('a stream ends with its session', () => {
  it('logout closes that session’s streams at once; another session of the same user keeps its stream', async () => {
    const api = await ApiClient.login(server.url, 'truongphong.vp');
    const other = await ApiClient.login(server.url, 'truongphong.vp');
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
});
