import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../../machines/progress';
import { seedIfEmpty } from '../../../seed/seedStore';
import { Engine } from '../../../server/engine/engine';
import { progressOf } from '../../../server/engine/views';
import { reviewEntry, reviewOf } from '../../../server/reports/reviews';
import { PgStore } from '../../../server/store/postgres/pgStore';
import { openApp } from '../../support/inProcessApp';
import { copyLogIntoPostgres, dropSchema, freshSchema, pgUrl } from '../../support/postgres';
import { readWorkbook } from '../../support/xlsx';

/**
 * Issue #14, item 1, through the real app in process on the seeded store: the plan's figures are
 * its own 28 tasks (18/28 · 64,29%); the demo inspection's remediation task KT1.1 (HCTP, area 3,
 * started, overdue since 15/10) is on the board and counted apart in `extra`, for the plan, its
 * area and its unit, and nowhere else: not in the trend, a review's lists or a verdict.
 */
let env: Awaited<ReturnType<typeof openApp>>;
let leader: Awaited<ReturnType<typeof env.as>>;
const PLAN = 'stp-2026';
const EXTRA = { total: 1, done: 0, doneOnTime: 0, doneLate: 0, inProgress: 1, notStarted: 0, inReview: 0, cancelled: 0, overdue: 1, percent: 0 };
const NONE = { ...EXTRA, total: 0, inProgress: 0, overdue: 0 };

beforeAll(async () => {
  env = await openApp('2026-11-23T03:00:00Z');
  leader = await env.as('giamdoc');
});
afterAll(() => env?.close());

describe('the seeded plan’s progress', () => {
  it('reads 18/28 with KT1.1 apart, for the plan, its area and its unit', async () => {
    const { status, body: p } = await leader.json<Progress>('GET', `/api/plans/${PLAN}/progress`);
    expect(status).toBe(200);
    expect(p).toMatchObject({ total: 28, done: 18, cancelled: 0, percent: (18 / 28) * 100 });
    expect(p.extra).toEqual(EXTRA);
    const plan = (await leader.json('GET', `/api/plans/${PLAN}`)).body;
    const kt = plan.tasks.find((t: any) => t.code === 'KT1.1');
    expect(kt).toMatchObject({ state: 'inProgress', overdue: true, source: { decisionNo: '432/QĐ-STP' } });
    // Every row carries its own extra; only KT1.1's area and unit have one.
    for (const row of [...p.byArea, ...p.byUnit]) {
      const mine = 'areaId' in row ? row.areaId === kt.areaId : row.unitId === kt.ownerUnitId;
      expect(row.extra).toEqual(mine ? EXTRA : NONE);
    }
    const area3 = p.byArea.find((a) => a.areaId === kt.areaId)!;
    expect([area3.total, area3.done]).toEqual([5, 2]);
    const hctp = p.byUnit.find((u) => u.unitId === 'HCTP')!;
    expect([hctp.total, hctp.done]).toEqual([4, 2]);
    // The plans list carries the same.
    expect((await leader.json('GET', '/api/plans')).body[0].progress).toEqual(p);
  });

  it('as of a date before the finding, nothing is apart; after it, KT1.1 is', async () => {
    const before = (await leader.json<Progress>('GET', `/api/plans/${PLAN}/progress?asOf=2026-09-14`)).body;
    expect(before.total).toBe(28);
    expect(before.extra.total).toBe(0);
    const after = (await leader.json<Progress>('GET', `/api/plans/${PLAN}/progress?asOf=2026-09-16`)).body;
    expect(after.total).toBe(28);
    // Recorded 15/09, due then 15 days after (30/09): not started, not yet overdue.
    expect(after.extra).toMatchObject({ total: 1, notStarted: 1, overdue: 0 });
  });

  it('the trend falls due and completes on the plan’s 28 only', async () => {
    const weeks = (await leader.json<any[]>('GET', `/api/plans/${PLAN}/trend`)).body;
    expect(weeks.at(-1).dueCumulative).toBe(28);
    expect(weeks.filter((w) => w.doneCumulative !== null).at(-1).doneCumulative).toBe(18);
  });

  it('HCTP’s verdict is decided on its plan tasks; KT1.1 is a note', async () => {
    const verdicts = (await leader.json<any[]>('GET', `/api/plans/${PLAN}/emulation`)).body;
    const hctp = verdicts.find((v) => v.unitId === 'HCTP');
    expect(hctp.notDoneTasks).not.toContain('KT1.1');
    expect(hctp.notDone).toBe(2);
    expect(hctp.remediationNotDoneTasks).toEqual(['KT1.1']);
    expect(hctp.note).toContain('Khắc phục sau kiểm tra: 1 nhiệm vụ chưa hoàn thành (KT1.1)');
    for (const v of verdicts.filter((x) => x.unitId !== 'HCTP')) expect(v.remediationNotDoneTasks).toEqual([]);
  });
});

describe('reviews', () => {
  it('a new review freezes the plan’s own figures and extra; its lists and export leave KT1.1 out', async () => {
    const res = await leader.json('POST', `/api/plans/${PLAN}/reviews`, { period: 'Y' });
    expect(res.status).toBe(201);
    const { review } = res.body;
    expect(review.progress).toMatchObject({ total: 28, done: 18 });
    expect(review.progress.extra).toEqual(EXTRA);
    expect(review.overdue.map((t: any) => t.code)).not.toContain('KT1.1');
    expect(review.lagging.map((t: any) => t.code)).not.toContain('KT1.1');
    expect(review.overdue).toHaveLength(review.progress.overdue);
    const book = await readWorkbook(await (await leader.call('GET', `/api/reviews/${review.id}/export.xlsx`)).arrayBuffer());
    expect(book.getWorksheet('Tổng hợp')!.getRow(2).getCell(2).value).toBe(28);
    expect(book.getWorksheet('Quá hạn')!.getColumn(1).values).not.toContain('KT1.1');
  });

  it('a review stored before `extra` existed keeps what it froze (29 tasks, no extra)', async () => {
    const planBefore = (await leader.json('GET', `/api/plans/${PLAN}`)).body;
    const { byArea, byUnit, extra: _extra, ...counts } = (await leader.json<Progress>('GET', `/api/plans/${PLAN}/progress`)).body;
    // The old shape: remediation counted in, no `extra` anywhere.
    const old = {
      ...counts, total: 29, inProgress: counts.inProgress + 1, overdue: counts.overdue + 1, percent: (18 / 29) * 100,
      byArea: byArea.map(({ extra: _e, ...row }) => row),
      byUnit: byUnit.map(({ extra: _e, ...row }) => row),
    };
    const review = {
      id: `${PLAN}-Q3-2026-old`, planId: PLAN, period: 'Q3', year: 2026, from: '2026-06-15', to: '2026-09-14', asOf: '2026-09-14',
      createdAt: '2026-10-01T02:00:00.000Z', createdBy: { id: 'u-old', username: 'giamdoc' },
      progress: old, lagging: [], overdue: planBefore.tasks.filter((t: any) => t.code === 'KT1.1'), directives: [],
    };
    const actor = { id: 'u-old', username: 'giamdoc', role: 'leader' as const, unitId: null };
    await env.engine.execute(() => reviewEntry(review, 'REVIEW_CREATED', actor, review.createdAt, { review }));
    const stored = (await leader.json('GET', `/api/reviews/${review.id}`)).body;
    expect(stored.progress).toEqual(old);
    expect(stored.progress.extra).toBeUndefined();
    expect(stored.overdue.map((t: any) => t.code)).toEqual(['KT1.1']);
    // Its export still opens, with the figures it froze and no extra rows.
    const xlsx = await leader.call('GET', `/api/reviews/${review.id}/export.xlsx`);
    expect(xlsx.status).toBe(200);
    const summary = (await readWorkbook(await xlsx.arrayBuffer())).getWorksheet('Tổng hợp')!;
    expect([summary.getRow(2).getCell(2).value, summary.getRow(2).getCell(3).value]).toEqual([29, 18]);
    expect(summary.rowCount).toBe(1 + 1 + byArea.length + byUnit.length);
    expect((summary.getColumn(1).values as unknown[]).filter((v) => String(v).startsWith('Khắc phục'))).toEqual([]);
  });
});

const url = pgUrl();

describe.skipIf(!url)('on PostgreSQL', () => {
  const schema = freshSchema();
  let engine: Engine | undefined;
  const now = new Date('2026-11-23T03:00:00Z');
  beforeAll(async () => {
    // The seeded log copied into PostgreSQL, then an engine on it alone.
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-progress-pg-'));
    await seedIfEmpty(dir, { password: 'tiendo-demo' });
    await copyLogIntoPostgres(dir, url!, schema);
    engine = await Engine.open({ store: await PgStore.open(url!, { schema }), clock: () => now, snapshotDelayMs: 3_600_000 });
  });
  afterAll(async () => {
    await engine?.close();
    await dropSchema(url!, schema);
  });

  it('counts the plan’s own 28, KT1.1 apart, now and as of a date; old and new reviews read back as frozen', async () => {
    const p = progressOf(engine!.getPlan(PLAN), now);
    expect(p).toMatchObject({ total: 28, done: 18, percent: (18 / 28) * 100 });
    expect(p.extra).toEqual(EXTRA);
    expect(progressOf((await engine!.planAsOf(PLAN, '2026-09-14'))!, new Date('2026-09-14T16:59:59Z')).extra.total).toBe(0);

    const actor = { id: 'u-giamdoc', username: 'giamdoc', role: 'leader' as const, unitId: null };
    const { extra: _e, byArea, byUnit, ...counts } = p;
    const frozen = (id: string, progress: unknown) => ({
      id, planId: PLAN, period: 'Q3', year: 2026, from: '2026-06-15', to: '2026-09-14', asOf: '2026-09-14',
      createdAt: now.toISOString(), createdBy: { id: actor.id, username: actor.username }, progress, lagging: [], overdue: [], directives: [],
    });
    const old = frozen(`${PLAN}-old`, { ...counts, total: 29, byArea: byArea.map(({ extra: _x, ...r }) => r), byUnit: byUnit.map(({ extra: _x, ...r }) => r) });
    const fresh = frozen(`${PLAN}-new`, p);
    for (const review of [old, fresh]) await engine!.execute(() => reviewEntry(review, 'REVIEW_CREATED', actor, review.createdAt, { review }));
    expect(await reviewOf(engine!, old.id)).toEqual(old);
    expect((await reviewOf(engine!, old.id))!.progress.extra).toBeUndefined();
    expect((await reviewOf(engine!, fresh.id))!.progress.extra).toEqual(EXTRA);
  });
});
