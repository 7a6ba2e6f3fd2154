import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../../machines/api';
import type { Finding, Inspection, InspectionProgramme } from '../../../machines/inspectionApi';
import { ApiClient, PLAN_ID } from '../../support/api';
import { startApp, type TestApp } from '../../support/app';
import { expectError, getTask } from '../../support/expectApi';
import { inspections as api, expectInspectionShape, ok, SEEDED_INSPECTION, userId } from '../../support/inspections';
import { openStream, type SseStream } from '../../support/sse';

/**
 * The seeded inspection, the year's programme and its coverage, cancelling an inspection whose
 * remediation task is on the board, and the live `inspection` event.
 */
const NOW = '2026-11-20T03:00:00.000Z';
let server: TestApp;
let leader: ApiClient, coordinator: ApiClient, member: ApiClient, hctp: ApiClient, tgpl: ApiClient;
const streams: SseStream[] = [];

beforeAll(async () => {
  server = await startApp({ now: NOW });
  [leader, coordinator, member, hctp, tgpl] = await Promise.all(
    ['giamdoc', 'vanphong', 'thanhtra', 'truongphong.hctp', 'truongphong.tgpl'].map((u) => ApiClient.login(server, u)),
  );
});
afterAll(async () => {
  for (const s of streams) s.close();
  await server?.close();
});

describe('the seeded inspection (432/QĐ-STP at HCTP)', () => {
  it('is concluded, with two overdue findings; the first one’s remediation task is on the board, overdue too', async () => {
    const inspection = (await api.get(hctp, SEEDED_INSPECTION)).body as Inspection;
    expectInspectionShape(inspection);
    expect(inspection).toMatchObject({
      decisionNo: '432/QĐ-STP', targetUnitId: 'HCTP', state: 'concluded', leadUserId: userId('vanphong'),
      teamUserIds: [userId('vanphong'), userId('thanhtra')], concludedOn: '2026-09-25', remediationDeadline: '2026-10-10',
    });
    expect(inspection.findings.map((f) => [f.state, f.overdue, f.deadline, f.taskId])).toEqual([
      ['open', true, '2026-10-15', `${PLAN_ID}-KT1.1`],
      ['open', true, '2026-10-31', undefined],
    ]);
    // The inspected unit's head may report remediation; the team may not verify an open finding.
    expect(inspection.findings[0].allowedEvents).toEqual(['REPORT_REMEDIATION']);
    expect(((await api.get(member, SEEDED_INSPECTION)).body as Inspection).findings[0].allowedEvents).toEqual([]);
    const task = await getTask(hctp, 'KT1.1');
    expect(task).toMatchObject({
      state: 'inProgress', ownerUnitId: 'HCTP', areaId: 'area-3', overdue: true, inspectionOverdue: true,
      source: { inspectionId: SEEDED_INSPECTION, findingId: inspection.findings[0].id, decisionNo: '432/QĐ-STP' },
    });
    const history = (await api.history(leader, SEEDED_INSPECTION)).body as any[];
    expect(history.map((e) => [e.type, e.by.username, e.at.slice(0, 10)])).toEqual([
      ['CREATE', 'vanphong', '2026-08-20'],
      ['NOTIFY', 'vanphong', '2026-08-25'],
      ['SUBMIT_SELF_REPORT', 'truongphong.hctp', '2026-09-08'],
      ['START_FIELDWORK', 'vanphong', '2026-09-15'],
      ['RECORD', 'thanhtra', '2026-09-15'],
      ['RECORD', 'thanhtra', '2026-09-16'],
      ['CONCLUDE', 'vanphong', '2026-09-25'],
    ]);
  });

  it('a finding reported remediated is no longer overdue, nor is its card', async () => {
    const seeded = (await api.get(hctp, SEEDED_INSPECTION)).body as Inspection;
    const finding = ok<Finding>(
      await api.sendFinding(hctp, SEEDED_INSPECTION, seeded.findings[1].id, { type: 'REPORT_REMEDIATION', evidence: 'Quyết định phân công số 9/QĐ-HCTP' }),
      200,
      'finding',
    );
    expect(finding).toMatchObject({ state: 'remediated', overdue: false });
  });
});

describe('GET /api/inspections/programme', () => {
  it('lists the year’s inspections with coverage: units with an inspection that is not cancelled, of the plan’s units', async () => {
    const res = await api.programme(leader);
    expect(res.status).toBe(200);
    const programme = res.body as InspectionProgramme;
    expect(Object.keys(programme).sort()).toEqual(['coverage', 'inspections', 'planId', 'year']);
    expect(programme).toMatchObject({ planId: PLAN_ID, year: 2026, coverage: { inspectedUnits: 1, totalUnits: 9, percent: (1 / 9) * 100 } });
    expect(programme.inspections.map((i) => i.id)).toEqual([SEEDED_INSPECTION]);
    expectError(await api.programme(leader, 'nope-2026'), 404, 'not_found');

    // A second inspection of HCTP counts its unit once; one of XDKT adds a unit, until it is cancelled.
    const plan = async (targetUnitId: string, scheduledOn: string) =>
      ok<Inspection>(
        await api.create(coordinator, {
          planId: PLAN_ID, title: `Kiểm tra ${targetUnitId}`, targetUnitId, scheduledOn, teamUserIds: [userId('thanhtra')], leadUserId: userId('thanhtra'),
        }),
        201,
        'inspection',
      );
    const again = await plan('HCTP', '2026-12-01');
    const xdkt = await plan('XDKT', '2026-12-05');
    const both = (await api.programme(leader)).body as InspectionProgramme;
    expect(both.inspections.map((i) => [i.id, i.targetUnitId, i.state])).toEqual([
      [SEEDED_INSPECTION, 'HCTP', 'concluded'], [again.id, 'HCTP', 'planned'], [xdkt.id, 'XDKT', 'planned'],
    ]);
    expect(both.coverage).toEqual({ inspectedUnits: 2, totalUnits: 9, percent: (2 / 9) * 100 });
    ok(await api.send(coordinator, xdkt.id, { type: 'CANCEL', reason: 'Lùi sang năm sau' }), 200, 'inspection');
    const cancelled = (await api.programme(leader)).body as InspectionProgramme;
    // Still listed, no longer counted.
    expect(cancelled.inspections.map((i) => [i.id, i.state])).toEqual([[SEEDED_INSPECTION, 'concluded'], [again.id, 'planned'], [xdkt.id, 'cancelled']]);
    expect(cancelled.coverage).toEqual({ inspectedUnits: 1, totalUnits: 9, percent: (1 / 9) * 100 });
    // Leave the programme as the later tests expect it: only the seeded inspection counts.
    ok(await api.send(coordinator, again.id, { type: 'CANCEL', reason: 'Trùng kế hoạch' }), 200, 'inspection');
  });
});

describe('CANCEL', () => {
  let inspection: Inspection;
  let finding: Finding;

  it('of an inspection in fieldwork with a remediation task: coordinator or leader, with a reason', async () => {
    inspection = ok<Inspection>(
      await api.create(coordinator, {
        planId: PLAN_ID, title: 'Kiểm tra TGPL', targetUnitId: 'TGPL', scheduledOn: '2026-11-18',
        teamUserIds: [userId('thanhtra')], leadUserId: userId('thanhtra'),
      }),
      201,
      'inspection',
    );
    ok(await api.send(coordinator, inspection.id, { type: 'NOTIFY' }), 200, 'inspection');
    ok(await api.send(tgpl, inspection.id, { type: 'SUBMIT_SELF_REPORT', report: 'Báo cáo' }), 200, 'inspection');
    ok(await api.send(member, inspection.id, { type: 'START_FIELDWORK' }), 200, 'inspection');
    finding = ok<Finding>(
      await api.record(member, inspection.id, { areaId: 'area-4', description: 'Chưa công khai', recommendation: 'Công khai', createTask: true }),
      201,
      'finding',
    );
    expect((await api.programme(leader)).body.coverage).toMatchObject({ inspectedUnits: 2, totalUnits: 9 });

    for (const who of [member, tgpl, hctp]) expectError(await api.send(who, inspection.id, { type: 'CANCEL', reason: 'x' }), 403, 'forbidden');
    expect(expectError(await api.send(coordinator, inspection.id, { type: 'CANCEL' }), 400, 'bad_request').details).toEqual({ field: 'reason' });
    const cancelled = ok<Inspection>(await api.send(leader, inspection.id, { type: 'CANCEL', reason: 'Đơn vị sáp nhập' }), 200, 'inspection');
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelReason: 'Đơn vị sáp nhập', allowedEvents: [] });
    expect(cancelled.findings[0]).toMatchObject({ state: 'open', overdue: false, allowedEvents: [] });
    expect(expectError(await api.send(leader, inspection.id, { type: 'CANCEL', reason: 'x' }), 409, 'transition_not_allowed').details).toEqual({ allowed: [] });
  });

  it('leaves the remediation task on the board, marked as from a cancelled inspection, still the unit’s to move', async () => {
    const code = finding.taskId!.slice(PLAN_ID.length + 1);
    const task = await getTask(tgpl, code);
    expect(task).toMatchObject({
      state: 'notStarted', ownerUnitId: 'TGPL', allowedEvents: ['START'],
      source: { inspectionId: inspection.id, findingId: finding.id, inspectionCancelled: true },
    });
    expect((await leader.plan()).tasks.map((t) => t.id)).toContain(task.id);
    expect((await tgpl.send(code, { type: 'START' })).status).toBe(200);
    // Coverage counts only inspections that are not cancelled.
    expect((await api.programme(leader)).body.coverage).toMatchObject({ inspectedUnits: 1, totalUnits: 9 });
  });
});

describe('the live stream', () => {
  it('sends `inspection` (with the receiver’s allowedEvents) after a change, and again when a remediation task moves', async () => {
    const open = async (who: ApiClient) => {
      const s = await openStream(`${server.url}/api/stream`, who.cookie, server.fetch);
      streams.push(s);
      await s.waitFor((e) => e.event === 'hello');
      return s;
    };
    const [leaderStream, hctpStream] = await Promise.all([open(leader), open(hctp)]);
    const seeded = (await api.get(hctp, SEEDED_INSPECTION)).body as Inspection;

    const reported = await api.sendFinding(hctp, SEEDED_INSPECTION, seeded.findings[0].id, { type: 'REPORT_REMEDIATION', evidence: 'Thư xin lỗi đã gửi' });
    expect(reported.status).toBe(200);
    const forLeader = await leaderStream.waitFor((e) => e.event === 'inspection' && e.data.id === SEEDED_INSPECTION);
    expectInspectionShape(forLeader.data);
    expect(forLeader.data.findings[0]).toMatchObject({ state: 'remediated', allowedEvents: [] });
    const forHead = await hctpStream.waitFor((e) => e.event === 'inspection' && e.data.id === SEEDED_INSPECTION);
    expect(forHead.data.findings[0].state).toBe('remediated');
    // The card follows: no longer overdue for the inspection (its own deadline has passed, though).
    const card = await hctpStream.waitFor((e) => e.event === 'task' && e.data.id === `${PLAN_ID}-KT1.1`);
    expect((card.data as Task).inspectionOverdue).toBe(false);

    const from = leaderStream.events.length;
    expect((await hctp.send('KT1.1', { type: 'SUBMIT', evidence: 'Báo cáo khắc phục' })).status).toBe(200);
    const again = await leaderStream.waitFor((e) => e.event === 'inspection' && e.data.id === SEEDED_INSPECTION, { from });
    expect(again.data.findings[0].state).toBe('remediated');
    const card2 = await leaderStream.waitFor((e) => e.event === 'task' && e.data.id === `${PLAN_ID}-KT1.1`, { from });
    expect(card2.data.state).toBe('inReview');
  });
});
