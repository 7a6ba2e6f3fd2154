import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../support/inProcessApp';
import { goodRows, readWorkbook, TEMPLATE_HEADER, workbookBytes } from '../../support/xlsx';

/** Exports, the import template, import and emulation through the real app, in process. */
let env: Awaited<ReturnType<typeof openApp>>;
let leader: Awaited<ReturnType<typeof env.as>>;
let office: Awaited<ReturnType<typeof env.as>>;
let head: Awaited<ReturnType<typeof env.as>>;
const PLAN = 'stp-2026';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  env = await openApp('2026-11-23T03:00:00Z');
  [leader, office, head] = await Promise.all(['giamdoc', 'vanphong', 'truongphong.hctp'].map((u) => env.as(u)));
});
afterAll(() => env?.close());

function form(bytes: Uint8Array, fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  data.set('file', new File([bytes as Uint8Array<ArrayBuffer>], 'ke-hoach.xlsx', { type: XLSX }));
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe('plan export', () => {
  it('every task with Vietnamese headers, real date cells, the percent as a number, frozen header', async () => {
    const res = await head.call('GET', `/api/plans/${PLAN}/export.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="ke-hoach-stp-2026.xlsx"/);
    const book = await readWorkbook(await res.arrayBuffer());
    const tasks = book.getWorksheet('Nhiệm vụ')!;
    expect(tasks.getRow(1).values).toEqual([undefined, ...TEMPLATE_HEADER, 'Trạng thái', 'Ngày hoàn thành', 'Đúng hạn / Trễ hạn', 'Tài liệu kiểm chứng', 'Tệp kiểm chứng']);
    // The seeded done tasks carry their generated PDF, named in the last column.
    expect(tasks.getRow(2).getCell(12).value).toBe('Báo cáo kết quả nhiệm vụ 1.1.pdf');
    // A header and the plan's own 28 tasks; the seeded inspection's remediation task KT1.1 has its own sheet.
    expect(tasks.rowCount).toBe(29);
    expect(tasks.getColumn(1).values).not.toContain('KT1.1');
    const remediation = book.getWorksheet('Khắc phục sau kiểm tra')!;
    expect(remediation.rowCount).toBe(2);
    expect(remediation.getRow(1).getCell(13).value).toBe('Theo kết luận kiểm tra');
    expect([remediation.getRow(2).getCell(1).value, remediation.getRow(2).getCell(13).value]).toEqual(['KT1.1', '432/QĐ-STP']);
    expect(tasks.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const first = tasks.getRow(2);
    expect(first.getCell(1).value).toBe('1.1');
    expect(first.getCell(7).value).toEqual(new Date('2026-01-15T00:00:00Z'));
    expect(first.getCell(7).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(8).value).toBe('Hoàn thành');
    expect(tasks.getColumn(2).width).toBeGreaterThan(30);
    const summary = book.getWorksheet('Tổng hợp')!;
    // The plan's row is its own 28 tasks: 18/28 → 64,29%.
    expect([summary.getRow(2).getCell(2).value, summary.getRow(2).getCell(3).value]).toEqual([28, 18]);
    expect(summary.getRow(2).getCell(11).value).toBeCloseTo(0.6429, 10);
    // The remediation is counted apart, after the plan's areas and units: in all, then HCTP's.
    const labels = (summary.getColumn(1).values as unknown[]).slice(2);
    expect(labels.slice(-2)).toEqual(['Khắc phục sau kiểm tra (ngoài kế hoạch)', 'Khắc phục sau kiểm tra: Phòng Hành chính tư pháp']);
    const apart = summary.getRow(summary.rowCount - 1);
    expect([apart.getCell(2).value, apart.getCell(3).value, apart.getCell(9).value]).toEqual([1, 0, 1]);
    const emulation = book.getWorksheet('Thi đua')!;
    const hctpNote = (emulation.getColumn(6).values as unknown[]).find((v) => typeof v === 'string' && v.includes('KT1.1'));
    expect(hctpNote).toContain('Khắc phục sau kiểm tra: 1 nhiệm vụ chưa hoàn thành (KT1.1)');
    expect(summary.getRow(2).getCell(11).numFmt).toBe('0.00%');
    expect(book.getWorksheet('Thi đua')!.getRow(1).getCell(2).value).toBe('Kết quả xét thi đua');
  });

  it('follows the plan\'s percent rule once it is changed', async () => {
    const plan = await leader.json('GET', `/api/plans/${PLAN}`);
    const changed = await leader.json('POST', `/api/plans/${PLAN}/events`, {
      type: 'CHANGE_SETTINGS', settings: { percentRule: { mode: 'truncate', decimals: 0 }, emulationRule: plan.body.settings.emulationRule ?? { late: 'eligibleWithNote' } },
    });
    expect(changed.status).toBe(200);
    const book = await readWorkbook(await (await head.call('GET', `/api/plans/${PLAN}/export.xlsx`)).arrayBuffer());
    const cell = book.getWorksheet('Tổng hợp')!.getRow(2).getCell(11);
    expect([cell.value, cell.numFmt]).toEqual([0.64, '0%']);
    await leader.json('POST', `/api/plans/${PLAN}/events`, { type: 'CHANGE_SETTINGS', settings: { percentRule: { mode: 'halfUp', decimals: 2 } } });
  });

  it('a review exports its frozen figures, its overdue tasks and directives', async () => {
    // Q3 is frozen at 14/09. Counted from the seed's history: 12 tasks approved by then, and two
    // never started past their deadline (6.4 due 30/06, 7.5 due 31/08), most overdue first.
    const { body } = await office.json('POST', `/api/plans/${PLAN}/reviews`, { period: 'Q3' });
    expect(body.review.asOf).toBe('2026-09-14');
    await office.json('POST', `/api/reviews/${body.review.id}/directives`, { text: 'Đẩy nhanh số hóa', unitId: 'HCTP' });
    const res = await head.call('GET', `/api/reviews/${body.review.id}/export.xlsx`);
    expect(res.status).toBe(200);
    const book = await readWorkbook(await res.arrayBuffer());
    expect(book.getWorksheet('Tổng hợp')!.getRow(2).getCell(3).value).toBe(12);
    const overdue = book.getWorksheet('Quá hạn')!;
    expect(overdue.rowCount).toBe(3);
    const row = (i: number) => [1, 7, 8, 10].map((c) => overdue.getRow(i).getCell(c).value);
    expect([row(2), row(3)]).toEqual([
      ['6.4', new Date('2026-06-30T00:00:00Z'), 'Chưa thực hiện', 'Quá hạn'],
      ['7.5', new Date('2026-08-31T00:00:00Z'), 'Chưa thực hiện', 'Quá hạn'],
    ]);
    expect(book.getWorksheet('Chỉ đạo')!.getRow(2).getCell(2).value).toBe('Phòng Hành chính tư pháp');
    expect((await head.call('GET', '/api/reviews/none/export.xlsx')).status).toBe(404);
  });
});

describe('import', () => {
  it('serves the empty template with the documented headers', async () => {
    const res = await head.call('GET', '/api/import/template.xlsx');
    expect(res.status).toBe(200);
    const sheet = (await readWorkbook(await res.arrayBuffer())).worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, ...TEMPLATE_HEADER]);
    expect(sheet.rowCount).toBe(1);
  });

  it('a unit head may not import; nothing is created', async () => {
    const res = await head.json('POST', '/api/plans/import', form(await workbookBytes([TEMPLATE_HEADER, ...goodRows(2)])));
    expect(res.status).toBe(403);
    expect((await head.json('GET', '/api/plans')).body).toHaveLength(1);
  });

  it('refuses a form without a file, or with a year out of range, as the other imports do; nothing is created', async () => {
    const noFile = new FormData();
    noFile.set('year', '2027');
    const missing = await office.json('POST', '/api/plans/import', noFile);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'bad_request', message: 'Chưa chọn tệp Excel (.xlsx) để nhập (trường «file»).' });
    const badYear = await office.json('POST', '/api/plans/import', form(await workbookBytes([TEMPLATE_HEADER, ...goodRows(2)]), { year: '1999' }));
    expect(badYear.status).toBe(400);
    expect(badYear.body.error).toMatchObject({ code: 'bad_request', message: 'Năm (year) phải là số nguyên từ 2000 đến 2100.', details: { field: 'year' } });
    expect((await office.json('GET', '/api/plans')).body).toHaveLength(1);
  });

  it('refuses a file with bad rows, naming row, column and fix; lists unknown units and areas; stores nothing', async () => {
    const rows = goodRows(3);
    rows[1][6] = '31/02/2027';
    rows[2][3] = 'Phòng Không Tồn Tại';
    rows[2][2] = 'Lĩnh vực mới';
    const res = await office.json('POST', '/api/plans/import', form(await workbookBytes([TEMPLATE_HEADER, ...rows]), { year: '2027' }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.details.rows).toEqual([
      { row: 3, column: 'Thời hạn', message: '«31/02/2027» không phải ngày hợp lệ; nhập dạng dd/MM/yyyy (ví dụ 30/06/2026) hoặc định dạng ô là ngày.' },
      { row: 4, column: 'Lĩnh vực', message: expect.stringContaining('Lĩnh vực «Lĩnh vực mới» chưa có trong danh mục') },
      { row: 4, column: 'Đơn vị chủ trì', message: expect.stringContaining('Đơn vị «Phòng Không Tồn Tại» chưa có') },
    ]);
    expect(res.body.error.details.unknownUnits).toEqual(['Phòng Không Tồn Tại']);
    expect(res.body.error.details.unknownAreas).toEqual(['Lĩnh vực mới']);
    expect(res.body.error.message).toMatch(/^Tệp có 3 lỗi, chưa nhập nhiệm vụ nào\. Dòng 3, cột «Thời hạn»/);
    expect((await office.json('GET', '/api/plans')).body).toHaveLength(1);

    // Offered for creation: the same file with createUnknown, once the date is fixed.
    rows[1][6] = '28/02/2027';
    const ok = await office.json('POST', '/api/plans/import', form(await workbookBytes([TEMPLATE_HEADER, ...rows]), { year: '2027', createUnknown: 'true' }));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.plan).toMatchObject({ id: 'stp-2027', status: 'draft', year: 2027 });
    expect(ok.body.plan.units.at(-1)).toMatchObject({ name: 'Phòng Không Tồn Tại', code: 'PKTT' });
    expect(ok.body.plan.areas.at(-1)).toMatchObject({ name: 'Lĩnh vực mới', code: '8' });
    expect(ok.body.plan.tasks.map((t: any) => t.deadline)).toEqual(['2027-01-15', '2027-02-28', '2027-03-15']);
    expect(ok.body.plan.tasks[0].coordinatingUnitIds).toEqual(['TTR']);
  });

  it('imports 500 rows as a draft, every row a task (its time is measured by npm run bench:import)', async () => {
    const rows = goodRows(500);
    const bytes = await workbookBytes([TEMPLATE_HEADER, ...rows]);
    const res = await leader.json('POST', '/api/plans/import', form(bytes, { year: '2028', title: 'Kế hoạch CCHC năm 2028' }));
    expect(res.status).toBe(201);
    expect(res.body.plan).toMatchObject({ title: 'Kế hoạch CCHC năm 2028', status: 'draft' });
    expect(res.body.plan.tasks.map((t: any) => [t.code, t.title])).toEqual(rows.map((r) => [r[0], r[1]]));
  });
});

describe('emulation', () => {
  it('gives each unit a provisional verdict, final once the leader closes the year', async () => {
    const before = await head.json('GET', `/api/plans/${PLAN}/emulation`);
    expect(before.status).toBe(200);
    const hctp = before.body.find((v: any) => v.unitId === 'HCTP');
    expect(hctp).toMatchObject({ verdict: 'notEligible', final: false });
    expect(hctp.note).toContain('chưa hoàn thành');
    expect(before.body.every((v: any) => ['eligible', 'eligibleWithNote', 'notEligible'].includes(v.verdict))).toBe(true);
    const refused = await office.json('POST', `/api/plans/${PLAN}/events`, { type: 'CLOSE' });
    expect(refused.status).toBe(403);
    expect((await leader.json('POST', `/api/plans/${PLAN}/events`, { type: 'CLOSE' })).status).toBe(200);
    const after = await head.json('GET', `/api/plans/${PLAN}/emulation`);
    expect(after.body.every((v: any) => v.final)).toBe(true);
    expect(after.body.map((v: any) => v.verdict)).toEqual(before.body.map((v: any) => v.verdict));
  });

  it('the trend has a week per row with done and due', async () => {
    const res = await head.json('GET', `/api/plans/${PLAN}/trend?asOf=2026-06-30`);
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ start: '2025-12-29' });
    const last = res.body.filter((w: any) => w.doneCumulative !== null).at(-1);
    const progress = await head.json('GET', `/api/plans/${PLAN}/progress?asOf=2026-06-30`);
    expect(last.doneCumulative).toBe(progress.body.done);
  });
});
