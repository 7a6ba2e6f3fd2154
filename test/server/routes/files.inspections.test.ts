import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PLAN_ID } from '../../support/api';
import { startApp, type TestApp } from '../../support/app';
import { expectError } from '../../support/expectApi';
import { inspections as api, userId } from '../../support/inspections';
import { form, jpeg, pdf } from '../files/samples';

/**
 * Files on the inspection cycle (API.md "Evidence files"): the self-inspection report, a finding's
 * photo taken on site, a remediation report; each shown on its object with who added it and when,
 * in the history rows, and readable by every logged-in user once attached.
 */
let server: TestApp;
let coordinator: ApiClient;
let inspector: ApiClient;
let head: ApiClient;
let otherHead: ApiClient;

beforeAll(async () => {
  server = await startApp({ now: '2026-10-01T03:00:00Z' });
  [coordinator, inspector, head, otherHead] = await Promise.all(
    ['vanphong', 'thanhtra', 'truongphong.cc1', 'truongphong.hctp'].map((u) => ApiClient.login(server, u)),
  );
});
afterAll(() => server?.close());

async function upload(as: ApiClient, bytes: Buffer, name: string): Promise<{ id: string; sha256: string; name: string }> {
  const res = await server.fetch(`${server.url}/api/files`, { method: 'POST', headers: { 'X-Requested-With': 'tiendo', cookie: as.cookie }, body: form(bytes, name) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { file: { id: string; sha256: string; name: string } }).file;
}

describe('files on the inspection cycle', () => {
  it('self-report, finding photo and remediation report carry files, each shown on its object and in history', async () => {
    const created = await api.create(coordinator, {
      planId: PLAN_ID, title: 'Kiểm tra CC1', targetUnitId: 'CC1', scheduledOn: '2026-10-05', teamUserIds: [userId('thanhtra')], leadUserId: userId('thanhtra'),
    });
    expect(created.status).toBe(201);
    const id: string = created.body.inspection.id;
    expect(created.body.inspection.selfReportFiles).toEqual([]);
    expect((await api.send(coordinator, id, { type: 'NOTIFY' })).status).toBe(200);

    const report = await upload(head, pdf('Bao cao tu kiem tra'), 'Báo cáo tự kiểm tra.pdf');
    // Files go with the self-report only, not with another lifecycle event.
    expect(expectError(await api.send(inspector, id, { type: 'START_FIELDWORK', files: [report.id] }), 400, 'bad_request').details).toMatchObject({ field: 'files' });
    const selfReported = await api.send(head, id, { type: 'SUBMIT_SELF_REPORT', report: 'Báo cáo số 3/BC-CC1', files: [report.id] });
    expect(selfReported.status).toBe(200);
    expect(selfReported.body.inspection.selfReportFiles).toEqual([expect.objectContaining({ ...report, by: { id: userId('truongphong.cc1'), username: 'truongphong.cc1' } })]);
    expect((await api.send(inspector, id, { type: 'START_FIELDWORK' })).status).toBe(200);

    const photo = await upload(inspector, jpeg(), 'Ảnh hiện trường.jpg');
    // Another user's upload that nothing refers to cannot be attached.
    expectError(await api.record(head, id, { areaId: 'area-3', description: 'x', recommendation: 'y', files: [photo.id] }), 400, 'bad_request');
    const recorded = await api.record(inspector, id, { areaId: 'area-3', description: 'Hồ sơ trễ hạn chưa xin lỗi', recommendation: 'Gửi thư xin lỗi', files: [photo.id] });
    expect(recorded.status).toBe(201);
    expect(recorded.body.finding.files).toEqual([expect.objectContaining({ ...photo, type: 'image/jpeg' })]);
    const findingId: string = recorded.body.finding.id;

    expect((await api.send(inspector, id, { type: 'CONCLUDE', conclusion: { strengths: 'Tốt', shortcomings: 'Còn trễ hạn', recommendations: 'Khắc phục' } })).status).toBe(200);
    const remedy = await upload(head, pdf('Thu xin loi'), 'Thư xin lỗi.pdf');
    expect(expectError(await api.sendFinding(inspector, id, findingId, { type: 'REJECT', reason: 'x', files: [remedy.id] }), 400, 'bad_request').details).toMatchObject({ field: 'files' });
    const remediated = await api.sendFinding(head, id, findingId, { type: 'REPORT_REMEDIATION', evidence: 'Đã gửi thư xin lỗi', files: [remedy.id] });
    expect(remediated.status).toBe(200);
    expect(remediated.body.finding.files.map((f: { name: string }) => f.name)).toEqual(['Ảnh hiện trường.jpg', 'Thư xin lỗi.pdf']);

    const history = (await api.history(otherHead, id)).body as Array<{ type: string; files?: Array<{ id: string }> }>;
    expect(history.filter((h) => h.files).map((h) => [h.type, h.files!.map((f) => f.id)])).toEqual([
      ['SUBMIT_SELF_REPORT', [report.id]],
      ['RECORD', [photo.id]],
      ['REPORT_REMEDIATION', [remedy.id]],
    ]);
    // Attached: another unit's head reads them all.
    for (const f of [report, photo, remedy]) expect((await otherHead.request('GET', `/api/files/${f.id}`)).status).toBe(200);
  });
});
