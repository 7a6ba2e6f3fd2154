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
    // Counted by hand from the seed's history up to 14/03: 1.1, 1.5, 6.1 and 7.1 approved, each
    // before its deadline; 2.2 (started 30/01) and 4.2 (started 01/03) in progress; the other 22 not
    // started, none of them due yet.
    const { byArea: _a, byUnit: _u, extra, ...counts } = q1.progress;
    // No inspection yet on 14/03: nothing is counted apart from the plan.
    expect(extra).toMatchObject({ total: 0 });
    expect(counts).toEqual({
      total: 28, done: 4, doneOnTime: 4, doneLate: 0, inProgress: 2, notStarted: 22, inReview: 0, cancelled: 0, overdue: 0,
      percent: (4 / 28) * 100,
    });
    expect(q1.progress.byUnit.find((u: any) => u.unitId === 'VP')).toMatchObject({ total: 14, done: 4, inProgress: 1 });
    expect(q1.progress.byUnit.find((u: any) => u.unitId === 'XDKT')).toMatchObject({ total: 3, done: 0, inProgress: 1 });
    // The same figures the live progress gives as of that date.
    const then = await office.json('GET', `/api/plans/${PLAN}/progress?asOf=2026-03-14`);
    expect(q1.progress).toEqual(then.body);
    expect(q1.overdue).toEqual([]);
    // Due by 13/04 and not yet submitted: 2.2 (31/03).
    expect(q1.lagging.map((t: any) => [t.code, t.state])).toEqual([['2.2', 'inProgress']]);
  });

  it('Q3 lists its overdue and lagging tasks as they stood on 14/09, offering no moves', async () => {
    const res = await office.json('POST', `/api/plans/${PLAN}/reviews`, { period: 'Q3' });
    expect(res.status).toBe(201);
    const q3 = res.body.review;
    expect(q3.asOf).toBe('2026-09-14');
    // Counted from the seed: never started past their deadlines, most overdue first (6.4 due
    // 30/06, 7.5 due 31/08); in progress and due by 14/10: 1.3 and 7.4 (both 30/09, submitted later).
    expect(q3.overdue.map((t: any) => [t.code, t.deadline, t.state])).toEqual([
      ['6.4', '2026-06-30', 'notStarted'],
      ['7.5', '2026-08-31', 'notStarted'],
    ]);
    expect(q3.lagging.map((t: any) => [t.code, t.deadline, t.state])).toEqual([
      ['1.3', '2026-09-30', 'inProgress'],
      ['7.4', '2026-09-30', 'inProgress'],
    ]);
    expect(q3.progress).toMatchObject({ total: 28, done: 12, doneLate: 2, overdue: 2 });
    for (const t of [...q3.overdue, ...q3.lagging]) expect(t.allowedEvents).toEqual([]);
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
