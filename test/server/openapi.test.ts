import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument, openApiPath } from '../../server/openapi/document';
import { ApiClient, PLAN_ID, taskId } from '../support/api';
import { startApp, type TestApp } from '../support/app';
import { SEEDED_INSPECTION, userId } from '../support/inspections';
import { answerProblem } from '../support/openApiCheck';

/**
 * GET /api/openapi.json and /api/docs: the document is valid OpenAPI 3.1 (a real validator), it
 * describes exactly the /api routes the app serves, and the app's answers are what it describes
 * (every answer of this file goes through the OPENAPI_CHECK hook of test/support/app.ts; the other
 * route tests can run under it too: OPENAPI_CHECK=1 npx vitest run test/server/routes).
 */
process.env.OPENAPI_CHECK = '1';

let server: TestApp;
beforeAll(async () => {
  server = await startApp({ now: '2026-11-20T03:00:00Z' });
});
afterAll(() => server?.close());

describe('the document', () => {
  it('is served without a session and validates as OpenAPI 3.1', async () => {
    const res = await server.fetchJson('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes every /api route the app serves, and no other', () => {
    const served = new Set(
      server.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
        .map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`),
    );
    const described = new Set(Object.entries(openApiDocument().paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
    expect(served.size).toBeGreaterThan(30);
    // A route missing here is described in server/openapi/operations.ts.
    expect([...served].filter((r) => !described.has(r)), 'served, not described').toEqual([]);
    expect([...described].filter((r) => !served.has(r)), 'described, not served').toEqual([]);
  });

  it('takes request bodies from the zod schemas the routes validate with', () => {
    const doc = openApiDocument();
    const body = (doc.paths['/api/tasks/{taskId}/events'].post as any).requestBody.content['application/json'].schema.$ref;
    const schema = doc.components.schemas[body.split('/').pop()] as any;
    expect(schema.properties.type.enum).toEqual(['START', 'SUBMIT', 'APPROVE', 'RETURN', 'REOPEN', 'CANCEL']);
    expect(schema.properties.comment.maxLength).toBe(2000);
  });

  it('the answer check catches an answer that differs from the description', () => {
    const task = { id: 't', planId: 'p', areaId: 'a', code: '1', title: 'x', ownerUnitId: 'u', coordinatingUnitIds: [], output: '', deadline: '2026-01-01', state: 'done', version: 1, overdue: false, allowedEvents: [] };
    expect(answerProblem('GET', '/api/tasks/t', 200, 'application/json', task)).toBeUndefined();
    const { overdue: _, ...withoutOverdue } = task;
    expect(answerProblem('GET', '/api/tasks/t', 200, 'application/json', withoutOverdue)).toMatch(/overdue/);
    expect(answerProblem('GET', '/api/tasks/t', 200, 'application/json', { ...task, extra: 1 })).toMatch(/additional/);
    expect(answerProblem('GET', '/api/tasks/t', 200, 'application/json', { ...task, state: 'lost' })).toMatch(/state/);
    expect(answerProblem('GET', '/api/tasks/t', 418, 'application/json', { error: { code: 'teapot' } })).toMatch(/error/);
  });
});

describe('/api/docs', () => {
  it('is one HTML page readable without script or inline style, under the strict CSP, with its stylesheet from the app', async () => {
    const res = await server.fetch(`${server.url}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    const html = await res.text();
    expect(html).not.toMatch(/<script|<style|\sstyle=|https?:\/\//i);
    for (const path of Object.keys(openApiDocument().paths)) expect(html).toContain(path);
    expect(html).toContain('<link rel="stylesheet" href="/api/docs.css">');
    const css = await server.fetch(`${server.url}/api/docs.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });
});

describe('answers match their described schemas', () => {
  it('every GET route, as the roles that read it', async () => {
    const [leader, head, coordinator, inspector] = await Promise.all(
      ['giamdoc', 'truongphong.hctp', 'vanphong', 'thanhtra'].map((u) => ApiClient.login(server, u)),
    );
    const task = taskId('1.1');
    const gets: Array<[ApiClient, string]> = [
      [head, '/api/me'], [head, '/api/plans'], [head, `/api/plans/${PLAN_ID}`], [head, `/api/plans/${PLAN_ID}?asOf=2026-06-30`],
      [head, `/api/plans/${PLAN_ID}/progress`], [head, `/api/plans/${PLAN_ID}/history`], [head, `/api/plans/${PLAN_ID}/emulation`],
      [head, `/api/plans/${PLAN_ID}/trend`], [head, `/api/tasks/${task}`], [head, `/api/tasks/${task}/history`], [head, '/api/periods?year=2026'],
      [head, `/api/plans/${PLAN_ID}/reviews`], [inspector, `/api/inspections?planId=${PLAN_ID}`], [inspector, '/api/inspections/programme'],
      [inspector, '/api/inspections/people'], [inspector, `/api/inspections/${SEEDED_INSPECTION}`], [inspector, `/api/inspections/${SEEDED_INSPECTION}/history`],
      [leader, '/api/users'], [leader, '/api/health'], [leader, '/api/health?detail'],
      [head, '/api/notifications'], [head, '/api/notifications?unread=1'], [head, '/api/me/preferences'],
    ];
    for (const [api, path] of gets) expect((await api.request('GET', path)).status, path).toBe(200);

    // Errors answer in the Error schema too.
    expect((await head.request('GET', '/api/users')).status).toBe(403);
    expect((await head.request('GET', '/api/tasks/nope')).status).toBe(404);
    expect((await head.request('GET', '/api/periods?year=1')).status).toBe(400);
    expect((await server.fetchJson('/api/plans')).status).toBe(401);
    expect((await coordinator.request('GET', '/api/nowhere')).status).toBe(404);
  });

  it('the writes: task and plan events, reviews and directives, inspections and findings, accounts', async () => {
    const [leader, head, coordinator, inspector] = await Promise.all(
      ['giamdoc', 'truongphong.cc1', 'vanphong', 'thanhtra'].map((u) => ApiClient.login(server, u)),
    );
    expect((await head.request('POST', `/api/tasks/${taskId('6.4')}/events`, { type: 'START' }, { 'Idempotency-Key': 'openapi-start-6.4' })).status).toBe(200);
    expect((await head.request('POST', `/api/tasks/${taskId('6.4')}/events`, { type: 'APPROVE' })).status).toBe(403);
    expect((await head.request('POST', `/api/tasks/${taskId('6.4')}/events`, { type: 'FLY' })).status).toBe(400);
    const amended = await leader.json<any>('POST', `/api/plans/${PLAN_ID}/events`, { type: 'CHANGE_DEADLINE', taskId: taskId('3.2'), deadline: '2026-12-31', reason: 'Gia hạn' });
    expect(amended.status, JSON.stringify(amended.body)).toBe(200);
    const review = await coordinator.json<any>('POST', `/api/plans/${PLAN_ID}/reviews`, { period: 'Q3', year: 2026 });
    expect(review.status).toBe(201);
    expect((await leader.request('GET', `/api/reviews/${review.body.review.id}`)).status).toBe(200);
    expect((await leader.request('POST', `/api/reviews/${review.body.review.id}/directives`, { text: 'Đẩy nhanh tiến độ', unitId: 'CC1' })).status).toBe(201);

    const created = await leader.json<any>('POST', '/api/inspections', {
      planId: PLAN_ID, title: 'Kiểm tra CCHC', targetUnitId: 'CC1', scheduledOn: '2026-12-01', teamUserIds: [userId('thanhtra')], leadUserId: userId('thanhtra'),
    });
    expect(created.status).toBe(201);
    const id = created.body.inspection.id;
    for (const type of ['NOTIFY', 'SUBMIT_SELF_REPORT', 'START_FIELDWORK']) {
      const api = type === 'NOTIFY' ? leader : type === 'SUBMIT_SELF_REPORT' ? head : inspector;
      const res = await api.json<any>('POST', `/api/inspections/${id}/events`, { type, ...(type === 'SUBMIT_SELF_REPORT' ? { report: 'Báo cáo tự kiểm tra' } : {}) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const finding = await inspector.json<any>('POST', `/api/inspections/${id}/findings`, { areaId: 'area-1', description: 'Chưa niêm yết', recommendation: 'Niêm yết đủ' });
    expect(finding.status, JSON.stringify(finding.body)).toBe(201);

    const user = await leader.json<any>('POST', '/api/users', { username: 'openapi.user', name: 'Người Thử', role: 'viewer', unitId: null, password: 'một-mật-khẩu-dài-đủ' });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    expect((await leader.request('PATCH', `/api/users/${user.body.user.id}`, { name: 'Người Thử Hai' })).status).toBe(200);
    expect((await leader.request('POST', `/api/users/${user.body.user.id}/password`, { password: 'mật-khẩu-khác-dài-đủ' })).status).toBe(204);
    expect((await head.request('PATCH', '/api/me/preferences', { digest: 'weekly' })).status).toBe(200);
    expect((await head.request('POST', '/api/notifications/read', { all: true })).status).toBe(204);
    expect((await server.fetch(`${server.url}/api/unsubscribe?u=nobody&t=x`)).status).toBe(404);
    expect((await head.request('DELETE', '/api/session')).status).toBe(204);
  });
});
