import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PLAN_ID, taskId } from '../../support/api';
import { expectError, expectTaskShape, fingerprint, taskPath } from '../../support/expectApi';
import { startApp, type TestApp } from '../../support/app';

/**
 * Every refusal of POST /api/tasks/:id/events (and the 401/404s around it): exact status, the error
 * shape of API.md, and a refused request changes nothing (task, version, history, progress).
 */
let server: TestApp;
let giamdoc: ApiClient;
let vanphong: ApiClient;
let hctp: ApiClient;

beforeAll(async () => {
  server = await startApp({ now: '2026-11-20T03:00:00Z' });
  [giamdoc, vanphong, hctp] = await Promise.all(
    ['giamdoc', 'vanphong', 'truongphong.hctp'].map((u) => ApiClient.login(server, u)),
  );
});
afterAll(() => server?.close());

/** Runs the refused request and asserts the task, its history and the plan's progress did not move. */
async function refused(code: string, request: () => Promise<{ status: number; body: any }>, status: number, errorCode: string) {
  const before = await fingerprint(giamdoc, code);
  const res = await request();
  const error = expectError(res, status, errorCode);
  expect(await fingerprint(giamdoc, code)).toEqual(before);
  return error;
}

const post = (path: string, init: { cookie?: string; body?: string; type?: string; headers?: Record<string, string> }) =>
  server.fetchJson(path, {
    method: 'POST',
    headers: {
      'X-Requested-With': 'tiendo',
      ...(init.type === undefined ? { 'content-type': 'application/json' } : init.type ? { 'content-type': init.type } : {}),
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...init.headers,
    },
    body: init.body,
  });

describe('the seeded tasks the refusals aim at', () => {
  it('are where the seed left them', async () => {
    const plan = await giamdoc.plan();
    const by = new Map(plan.tasks.map((t) => [t.code, t]));
    expect(by.get('3.2')).toMatchObject({ state: 'inProgress', ownerUnitId: 'HCTP', version: 2 });
    expect(by.get('6.4')).toMatchObject({ state: 'notStarted', ownerUnitId: 'CC1', version: 1 });
    expect(by.get('3.3')).toMatchObject({ state: 'inReview', ownerUnitId: 'VP' });
    for (const t of plan.tasks) expectTaskShape(t);
  });
});

describe('400 bad_request', () => {
  it('SUBMIT without evidence names the missing field', async () => {
    for (const evidence of [undefined, '', '   ']) {
      const error = await refused('3.2', () => hctp.send('3.2', { type: 'SUBMIT', ...(evidence === undefined ? {} : { evidence }) }), 400, 'bad_request');
      expect(error.details).toEqual({ field: 'evidence' });
    }
  });

  it('RETURN, CANCEL and REOPEN without a reason name the missing field', async () => {
    const r = await refused('3.3', () => vanphong.send('3.3', { type: 'RETURN' }), 400, 'bad_request');
    expect(r.details).toEqual({ field: 'reason' });
    const c = await refused('6.4', () => giamdoc.send('6.4', { type: 'CANCEL', reason: '' }), 400, 'bad_request');
    expect(c.details).toEqual({ field: 'reason' });
    const o = await refused('3.5', () => giamdoc.send('3.5', { type: 'REOPEN' }), 400, 'bad_request');
    expect(o.details).toEqual({ field: 'reason' });
  });

  it('an unknown event type', async () => {
    await refused('3.2', () => hctp.send('3.2', { type: 'FINISH', evidence: 'x' }), 400, 'bad_request');
    await refused('3.2', () => hctp.send('3.2', { evidence: 'x' }), 400, 'bad_request');
    await refused('3.2', () => hctp.send('3.2', { type: 'start' }), 400, 'bad_request');
  });

  it('a malformed expectedVersion', async () => {
    await refused('3.2', () => hctp.send('3.2', { type: 'SUBMIT', evidence: 'x', expectedVersion: 'two' }), 400, 'bad_request');
    await refused('3.2', () => hctp.send('3.2', { type: 'SUBMIT', evidence: 'x', expectedVersion: -1 }), 400, 'bad_request');
  });

  it('malformed JSON', async () => {
    await refused('3.2', () => post(taskPath('3.2') + '/events', { cookie: hctp.cookie, body: '{"type": "SUBMIT", "evidence": ' }), 400, 'bad_request');
    await refused('3.2', () => post(taskPath('3.2') + '/events', { cookie: hctp.cookie, body: '' }), 400, 'bad_request');
    await refused('3.2', () => post(taskPath('3.2') + '/events', { cookie: hctp.cookie, body: '["SUBMIT"]' }), 400, 'bad_request');
  });

  it('a body that is not declared JSON', async () => {
    const body = JSON.stringify({ type: 'SUBMIT', evidence: 'Báo cáo số 1' });
    await refused('3.2', () => post(taskPath('3.2') + '/events', { cookie: hctp.cookie, body, type: 'text/plain' }), 400, 'bad_request');
    await refused('3.2', () => post(taskPath('3.2') + '/events', { cookie: hctp.cookie, body, type: '' }), 400, 'bad_request');
    await refused(
      '3.2',
      () => post(taskPath('3.2') + '/events', { cookie: hctp.cookie, body: 'type=SUBMIT&evidence=x', type: 'application/x-www-form-urlencoded' }),
      400,
      'bad_request',
    );
  });
});

describe('401 unauthenticated', () => {
  it('every protected route refuses a request without a cookie', async () => {
    const routes: Array<[string, string]> = [
      ['GET', '/api/me'],
      ['GET', '/api/plans'],
      ['GET', `/api/plans/${PLAN_ID}`],
      ['GET', `/api/plans/${PLAN_ID}/progress`],
      ['GET', taskPath('3.2')],
      ['GET', `${taskPath('3.2')}/history`],
      ['GET', '/api/stream'],
      ['DELETE', '/api/session'],
    ];
    for (const [method, path] of routes) {
      const res = await server.fetchJson(path, { method, headers: method === 'GET' ? {} : { 'X-Requested-With': 'tiendo' } });
      expectError(res, 401, 'unauthenticated');
    }
    await refused('3.2', () => post(taskPath('3.2') + '/events', { body: JSON.stringify({ type: 'SUBMIT', evidence: 'x' }) }), 401, 'unauthenticated');
    const plan = await fingerprint(giamdoc, '3.2');
    const addTask = await post(`/api/plans/${PLAN_ID}/events`, {
      body: JSON.stringify({ type: 'CHANGE_DEADLINE', taskId: taskId('3.2'), deadline: '2026-12-31', reason: 'x' }),
    });
    expectError(addTask, 401, 'unauthenticated');
    expect(await fingerprint(giamdoc, '3.2')).toEqual(plan);
  });

  it('a made-up or logged-out cookie is refused too', async () => {
    await refused(
      '3.2',
      () => post(taskPath('3.2') + '/events', { cookie: 'tiendo_session=forged', body: JSON.stringify({ type: 'SUBMIT', evidence: 'x' }) }),
      401,
      'unauthenticated',
    );
    const leaving = await ApiClient.login(server, 'truongphong.hctp');
    const cookie = leaving.cookie;
    expect((await leaving.request('DELETE', '/api/session')).status).toBe(204);
    await refused('3.2', () => post(taskPath('3.2') + '/events', { cookie, body: JSON.stringify({ type: 'SUBMIT', evidence: 'x' }) }), 401, 'unauthenticated');
  });
});

describe('403 forbidden', () => {
  it('a coordinator may never SUBMIT', async () => {
    await refused('3.2', () => vanphong.send('3.2', { type: 'SUBMIT', evidence: 'Báo cáo' }), 403, 'forbidden');
  });

  it("a unit head may not move another unit's task", async () => {
    await refused('6.4', () => hctp.send('6.4', { type: 'START' }), 403, 'forbidden');
    const vp = await ApiClient.login(server, 'truongphong.vp');
    await refused('3.2', () => vp.send('3.2', { type: 'SUBMIT', evidence: 'Báo cáo' }), 403, 'forbidden');
  });

  it('a leader may not START, an inspector may not move a task at all, a unit head may not APPROVE', async () => {
    await refused('6.4', () => giamdoc.send('6.4', { type: 'START' }), 403, 'forbidden');
    const thanhtra = await ApiClient.login(server, 'thanhtra');
    await refused('6.4', () => thanhtra.send('6.4', { type: 'START' }), 403, 'forbidden');
    const pbgdpl = await ApiClient.login(server, 'truongphong.pbgdpl');
    await refused('1.2', () => pbgdpl.send('1.2', { type: 'APPROVE' }), 403, 'forbidden');
  });

  it('forbidden wins over a missing field (it tells the caller the truth first)', async () => {
    await refused('3.2', () => vanphong.send('3.2', { type: 'SUBMIT' }), 403, 'forbidden');
  });
});

describe('404 not_found', () => {
  it('an unknown task', async () => {
    expectError(await hctp.send('9.9', { type: 'START' }), 404, 'not_found');
    expectError(await giamdoc.json('GET', '/api/tasks/stp-2026-9.9'), 404, 'not_found');
    expectError(await giamdoc.json('GET', '/api/tasks/stp-2026-9.9/history'), 404, 'not_found');
  });

  it('an unknown plan', async () => {
    expectError(await giamdoc.json('GET', '/api/plans/stp-1999'), 404, 'not_found');
    expectError(await giamdoc.json('GET', '/api/plans/stp-1999/progress'), 404, 'not_found');
    expectError(await giamdoc.json('POST', '/api/plans/stp-1999/events', { type: 'CLOSE' }), 404, 'not_found');
  });

  it('an unknown /api route answers JSON, not the board', async () => {
    for (const [method, path] of [
      ['GET', '/api/nothing-here'],
      ['POST', '/api/tasks'],
      ['GET', '/api/plans/stp-2026/nothing'],
    ]) {
      const res = await giamdoc.request(method, path, method === 'POST' ? {} : undefined);
      expect(res.headers.get('content-type') ?? '').toMatch(/application\/json/);
      expectError({ status: res.status, body: await res.json() }, 404, 'not_found');
    }
  });
});

describe('409 conflict', () => {
  it('a stale expectedVersion gets the current task', async () => {
    const error = await refused('3.2', () => hctp.send('3.2', { type: 'SUBMIT', evidence: 'Báo cáo', expectedVersion: 1 }), 409, 'conflict');
    const current = error.details.current;
    expectTaskShape(current);
    expect(current).toMatchObject({ id: taskId('3.2'), state: 'inProgress', version: 2, allowedEvents: ['SUBMIT'] });
    // A version from the future is just as stale.
    const ahead = await refused('3.2', () => hctp.send('3.2', { type: 'SUBMIT', evidence: 'Báo cáo', expectedVersion: 3 }), 409, 'conflict');
    expect(ahead.details.current.version).toBe(2);
  });
});

describe('409 transition_not_allowed', () => {
  it('START on a task already in progress lists what the caller may send now', async () => {
    const error = await refused('3.2', () => hctp.send('3.2', { type: 'START' }), 409, 'transition_not_allowed');
    expect(error.details).toEqual({ allowed: ['SUBMIT'] });
  });

  it('APPROVE of a task not in review, CANCEL of a done task, REOPEN of an open one', async () => {
    const a = await refused('6.4', () => vanphong.send('6.4', { type: 'APPROVE' }), 409, 'transition_not_allowed');
    expect(a.details).toEqual({ allowed: ['START'] });
    const c = await refused('3.5', () => giamdoc.send('3.5', { type: 'CANCEL', reason: 'Thử' }), 409, 'transition_not_allowed');
    expect(c.details).toEqual({ allowed: ['REOPEN'] });
    const r = await refused('3.2', () => giamdoc.send('3.2', { type: 'REOPEN', reason: 'Thử' }), 409, 'transition_not_allowed');
    expect(r.details).toEqual({ allowed: ['CANCEL'] });
  });
});

describe('413 payload_too_large', () => {
  it('a 70 KB evidence is refused before it is read', async () => {
    await refused('3.2', () => hctp.send('3.2', { type: 'SUBMIT', evidence: 'x'.repeat(70 * 1024) }), 413, 'payload_too_large');
  });

  it('a streamed body without Content-Length is refused as well', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(8 * 1024));
    await refused(
      '3.2',
      () => {
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent === 0) controller.enqueue(new TextEncoder().encode('{"type":"SUBMIT","evidence":"'));
            if (sent++ < 10) controller.enqueue(chunk);
            else {
              controller.enqueue(new TextEncoder().encode('"}'));
              controller.close();
            }
          },
        });
        return server.fetchJson(taskPath('3.2') + '/events', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'X-Requested-With': 'tiendo', cookie: hctp.cookie },
          body,
          duplex: 'half',
        } as RequestInit);
      },
      413,
      'payload_too_large',
    );
  });

  it('an evidence just under the field limit is still accepted afterwards', async () => {
    const res = await hctp.send('3.2', { type: 'SUBMIT', evidence: 'Báo cáo '.padEnd(2000, '.'), expectedVersion: 2 });
    expect(res.status).toBe(200);
    expect(res.body.task).toMatchObject({ state: 'inReview', version: 3 });
  });
});
