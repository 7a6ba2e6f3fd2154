import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../support/inProcessApp';
import { Engine } from '../../../server/engine/engine';
import { EmbeddedStore } from '../../../server/store/embedded/embeddedStore';
import { reviewOf } from '../../../server/reports/reviews';

/** Periods and reviews through the real app, in process, on a seeded store (history Jan–Nov 2026). */
let env: Awaited<ReturnType<typeof openApp>>;
let leader: Awaited<ReturnType<typeof env.as>>;
let office: Awaited<ReturnType<typeof env.as>>;
let head: Awaited<ReturnType<typeof env.as>>;
const PLAN = 'stp-2026';

beforeAll(async () => {
  env = await openApp('2026-11-23T03:00:00Z');
  [leader, office, head] = await Promise.all(['giamdoc', 'vanphong', 'truongphong.hctp'].map((u) => env.as(u)));
});
afterAll(() => env?.close().catch(() => undefined));

describe('GET /api/periods', () => {
  it('lists the windows of the year asked, this year by default', async () => {
    const res = await head.json('GET', '/api/periods?year=2027');
    expect(res.status).toBe(200);
    expect(res.body[0]).toEqual({ code: 'Q1', year: 2027, label: 'Quý I năm 2027', from: '2026-12-15', to: '2027-03-14', dueBy: '2027-03-20' });
    expect((await head.json('GET', '/api/periods')).body.map((p: any) => `${p.code}${p.year}`)).toEqual(['Q12026', 'H12026', 'Q32026', 'Y2026']);
    const bad = await head.json('GET', '/api/periods?year=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
  });
});

describe('reviews', () => {
  let q1: any;

  it('a unit head may not create one, and nothing is stored', async () => {
    const res = await head.json('POST', `/api/plans/${PLAN}/reviews`, { period: 'Q1' });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'forbidden' });
    expect(res.body.error.message).toContain('Đầu mối CCHC');
    expect((await head.json('GET', `/api/plans/${PLAN}/reviews`)).body).toEqual([]);
  });

  it('refuses an unknown period naming the field', async () => {
    const res = await office.json('POST', `/api/plans/${PLAN}/reviews`, { period: 'Q2' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('period');
  });

  it('the coordinator creates Q1 in November: frozen as of 14/03 from history', async () => {
    const res = await office.json('POST', `/api/plans/${PLAN}/reviews`, { period: 'Q1' });
    expect(res.status).toBe(201);
    q1 = res.body.review;
    expect(q1).toMatchObject({ planId: PLAN, period: 'Q1', year: 2026, from: '2025-12-15', to: '2026-03-14', asOf: '2026-03-14', directives: [] });
    expect(q1.createdBy.username).toBe('vanphong');
    const then = await office.json('GET', `/api/plans/${PLAN}/progress?asOf=2026-03-14`);
    expect(q1.progress).toEqual(then.body);
    const now = await office.json('GET', `/api/plans/${PLAN}/progress`);
    expect(q1.progress.done).toBeLessThan(now.body.done);
    for (const t of q1.overdue) expect(t.deadline < '2026-03-14' && t.state !== 'done').toBe(true);
    for (const t of [...q1.overdue, ...q1.lagging]) expect(t.allowedEvents).toEqual([]);
    expect(q1.overdue.length).toBe(q1.progress.overdue);
  });

  it('a period not yet ended is frozen as of today (asOf < to)', async () => {
    env.setNow('2026-12-01T03:00:00Z');
    const res = await leader.json('POST', `/api/plans/${PLAN}/reviews`, { period: 'Q1', year: 2027 });
    env.setNow('2026-11-23T03:00:00Z');
    expect(res.status).toBe(201);
    expect(res.body.review).toMatchObject({ asOf: '2026-12-01', to: '2027-03-14' });
  });

  it('never changes when later events arrive; directives are added by leader or coordinator only', async () => {
    const approve = await leader.json('POST', `/api/tasks/${PLAN}-1.2/events`, { type: 'APPROVE' });
    expect(approve.status).toBe(200);
    expect((await head.json('GET', `/api/reviews/${q1.id}`)).body).toEqual(q1);

    const refused = await head.json('POST', `/api/reviews/${q1.id}/directives`, { text: 'Tự chấn chỉnh' });
    expect(refused.status).toBe(403);
    const badUnit = await leader.json('POST', `/api/reviews/${q1.id}/directives`, { text: 'X', unitId: 'NOPE' });
    expect(badUnit.status).toBe(400);
    const added = await leader.json('POST', `/api/reviews/${q1.id}/directives`, {
      text: 'Chấn chỉnh việc chậm rà soát văn bản', unitId: 'XDKT', deadline: '2026-12-15',
    });
    expect(added.status).toBe(201);
    expect(added.body.directive).toMatchObject({ text: 'Chấn chỉnh việc chậm rà soát văn bản', unitId: 'XDKT', deadline: '2026-12-15', by: { username: 'giamdoc' } });
    const again = (await head.json('GET', `/api/reviews/${q1.id}`)).body;
    expect(again.directives).toHaveLength(1);
    expect({ ...again, directives: [] }).toEqual(q1);
    expect((await head.json('GET', `/api/plans/${PLAN}/reviews`)).body.map((r: any) => r.id)).toContain(q1.id);
  });

  it('404 for an unknown review, 401 without a session', async () => {
    expect((await head.json('GET', '/api/reviews/nope')).status).toBe(404);
    expect((await env.app.request('/api/periods')).status).toBe(401);
  });

  it('is in the event log: a restarted engine reads the review and its directive back', async () => {
    const entries = (await env.engine.planEvents(PLAN)).filter((e) => e.kind === 'review' && e.streamId === q1.id);
    expect(entries.map((e) => e.type)).toEqual(['REVIEW_CREATED', 'DIRECTIVE_ADDED']);
    await env.engine.close();
    const reopened = await Engine.open({ store: await EmbeddedStore.open(env.dataDir) });
    try {
      const review = (await reviewOf(reopened, q1.id))!;
      expect(review.directives).toHaveLength(1);
      expect({ ...review, directives: [] }).toEqual(q1);
    } finally {
      await reopened.close();
    }
  });
});
