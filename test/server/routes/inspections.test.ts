import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Inspection } from '../../../machines/inspectionApi';
import { INSPECTION_BLOCKER_MESSAGES } from '../../../machines/inspectionLabels';
import { ApiClient, PLAN_ID, taskId } from '../../support/api';
import { startApp, type TestApp } from '../../support/app';
import { expectError, getHistory, getProgress, getTask } from '../../support/expectApi';
import { expectFindingShape, expectInspectionShape, inspections as api, ok, userId } from '../../support/inspections';

/**
 * One inspection's whole cycle over HTTP, with every role: the coordinator and the leader (not on
 * the team), the team lead (the Chánh Thanh tra), a team member (the inspector thanhtra), an
 * inspector on no team (thanhtra2), the inspected unit's head (CC1), another unit's head (HCTP) and
 * a viewer. 403 for the wrong person, 409 for the wrong moment, 400 for missing input; a refused
 * request changes nothing.
 */
const NOW = '2026-11-20T03:00:00.000Z';
let server: TestApp;
let leader: ApiClient, coordinator: ApiClient, lead: ApiClient, member: ApiClient, outsider: ApiClient;
let head: ApiClient, otherHead: ApiClient, viewer: ApiClient;
let id: string;
let f1: Finding, f2: Finding;

const TEAM = { teamUserIds: [userId('truongphong.ttr'), userId('thanhtra')], leadUserId: userId('truongphong.ttr') };
const NEW = { planId: PLAN_ID, title: 'Kiểm tra CCHC tại Công chứng số 1', decisionNo: '501/QĐ-STP', targetUnitId: 'CC1', scheduledOn: '2026-11-25', ...TEAM };
const CONCLUSION = { strengths: 'Niêm yết đầy đủ', shortcomings: 'Hồ sơ lưu chưa đủ', recommendations: 'Bổ sung hồ sơ' };

beforeAll(async () => {
  server = await startApp({ now: NOW });
  [leader, coordinator, lead, member, outsider, head, otherHead] = await Promise.all(
    ['giamdoc', 'vanphong', 'truongphong.ttr', 'thanhtra', 'thanhtra2', 'truongphong.cc1', 'truongphong.hctp'].map((u) => ApiClient.login(server, u)),
  );
  const created = await leader.json<any>('POST', '/api/users', { username: 'xem', name: 'Người xem', role: 'viewer', password: 'mot-mat-khau-dai' });
  expect(created.status).toBe(201);
  viewer = await ApiClient.login(server, 'xem', 'mot-mat-khau-dai');
});
afterAll(() => server?.close());

/** Everyone's view of the inspection, to prove a refusal changed nothing. */
const snapshot = async () => (await api.get(leader, id)).body as Inspection;

async function refused(res: Promise<{ status: number; body: any }>, status: number, code: string) {
  const before = await snapshot();
  const error = expectError(await res, status, code);
  expect(await snapshot()).toEqual(before);
  return error;
}

const allowedOf = async (who: ApiClient) => ((await api.get(who, id)).body as Inspection).allowedEvents;
const findingOf = async (who: ApiClient, findingId: string) =>
  ((await api.get(who, id)).body as Inspection).findings.find((f) => f.id === findingId)!;

describe('POST /api/inspections', () => {
  it('is for the coordinator and the leader only (403)', async () => {
    for (const who of [member, outsider, head, viewer, lead]) expectError(await api.create(who, NEW), 403, 'forbidden');
  });

  it('names the field to fix (400)', async () => {
    const { title: _t, ...untitled } = NEW;
    expectError(await api.create(coordinator, untitled), 400, 'bad_request');
    expect(expectError(await api.create(coordinator, { ...NEW, leadUserId: userId('thanhtra2') }), 400, 'bad_request').details).toEqual({ field: 'leadUserId' });
    expect(expectError(await api.create(coordinator, { ...NEW, teamUserIds: ['u-nobody'], leadUserId: 'u-nobody' }), 400, 'bad_request').details).toEqual({ field: 'teamUserIds' });
    expect(expectError(await api.create(coordinator, { ...NEW, targetUnitId: 'NOPE' }), 400, 'bad_request').details).toEqual({ field: 'targetUnitId' });
    expect(expectError(await api.create(coordinator, { ...NEW, planId: 'nope-2026' }), 400, 'bad_request').details).toEqual({ field: 'planId' });
    expectError(await api.create(coordinator, { ...NEW, scheduledOn: '25/11/2026' }), 400, 'bad_request');
    expect((await leader.json<any[]>('GET', `/api/inspections?planId=${PLAN_ID}`)).body).toHaveLength(1);
  });

  it('plans an inspection (201), listed with the caller’s allowedEvents', async () => {
    const inspection = ok<Inspection>(await api.create(coordinator, NEW), 201, 'inspection');
    expectInspectionShape(inspection);
    expect(inspection).toMatchObject({ ...NEW, state: 'planned', version: 1, findings: [], allowedEvents: ['NOTIFY', 'CANCEL'] });
    id = inspection.id;
    const list = await leader.json<Inspection[]>('GET', `/api/inspections?planId=${PLAN_ID}`);
    expect(list.status).toBe(200);
    expect(list.body.map((i) => i.id)).toContain(id);
    for (const i of list.body) expectInspectionShape(i);
    for (const who of [lead, member, outsider, head, otherHead, viewer]) expect(await allowedOf(who)).toEqual([]);
    expect(await allowedOf(leader)).toEqual(['NOTIFY', 'CANCEL']);
  });
});

describe('the cycle', () => {
  it('NOTIFY: coordinator or leader; a stale version is a conflict with the current inspection', async () => {
    for (const who of [lead, member, outsider, head, otherHead, viewer]) await refused(api.send(who, id, { type: 'NOTIFY' }), 403, 'forbidden');
    const stale = await refused(api.send(leader, id, { type: 'NOTIFY', expectedVersion: 0 }), 409, 'conflict');
    expect(stale.details.current).toMatchObject({ id, version: 1, state: 'planned' });
    expectInspectionShape(stale.details.current);
    const inspection = ok<Inspection>(await api.send(leader, id, { type: 'NOTIFY', expectedVersion: 1 }), 200, 'inspection');
    expect(inspection).toMatchObject({ state: 'notified', version: 2, allowedEvents: ['CANCEL'] });
    const again = await refused(api.send(leader, id, { type: 'NOTIFY' }), 409, 'transition_not_allowed');
    expect(again.details).toEqual({ allowed: ['CANCEL'] });
  });

  it('SUBMIT_SELF_REPORT: only the inspected unit’s head, with the report', async () => {
    expect(await allowedOf(head)).toEqual(['SUBMIT_SELF_REPORT']);
    for (const who of [otherHead, member, lead, coordinator, outsider]) await refused(api.send(who, id, { type: 'SUBMIT_SELF_REPORT', report: 'x' }), 403, 'forbidden');
    expect((await refused(api.send(head, id, { type: 'SUBMIT_SELF_REPORT' }), 400, 'bad_request')).details).toEqual({ field: 'report' });
    const inspection = ok<Inspection>(await api.send(head, id, { type: 'SUBMIT_SELF_REPORT', report: 'Báo cáo tự kiểm tra số 3/BC-CC1' }), 200, 'inspection');
    expect(inspection).toMatchObject({ state: 'selfReported', selfReport: 'Báo cáo tự kiểm tra số 3/BC-CC1', allowedEvents: [] });
  });

  it('findings wait for fieldwork (409); START_FIELDWORK is for a team member', async () => {
    await refused(api.record(member, id, { areaId: 'area-3', description: 'd', recommendation: 'r' }), 409, 'transition_not_allowed');
    for (const who of [outsider, coordinator, leader, head]) await refused(api.send(who, id, { type: 'START_FIELDWORK' }), 403, 'forbidden');
    const inspection = ok<Inspection>(await api.send(member, id, { type: 'START_FIELDWORK' }), 200, 'inspection');
    expect(inspection.state).toBe('fieldwork');
    expect(await allowedOf(member)).toEqual(['RECORD_FINDING']);
    expect(await allowedOf(lead)).toEqual(['RECORD_FINDING', 'CONCLUDE']);
  });

  it('a finding with createTask puts the remediation task on the board in the same commit', async () => {
    const before = await getProgress(leader);
    for (const who of [outsider, head, otherHead, coordinator, viewer]) {
      await refused(api.record(who, id, { areaId: 'area-3', description: 'd', recommendation: 'r', createTask: true }), 403, 'forbidden');
    }
    expect((await refused(api.record(member, id, { areaId: 'area-3', description: ' ', recommendation: 'r' }), 400, 'bad_request')).details).toEqual({
      issues: [{ path: 'description', message: expect.any(String) }],
    });
    expect((await refused(api.record(member, id, { areaId: 'area-9', description: 'd', recommendation: 'r', createTask: true }), 400, 'bad_request')).details).toEqual({ field: 'areaId' });
    expect((await getProgress(leader)).total).toBe(before.total);

    f1 = ok<Finding>(
      await api.record(member, id, {
        areaId: 'area-3', description: 'Sổ theo dõi hồ sơ chưa cập nhật', cause: 'Chưa phân công', recommendation: 'Cập nhật sổ theo dõi', createTask: true,
      }),
      201,
      'finding',
    );
    expectFindingShape(f1);
    expect(f1).toMatchObject({ inspectionId: id, state: 'open', version: 1, overdue: false, allowedEvents: [], taskId: expect.any(String) });

    // The task: the inspected unit's, in the finding's area, provisionally due 15 days after recording.
    const task = await getTask(head, f1.taskId!.slice(PLAN_ID.length + 1));
    expect(task).toMatchObject({
      id: f1.taskId, ownerUnitId: 'CC1', areaId: 'area-3', state: 'notStarted', deadline: '2026-12-05', allowedEvents: ['START'],
      source: { inspectionId: id, findingId: f1.id, decisionNo: '501/QĐ-STP' }, output: 'Cập nhật sổ theo dõi',
    });
    // On the board, but counted apart from the plan (Progress.extra), for the plan, its area and its unit.
    const after = await getProgress(leader);
    expect(after).toMatchObject({ total: before.total, notStarted: before.notStarted, percent: before.percent });
    expect(after.extra).toMatchObject({ total: before.extra.total + 1, notStarted: before.extra.notStarted + 1 });
    expect(after.byArea.find((a) => a.areaId === 'area-3')!.extra.total).toBe(before.byArea.find((a) => a.areaId === 'area-3')!.extra.total + 1);
    expect(after.byUnit.find((u) => u.unitId === 'CC1')!.extra).toMatchObject({ total: 1, notStarted: 1 });
    // One commit: the finding's entry and the task's are consecutive in the plan's history.
    const history = (await leader.json<any[]>('GET', `/api/plans/${PLAN_ID}/history`)).body;
    const [finding, added] = history.slice(-2);
    expect([finding.type, added.type, added.taskId]).toEqual(['RECORD', 'ADD_TASK', f1.taskId]);
    expect(added.seq).toBe(finding.seq + 1);

    f2 = ok<Finding>(
      await api.record(lead, id, { areaId: 'area-7', description: 'Chưa số hóa kết quả', recommendation: 'Số hóa', deadline: '2026-12-15' }),
      201,
      'finding',
    );
    expect(f2.taskId).toBeUndefined();
    expect((await getProgress(leader)).extra.total).toBe(before.extra.total + 1);
  });

  it('remediation waits for the conclusion (409, saying why)', async () => {
    const error = await refused(api.sendFinding(head, id, f1.id, { type: 'REPORT_REMEDIATION', evidence: 'x' }), 409, 'transition_not_allowed');
    expect(error.message).toBe(INSPECTION_BLOCKER_MESSAGES.inspectionNotConcluded);
  });

  it('CONCLUDE: the team lead only, with the conclusion; re-dates the provisional task deadline', async () => {
    for (const who of [member, coordinator, leader, head]) await refused(api.send(who, id, { type: 'CONCLUDE', conclusion: CONCLUSION }), 403, 'forbidden');
    expect((await refused(api.send(lead, id, { type: 'CONCLUDE', conclusion: { ...CONCLUSION, strengths: '' } }), 400, 'bad_request')).code).toBe('bad_request');
    expect((await refused(api.send(lead, id, { type: 'CONCLUDE', conclusion: CONCLUSION, remediationDeadline: '2026-11-01' }), 400, 'bad_request')).details).toEqual({ field: 'remediationDeadline' });
    const inspection = ok<Inspection>(
      await api.send(lead, id, { type: 'CONCLUDE', conclusion: CONCLUSION, remediationDeadline: '2026-12-10' }),
      200,
      'inspection',
    );
    expect(inspection).toMatchObject({ state: 'concluded', concludedOn: '2026-11-20', remediationDeadline: '2026-12-10', conclusion: CONCLUSION });
    const code = f1.taskId!.slice(PLAN_ID.length + 1);
    expect((await getTask(leader, code)).deadline).toBe('2026-12-10');
    expect((await getHistory(leader, code)).map((h) => [h.type, h.deadline])).toEqual([
      ['ADD_TASK', undefined],
      ['CHANGE_DEADLINE', '2026-12-10'],
    ]);
  });

  it('REPORT_REMEDIATION: the inspected unit’s head, with evidence; VERIFY is refused while the task is not done', async () => {
    for (const who of [otherHead, member, lead, outsider]) await refused(api.sendFinding(who, id, f1.id, { type: 'REPORT_REMEDIATION', evidence: 'x' }), 403, 'forbidden');
    expect((await refused(api.sendFinding(head, id, f1.id, { type: 'REPORT_REMEDIATION' }), 400, 'bad_request')).details).toEqual({ field: 'evidence' });
    const reported = ok<Finding>(await api.sendFinding(head, id, f1.id, { type: 'REPORT_REMEDIATION', evidence: 'Sổ theo dõi cập nhật ngày 20/11' }), 200, 'finding');
    expect(reported).toMatchObject({ state: 'remediated', evidence: 'Sổ theo dõi cập nhật ngày 20/11', version: 2 });

    for (const who of [outsider, head, coordinator, leader]) await refused(api.sendFinding(who, id, f1.id, { type: 'VERIFY' }), 403, 'forbidden');
    expect((await findingOf(member, f1.id)).allowedEvents).toEqual(['REJECT']);
    const blocked = await refused(api.sendFinding(member, id, f1.id, { type: 'VERIFY' }), 409, 'transition_not_allowed');
    expect(blocked.message).toBe(INSPECTION_BLOCKER_MESSAGES.taskNotDone);
    expect(blocked.details).toEqual({ allowed: ['REJECT'] });
  });

  it('REJECT sends the finding back to open with a reason; the unit reports again', async () => {
    expect((await refused(api.sendFinding(member, id, f1.id, { type: 'REJECT' }), 400, 'bad_request')).details).toEqual({ field: 'reason' });
    const rejected = ok<Finding>(await api.sendFinding(member, id, f1.id, { type: 'REJECT', reason: 'Thiếu ảnh chụp sổ' }), 200, 'finding');
    expect(rejected).toMatchObject({ state: 'open', rejectReason: 'Thiếu ảnh chụp sổ' });
    const again = ok<Finding>(await api.sendFinding(head, id, f1.id, { type: 'REPORT_REMEDIATION', evidence: 'Ảnh chụp sổ kèm theo' }), 200, 'finding');
    expect(again.state).toBe('remediated');
    expect(again.rejectReason).toBeUndefined();
  });

  it('CLOSE is refused while a finding is not verified (409, saying why)', async () => {
    const error = await refused(api.send(lead, id, { type: 'CLOSE' }), 409, 'transition_not_allowed');
    expect(error.message).toBe(INSPECTION_BLOCKER_MESSAGES.findingsNotVerified);
    expect(error.details).toEqual({ allowed: [] });
  });

  it('once the task is done VERIFY is allowed; a stale version is a conflict with the current finding', async () => {
    const code = f1.taskId!.slice(PLAN_ID.length + 1);
    expect((await head.send(code, { type: 'START' })).status).toBe(200);
    expect((await head.send(code, { type: 'SUBMIT', evidence: 'Sổ theo dõi' })).status).toBe(200);
    expect((await coordinator.send(code, { type: 'APPROVE' })).status).toBe(200);
    const current = await findingOf(member, f1.id);
    expect(current.allowedEvents).toEqual(['VERIFY', 'REJECT']);
    const stale = await refused(api.sendFinding(member, id, f1.id, { type: 'VERIFY', expectedVersion: current.version - 1 }), 409, 'conflict');
    expect(stale.details.current).toMatchObject({ id: f1.id, version: current.version, state: 'remediated' });
    const verified = ok<Finding>(await api.sendFinding(member, id, f1.id, { type: 'VERIFY', expectedVersion: current.version }), 200, 'finding');
    expect(verified).toMatchObject({ state: 'verified', allowedEvents: [] });
  });

  it('a finding without a task is verified on the report alone; then the lead closes', async () => {
    ok<Finding>(await api.sendFinding(head, id, f2.id, { type: 'REPORT_REMEDIATION', evidence: 'Danh sách hồ sơ đã số hóa' }), 200, 'finding');
    ok<Finding>(await api.sendFinding(lead, id, f2.id, { type: 'VERIFY' }), 200, 'finding');
    expect(await allowedOf(lead)).toEqual(['CLOSE']);
    await refused(api.send(member, id, { type: 'CLOSE' }), 403, 'forbidden');
    const closed = ok<Inspection>(await api.send(lead, id, { type: 'CLOSE' }), 200, 'inspection');
    expect(closed).toMatchObject({ state: 'closed', allowedEvents: [] });
    expect(closed.findings.map((f) => f.state)).toEqual(['verified', 'verified']);
    await refused(api.send(leader, id, { type: 'CANCEL', reason: 'x' }), 409, 'transition_not_allowed');
  });

  it('GET …/history lists every event of the inspection and its findings, oldest first, with who, from, to and payload', async () => {
    const res = await api.history(viewer, id);
    expect(res.status).toBe(200);
    const rows = res.body as any[];
    expect(rows.map((e) => [e.type, e.by.username, e.from, e.to])).toEqual([
      ['CREATE', 'vanphong', '', 'planned'],
      ['NOTIFY', 'giamdoc', 'planned', 'notified'],
      ['SUBMIT_SELF_REPORT', 'truongphong.cc1', 'notified', 'selfReported'],
      ['START_FIELDWORK', 'thanhtra', 'selfReported', 'fieldwork'],
      ['RECORD', 'thanhtra', '', 'open'],
      ['RECORD', 'truongphong.ttr', '', 'open'],
      ['CONCLUDE', 'truongphong.ttr', 'fieldwork', 'concluded'],
      ['REPORT_REMEDIATION', 'truongphong.cc1', 'open', 'remediated'],
      ['REJECT', 'thanhtra', 'remediated', 'open'],
      ['REPORT_REMEDIATION', 'truongphong.cc1', 'open', 'remediated'],
      ['VERIFY', 'thanhtra', 'remediated', 'verified'],
      ['REPORT_REMEDIATION', 'truongphong.cc1', 'open', 'remediated'],
      ['VERIFY', 'truongphong.ttr', 'remediated', 'verified'],
      ['CLOSE', 'truongphong.ttr', 'concluded', 'closed'],
    ]);
    for (let i = 1; i < rows.length; i++) expect(rows[i].seq).toBeGreaterThan(rows[i - 1].seq);
    for (const row of rows) expect(row.at).toBe(NOW);
    expect(rows[2].report).toBe('Báo cáo tự kiểm tra số 3/BC-CC1');
    expect(rows[6]).toMatchObject({ conclusion: CONCLUSION, remediationDeadline: '2026-12-10' });
    expect(rows[8]).toMatchObject({ reason: 'Thiếu ảnh chụp sổ', findingId: f1.id });
    expect(rows[9].evidence).toBe('Ảnh chụp sổ kèm theo');
  });
});

describe('reads and retries', () => {
  it('every logged-in role reads inspections; an unknown id is 404', async () => {
    for (const who of [viewer, outsider, otherHead]) expectInspectionShape((await api.get(who, id)).body);
    expectError(await api.get(viewer, 'kt-nope'), 404, 'not_found');
    expectError(await api.sendFinding(head, id, 'nope', { type: 'VERIFY' }), 404, 'not_found');
    expect((await server.fetchJson('/api/inspections')).status).toBe(401);
  });

  it('GET /api/inspections/people lists who can be named to a team, without account details', async () => {
    const res = await head.json<any[]>('GET', '/api/inspections/people');
    expect(res.status).toBe(200);
    const thanhtra2 = res.body.find((u) => u.username === 'thanhtra2');
    expect(thanhtra2).toEqual({ id: userId('thanhtra2'), username: 'thanhtra2', name: expect.any(String), role: 'inspector', unitId: 'TTR' });
    for (const u of res.body) expect(Object.keys(u).sort()).toEqual(['id', 'name', 'role', 'unitId', 'username']);
  });

  it('an event retried with the same Idempotency-Key is answered once, from the first answer', async () => {
    const other = ok<Inspection>(await api.create(leader, { ...NEW, targetUnitId: 'DGTS', title: 'Kiểm tra DGTS' }), 201, 'inspection');
    const send = () =>
      leader.request('POST', `/api/inspections/${other.id}/events`, { type: 'NOTIFY' }, { 'Idempotency-Key': 'notify-dgts-1' });
    const first = await send();
    const second = await send();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get('Idempotency-Replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    expect(((await api.history(leader, other.id)).body as any[]).map((e) => e.type)).toEqual(['CREATE', 'NOTIFY']);
  });
});
