import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParIndex, ParNode } from '../../../machines/parApi';
import { PAR_BLOCKER_MESSAGES } from '../../../machines/parLabels';
import { PLAN_ID } from '../../support/api';
import { openApp } from '../../support/inProcessApp';
import { form, pdf } from '../files/samples';

/**
 * The PAR Index's whole year through the app: the coordinator drafts the structure, units score
 * their leaves, computed leaves follow the plan and the dossier figures, the leader submits, the
 * coordinator records the appraisal, a low criterion becomes a task on the board. Every refusal
 * is tried, and a refused request changes nothing.
 */
const NOW = '2026-11-20T03:00:00.000Z';
let app: Awaited<ReturnType<typeof openApp>>;
type Client = Awaited<ReturnType<typeof app.as>>;
let leader: Client, coordinator: Client, hctp: Client, vp: Client, inspector: Client;
let id: string;

const CRITERIA = [
  { code: '1', title: 'Công tác chỉ đạo, điều hành CCHC', maxPoints: 3 },
  { code: '1.1', title: 'Ban hành kế hoạch CCHC năm', maxPoints: 1, unitId: 'VP', method: 'manual' },
  { code: '1.2', title: 'Mức độ hoàn thành kế hoạch CCHC', maxPoints: 2, unitId: 'VP', method: 'planCompletion', bands: [{ atLeast: 100, points: 2 }, { atLeast: 80, points: 1 }] },
  { code: '2', title: 'Cải cách thủ tục hành chính', maxPoints: 2.5 },
  { code: '2.1', title: 'Rà soát, đơn giản hóa TTHC', maxPoints: 1.5, unitId: 'HCTP', method: 'manual' },
  { code: '2.2', title: 'Tỷ lệ hồ sơ giải quyết đúng hạn', maxPoints: 1, unitId: 'VP', method: 'dossierOnTime', bands: [{ atLeast: 95, points: 1 }, { atLeast: 90, points: 0.5 }] },
];

const DOSSIERS_2026 = {
  year: 2026, period: 'Y',
  carriedOver: 0, receivedOnline: 877, receivedDirect: 13835, resolvedEarly: 13905, resolvedOnTime: 17, resolvedLate: 67,
  pendingWithinTime: 702, pendingOverdue: 0, cancelled: 21, digitizedAtIntake: 968, digitizedResults: 39, resultsIssued: 13985, digitizedBoth: 16,
};

const node = (index: ParIndex, code: string): ParNode => {
  const walk = (nodes: ParNode[]): ParNode | undefined => nodes.map((n) => (n.code === code ? n : walk(n.children ?? []))).find(Boolean);
  return walk(index.areas)!;
};
const get = async () => (await leader.json<ParIndex>('GET', `/api/par/${id}`)).body;
const expectRefused = async (res: { status: number; body: any }, status: number, code: string) => {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(res.body.error.message.length).toBeGreaterThan(10);
  return res.body.error;
};

beforeAll(async () => {
  app = await openApp(NOW);
  [leader, coordinator, hctp, vp, inspector] = await Promise.all(['giamdoc', 'vanphong', 'truongphong.hctp', 'truongphong.vp', 'thanhtra'].map((u) => app.as(u)));
});
afterAll(() => app?.close());

describe('PAR Index through the app', () => {
  it('only the coordinator or leader creates an index, on the plan of its year, from a whole tree', async () => {
    await expectRefused(await hctp.json('POST', '/api/par', { year: 2026, title: 'x', criteria: CRITERIA }), 403, 'forbidden');
    await expectRefused(await coordinator.json('POST', '/api/par', { year: 2031, title: 'x', criteria: CRITERIA }), 400, 'bad_request');
    const broken = await expectRefused(await coordinator.json('POST', '/api/par', { year: 2026, title: 'x', criteria: [...CRITERIA, { code: '3.1', title: 'mồ côi', maxPoints: 1, unitId: 'VP' }] }), 400, 'bad_request');
    expect(broken.details.rows).toEqual([expect.objectContaining({ code: '3.1', field: 'code' })]);
    // The seed's sample index is the year's first.
    const seeded = (await leader.json<any[]>('GET', '/api/par?year=2026')).body;
    expect(seeded.map((i) => i.status)).toEqual(['scoring']);

    const created = await coordinator.json<{ index: ParIndex }>('POST', '/api/par', { year: 2026, title: 'Tự đánh giá Chỉ số CCHC năm 2026', criteria: CRITERIA });
    expect(created.status).toBe(201);
    id = created.body.index.id;
    // The dossier leaf already follows the seeded Q1–Q3 figures (99,57 % ≥ 95 % → 1 point).
    expect(created.body.index).toMatchObject({ year: 2026, planId: PLAN_ID, status: 'draft', maxPoints: 5.5, selfPoints: 1, allowedEvents: ['START_SCORING'] });
    expect(node(created.body.index, '2').children!.map((c) => c.code)).toEqual(['2.1', '2.2']);
    expect((await leader.json<any[]>('GET', '/api/par?year=2026')).body.map((i) => i.id)).toEqual([seeded[0].id, id]);
  });

  it('the structure is edited in draft only, and never typed into a score before scoring', async () => {
    const patched = await coordinator.json<any>('PATCH', `/api/par/${id}/criteria/2.1`, { title: 'Rà soát, đơn giản hóa thủ tục hành chính' });
    expect(patched.status).toBe(200);
    expect(patched.body.criterion).toMatchObject({ code: '2.1', title: 'Rà soát, đơn giản hóa thủ tục hành chính', version: 2 });
    // A leaf's maximum that no longer sums to its parent's is refused, naming the parent.
    const sum = await expectRefused(await coordinator.json('PATCH', `/api/par/${id}/criteria/2.1`, { maxPoints: 2 }), 400, 'bad_request');
    expect(sum.details.rows).toEqual([expect.objectContaining({ code: '2', field: 'maxPoints' })]);
    await expectRefused(await hctp.json('PUT', `/api/par/${id}/criteria/2.1/score`, { score: 1, explanation: 'Đã rà soát' }), 409, 'transition_not_allowed');
    await expectRefused(await leader.json('POST', `/api/par/${id}/events`, { type: 'START_SCORING' }), 403, 'forbidden');
    expect((await coordinator.json<any>('POST', `/api/par/${id}/events`, { type: 'START_SCORING' })).body.index.status).toBe('scoring');
    await expectRefused(await coordinator.json('PATCH', `/api/par/${id}/criteria/2.1`, { title: 'Muộn' }), 409, 'transition_not_allowed');
  });

  it('each unit head scores only their own leaves, within 0 … maximum and 2 decimals; computed leaves refuse a typed score', async () => {
    const before = await get();
    await expectRefused(await vp.json('PUT', `/api/par/${id}/criteria/2.1/score`, { score: 1, explanation: 'x' }), 403, 'forbidden');
    await expectRefused(await inspector.json('PUT', `/api/par/${id}/criteria/2.1/score`, { score: 1, explanation: 'x' }), 403, 'forbidden');
    for (const score of [1.6, -0.5, 1.125]) {
      const e = await expectRefused(await hctp.json('PUT', `/api/par/${id}/criteria/2.1/score`, { score, explanation: 'x' }), 400, 'bad_request');
      expect(e.details).toEqual({ field: 'score' });
    }
    const computed = await expectRefused(await vp.json('PUT', `/api/par/${id}/criteria/1.2/score`, { score: 2, explanation: 'x' }), 409, 'transition_not_allowed');
    expect(computed.message).toBe(PAR_BLOCKER_MESSAGES.computed);
    await expectRefused(await coordinator.json('PUT', `/api/par/${id}/criteria/2/score`, { score: 1, explanation: 'x' }), 409, 'transition_not_allowed');
    expect(await get()).toEqual(before);

    // Evidence: an upload of one's own, or a file already attached to a plan task; never another user's upload.
    const upload = async (client: Client, name: string) => (await (await client.call('POST', '/api/files', form(pdf(name), `${name}.pdf`))).json()).file;
    const mine = await upload(hctp, 'Báo cáo rà soát TTHC');
    const theirs = await upload(vp, 'Không phải của bạn');
    const taskFile = (await leader.json<any>('GET', `/api/plans/${PLAN_ID}`)).body.tasks.find((t: any) => t.files?.length).files[0];
    const foreign = await expectRefused(await hctp.json('PUT', `/api/par/${id}/criteria/2.1/score`, { score: 1, explanation: 'x', files: [theirs.id] }), 400, 'bad_request');
    expect(foreign.details).toMatchObject({ field: 'files', fileId: theirs.id });
    expect(await get()).toEqual(before);

    const scored = await hctp.json<any>('PUT', `/api/par/${id}/criteria/2.1/score`, { score: 1.25, explanation: 'Đã rà soát 12/14 thủ tục', files: [mine.id, taskFile.id] });
    expect(scored.status).toBe(200);
    expect(scored.body.criterion).toMatchObject({ code: '2.1', selfScore: 1.25, explanation: 'Đã rà soát 12/14 thủ tục' });
    expect(scored.body.criterion.files.map((f: any) => [f.id, f.name, f.by.username])).toEqual([
      [mine.id, mine.name, 'truongphong.hctp'], [taskFile.id, taskFile.name, 'truongphong.hctp'],
    ]);
    // Attached now: every reader may open it, as a task's evidence.
    expect((await inspector.call('GET', `/api/files/${mine.id}`)).status).toBe(200);
  });

  it('computed leaves follow the plan live and the dossier figures; SUBMIT waits until every leaf has a score', async () => {
    const index = await get();
    // The seeded plan is far below 80 % on 20/11: no points from the completion bands.
    expect(node(index, '1.2').selfScore).toBe(0);
    expect(node(index, '1.1').selfScore).toBeUndefined();
    const blocked = await expectRefused(await leader.json('POST', `/api/par/${id}/events`, { type: 'SUBMIT' }), 409, 'transition_not_allowed');
    expect(blocked.message).toBe(PAR_BLOCKER_MESSAGES.unscored);

    await expectRefused(await hctp.json('POST', '/api/dossiers', DOSSIERS_2026), 403, 'forbidden');
    const wrong = await expectRefused(await coordinator.json('POST', '/api/dossiers', { ...DOSSIERS_2026, cancelled: 20 }), 400, 'bad_request');
    expect(wrong.details.fields).toContain('cancelled');
    // The year's own row takes over from the quarters: 12.917 of 13.989 on time or early = 92,34 % → 0,5.
    const lower = { ...DOSSIERS_2026, resolvedEarly: 12000, resolvedOnTime: 917, resolvedLate: 1072 };
    expect((await coordinator.json('POST', '/api/dossiers', lower)).status).toBe(201);
    expect(node(await get(), '2.2').selfScore).toBe(0.5);
    // The same key again replaces the row.
    expect((await coordinator.json('POST', '/api/dossiers', DOSSIERS_2026)).status).toBe(201);
    expect((await vp.json<any>('PUT', `/api/par/${id}/criteria/1.1/score`, { score: 1, explanation: 'Kế hoạch 15/KH-STP' })).status).toBe(200);
    const report = (await hctp.json<any>('GET', '/api/dossiers?year=2026&period=Y')).body;
    expect(report.totals).toMatchObject({ received: 14712, resolved: 13989, pending: 702 });
    expect(report.totals.rates.online).toBeCloseTo((877 / 14712) * 100, 10);
    // (13.905 + 17) ÷ 13.989 = 99,52 % ≥ 95 % → the band's 1 point.
    expect(node(await get(), '2.2').selfScore).toBe(1);

    const submitted = await leader.json<any>('POST', `/api/par/${id}/events`, { type: 'SUBMIT' });
    expect(submitted.status).toBe(200);
    expect(submitted.body.index).toMatchObject({ status: 'submitted', selfPoints: 3.25, maxPoints: 5.5 });
    expect(submitted.body.index.selfPercent).toBeCloseTo((3.25 / 5.5) * 100, 10);
    await expectRefused(await hctp.json('PUT', `/api/par/${id}/criteria/2.1/score`, { score: 1.5, explanation: 'x' }), 409, 'transition_not_allowed');
  });

  it('the coordinator records the appraisal leaf by leaf; done only once every leaf has one', async () => {
    await expectRefused(await leader.json('PUT', `/api/par/${id}/criteria/2.1/appraisal`, { score: 1 }), 403, 'forbidden');
    for (const [code, score] of [['1.1', 1], ['1.2', 0], ['2.1', 1]] as const) {
      expect((await coordinator.json('PUT', `/api/par/${id}/criteria/${code}/appraisal`, { score, note: 'Hội đồng thẩm định' })).status).toBe(200);
    }
    const early = await expectRefused(await coordinator.json('POST', `/api/par/${id}/events`, { type: 'RECORD_APPRAISAL_DONE' }), 409, 'transition_not_allowed');
    expect(early.message).toBe(PAR_BLOCKER_MESSAGES.unappraised);
    expect((await coordinator.json('PUT', `/api/par/${id}/criteria/2.2/appraisal`, { score: 1 })).status).toBe(200);
    const done = await coordinator.json<any>('POST', `/api/par/${id}/events`, { type: 'RECORD_APPRAISAL_DONE' });
    expect(done.body.index).toMatchObject({ status: 'appraised', selfPoints: 3.25, appraisedPoints: 3 });
    expect(node(done.body.index, '2')).toMatchObject({ selfScore: 2.25, appraisedScore: 2 });
  });

  it('a low criterion becomes a task on the plan\'s board, linked back to it; a full one does not', async () => {
    await expectRefused(await hctp.json('POST', `/api/par/${id}/criteria/1.2/task`, { title: 'x', ownerUnitId: 'VP', deadline: '2026-12-20' }), 403, 'forbidden');
    await expectRefused(await leader.json('POST', `/api/par/${id}/criteria/1.1/task`, { title: 'x', ownerUnitId: 'VP', deadline: '2026-12-20' }), 409, 'transition_not_allowed');
    const made = await leader.json<any>('POST', `/api/par/${id}/criteria/1.2/task`, { title: 'Đẩy nhanh các nhiệm vụ chậm tiến độ', ownerUnitId: 'HCTP', deadline: '2026-12-20' });
    expect(made.status).toBe(201);
    expect(made.body.task).toMatchObject({ ownerUnitId: 'HCTP', state: 'notStarted', deadline: '2026-12-20', source: { parIndexId: id, criterion: '1.2' } });
    const plan = (await leader.json<any>('GET', `/api/plans/${PLAN_ID}`)).body;
    expect(plan.tasks.find((t: any) => t.id === made.body.task.id)?.source).toEqual({ parIndexId: id, criterion: '1.2' });
    expect(node(await get(), '1.2').taskIds).toEqual([made.body.task.id]);
  });

  it('REOPEN needs the leader and a reason, and scoring opens again', async () => {
    await expectRefused(await leader.json('POST', `/api/par/${id}/events`, { type: 'REOPEN' }), 400, 'bad_request');
    const reopened = await leader.json<any>('POST', `/api/par/${id}/events`, { type: 'REOPEN', reason: 'Bổ sung tài liệu kiểm chứng tiêu chí 2.1' });
    expect(reopened.body.index).toMatchObject({ status: 'scoring', reopenReason: 'Bổ sung tài liệu kiểm chứng tiêu chí 2.1' });
    const history = (await leader.json<any[]>('GET', `/api/par/${id}/history`)).body;
    expect(history.map((h) => h.type)).toEqual([
      'CREATE', 'EDIT_CRITERION', 'START_SCORING', 'SCORE', 'SCORE', 'SUBMIT', 'APPRAISE', 'APPRAISE', 'APPRAISE', 'APPRAISE', 'RECORD_APPRAISAL_DONE', 'REOPEN',
    ]);
  });

  it('copies last year\'s structure, not its scores', async () => {
    const copy = await leader.json<any>('POST', '/api/par', { year: 2026, title: 'Bản sao', copyFrom: id });
    expect(copy.status).toBe(201);
    expect(copy.body.index).toMatchObject({ status: 'draft', maxPoints: 5.5 });
    expect(node(copy.body.index, '2.1')).not.toHaveProperty('explanation');
    expect(node(copy.body.index, '2.1').title).toBe('Rà soát, đơn giản hóa thủ tục hành chính');
  });
});
