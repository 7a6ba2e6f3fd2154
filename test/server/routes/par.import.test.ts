import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParIndex, ParNode } from '../../../machines/parApi';
import { LOG_FILE } from '../../../server/store/embedded/embeddedStore';
import { PLAN_ID } from '../../support/api';
import { openApp } from '../../support/inProcessApp';
import { repeated, ROWS_CHUNK, SHEET, templateParts, withSheet } from '../../support/officeBombs';
import { readWorkbook, workbookBytes } from '../../support/xlsx';

/**
 * POST /api/par/import and POST /api/dossiers/import through the app: a filled template makes a
 * draft index (or the year's dossier rows); a file with bad rows is a 400 naming each row and
 * column and stores nothing; a decompression bomb is refused by the shared office reader.
 */
let env: Awaited<ReturnType<typeof openApp>>;
type Client = Awaited<ReturnType<typeof env.as>>;
let leader: Client, coordinator: Client, hctp: Client;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const PAR_HEADER = ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Đơn vị chấm', 'Cách tính', 'Thang điểm'];
const PAR_ROWS = [
  ['1', 'Công tác chỉ đạo, điều hành CCHC', '3', '', '', ''],
  ['1.1', 'Ban hành kế hoạch CCHC năm', '1', 'VP', 'Tự chấm', ''],
  ['1.2', 'Mức độ hoàn thành kế hoạch CCHC', '2', 'Văn phòng Sở', 'Hoàn thành kế hoạch', '100%: 2; 80%: 1'],
  ['2', 'Cải cách thủ tục hành chính', '2,5', '', '', ''],
  ['2.1', 'Rà soát, đơn giản hóa TTHC', '1.5', 'HCTP', '', ''],
  ['2.2', 'Tỷ lệ hồ sơ giải quyết đúng hạn', '1', 'VP', 'Hồ sơ đúng hạn', '95%: 1; 90%: 0,5'],
  ['2.10', 'Công khai thủ tục hành chính', '0', 'HCTP', '', ''],
];

const COUNT_HEADERS = [
  'Kỳ trước chuyển sang', 'Tiếp nhận trực tuyến', 'Tiếp nhận trực tiếp, bưu chính', 'Giải quyết trước hạn', 'Giải quyết đúng hạn',
  'Giải quyết quá hạn', 'Đang giải quyết trong hạn', 'Đang giải quyết quá hạn', 'Hủy, dừng giải quyết', 'Số hóa khi tiếp nhận',
  'Số hóa kết quả', 'Kết quả đã trả', 'Số hóa cả đầu vào và đầu ra',
];
const DOSSIER_HEADER = ['Kỳ', 'Đơn vị', 'Nhóm thủ tục', ...COUNT_HEADERS];
// Article 002's year: 877 online of 14.712 received; 13.905 early of 13.989 resolved.
const YEAR_ROW = ['Y', '', '', 0, 877, '13.835', 13905, 17, 67, 702, 0, 21, 968, 39, 13985, 16];

function form(bytes: Uint8Array, fields: Record<string, string>): FormData {
  const data = new FormData();
  data.set('file', new File([bytes as Uint8Array<ArrayBuffer>], 'mau.xlsx', { type: XLSX }));
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}
const logSize = () => statSync(join(env.dataDir, LOG_FILE)).size;
const codes = (nodes: ParNode[]): string[] => nodes.flatMap((n) => [n.code, ...codes(n.children ?? [])]);

beforeAll(async () => {
  env = await openApp('2026-11-20T03:00:00.000Z');
  [leader, coordinator, hctp] = await Promise.all(['giamdoc', 'vanphong', 'truongphong.hctp'].map((u) => env.as(u)));
});
afterAll(() => env?.close());

describe('POST /api/par/import', () => {
  it('the template downloads with the columns API.md names and a guidance sheet', async () => {
    const res = await hctp.call('GET', '/api/par/template.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    const book = await readWorkbook(await res.arrayBuffer());
    expect((book.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(PAR_HEADER);
    expect(book.getWorksheet('Hướng dẫn')!.getCell(6, 1).value).toMatch(/100%: 1; 80%: 0,5/);
  });

  it('a filled template becomes a draft index on the plan of its year: tree from the codes, units by code or name, bands parsed', async () => {
    const rows = PAR_ROWS.slice(0, 6);
    const res = await leader.json<{ index: ParIndex }>('POST', '/api/par/import', form(await workbookBytes([PAR_HEADER, ...rows]), { year: '2026', title: 'Chỉ số CCHC 2026 (nhập từ tệp)' }));
    expect(res.status).toBe(201);
    const index = res.body.index;
    expect(index).toMatchObject({ year: 2026, planId: PLAN_ID, title: 'Chỉ số CCHC 2026 (nhập từ tệp)', status: 'draft', maxPoints: 5.5 });
    expect(codes(index.areas)).toEqual(['1', '1.1', '1.2', '2', '2.1', '2.2']);
    const [one, two] = index.areas;
    expect(one.children![1]).toMatchObject({ code: '1.2', unitId: 'VP', method: 'planCompletion', bands: [{ atLeast: 100, points: 2 }, { atLeast: 80, points: 1 }] });
    expect(two).toMatchObject({ maxPoints: 2.5 });
    expect(two.children![0]).toMatchObject({ code: '2.1', maxPoints: 1.5, unitId: 'HCTP', method: 'manual' });
    expect(two.children![1]).toMatchObject({ method: 'dossierOnTime', bands: [{ atLeast: 95, points: 1 }, { atLeast: 90, points: 0.5 }] });
    expect((await leader.json('GET', `/api/par/${index.id}`)).body).toMatchObject({ id: index.id, status: 'draft' });
  });

  it('bad rows: 400 naming each row and column, nothing stored', async () => {
    const bad = [
      PAR_HEADER,
      ['1', 'Công tác chỉ đạo', '3', 'VP', '', ''],
      ['1.1', 'Kế hoạch', '1,5', 'Phòng Không Có', '', ''],
      ['1.2', 'Hoàn thành', 'hai', 'VP', 'Tính nhẩm', ''],
      ['1.3', 'Hồ sơ', '1', 'VP', 'Hồ sơ đúng hạn', '95 phần trăm'],
      ['1.3', 'Trùng', '1', 'VP', '', ''],
    ];
    const before = logSize();
    const res = await coordinator.json('POST', '/api/par/import', form(await workbookBytes(bad), { year: '2026', title: 'x' }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toMatch(/^Tệp có 6 lỗi, chưa nhập tiêu chí nào\. Dòng 2, cột «Đơn vị chấm»/);
    expect(res.body.error.details.rows.map((r: any) => [r.row, r.column])).toEqual([
      [2, 'Đơn vị chấm'], [3, 'Đơn vị chấm'], [4, 'Điểm tối đa'], [4, 'Cách tính'], [5, 'Thang điểm'], [6, 'Mã'],
    ]);
    expect(logSize()).toBe(before);
  });

  it('a tree that does not add up is refused on the rows of the codes concerned', async () => {
    const res = await coordinator.json('POST', '/api/par/import', form(await workbookBytes([PAR_HEADER, ...PAR_ROWS.slice(0, 3), ['3.1', 'Mồ côi', '1', 'VP', '', ''], PAR_ROWS[6]]), { year: '2026' }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.rows).toEqual([
      { row: 5, column: 'Mã', message: 'Không có tiêu chí cha 3' },
      { row: 6, column: 'Mã', message: 'Không có tiêu chí cha 2' },
      { row: 6, column: 'Điểm tối đa', message: expect.stringMatching(/Điểm tối đa phải lớn hơn 0/) },
    ]);
  });

  it('a missing column, a unit head, a year with no plan: each refused with its reason', async () => {
    const noColumn = await coordinator.json('POST', '/api/par/import', form(await workbookBytes([PAR_HEADER.slice(0, 3), ['1', 'x', '1']]), { year: '2026' }));
    expect(noColumn.status).toBe(400);
    expect(noColumn.body.error.details.rows).toEqual([expect.objectContaining({ row: 1, column: 'Đơn vị chấm' })]);
    const good = await workbookBytes([PAR_HEADER, ...PAR_ROWS.slice(0, 3)]);
    expect((await hctp.json('POST', '/api/par/import', form(good, { year: '2026' }))).status).toBe(403);
    const noPlan = await coordinator.json('POST', '/api/par/import', form(good, { year: '2031' }));
    expect({ status: noPlan.status, message: noPlan.body.error.message }).toEqual({ status: 400, message: 'Chưa có kế hoạch CCHC năm 2031; hãy tạo hoặc nhập kế hoạch trước.' });
    expect((await coordinator.json('POST', '/api/par/import', form(good, { year: 'năm nay' }))).body.error.details).toEqual({ field: 'year' });
  });

  it('a decompression bomb is refused by the shared office reader before exceljs, nothing stored', async () => {
    const bomb = withSheet(await templateParts(2), repeated(SHEET, ROWS_CHUNK, 1200, { crc: false }));
    const before = logSize();
    const res = await coordinator.json('POST', '/api/par/import', form(bomb, { year: '2026' }));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/vượt giới hạn 20 MB dữ liệu/);
    const dossierBomb = await coordinator.json('POST', '/api/dossiers/import', form(bomb, { year: '2026' }));
    expect(dossierBomb.status).toBe(400);
    expect(dossierBomb.body.error.message).toMatch(/vượt giới hạn 20 MB dữ liệu/);
    expect(logSize()).toBe(before);
  });
});

describe('POST /api/dossiers/import', () => {
  it('the template names the period, unit and the thirteen counts', async () => {
    const book = await readWorkbook(await (await coordinator.call('GET', '/api/dossiers/template.xlsx')).arrayBuffer());
    expect((book.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(DOSSIER_HEADER);
  });

  it('one row per period and unit: stored, and the rates follow from the raw counts', async () => {
    const rows = [DOSSIER_HEADER, YEAR_ROW, ['Tháng 12', 'HCTP', 'Hộ tịch', 10, 5, 5, 12, 3, 0, 5, 0, 0, 0, 0, 15, 0]];
    expect((await hctp.json('POST', '/api/dossiers/import', form(await workbookBytes(rows), { year: '2026' }))).status).toBe(403);
    const res = await coordinator.json('POST', '/api/dossiers/import', form(await workbookBytes(rows), { year: '2026' }));
    expect(res.status).toBe(201);
    expect(res.body.rows).toEqual([
      expect.objectContaining({ year: 2026, period: 'Y', receivedOnline: 877, receivedDirect: 13835, by: expect.objectContaining({ username: 'vanphong' }) }),
      expect.objectContaining({ period: 'M12', unitId: 'HCTP', procedureGroup: 'Hộ tịch', carriedOver: 10 }),
    ]);
    const report = (await leader.json('GET', '/api/dossiers?year=2026&period=Y')).body;
    expect(report.totals).toMatchObject({ received: 14712, resolved: 13989 });
    expect(report.totals.rates.online).toBeCloseTo((877 / 14712) * 100, 10);
    expect(report.totals.rates.early).toBeCloseTo((13905 / 13989) * 100, 10);
  });

  it('bad rows: 400 with each row and column, nothing stored', async () => {
    const rows = [
      DOSSIER_HEADER,
      ['Quý V', '', '', ...YEAR_ROW.slice(3)],
      ['Q1', 'Phòng Không Có', '', ...YEAR_ROW.slice(3)],
      ['Q3', '', '', 0, 877, 13835, 13905, 17, 67, 702, 0, 20, 968, 39, 13985, 16],
      ['H1', '', '', 0, '1,5', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ];
    const before = logSize();
    const res = await coordinator.json('POST', '/api/dossiers/import', form(await workbookBytes(rows), { year: '2026' }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.rows.map((r: any) => [r.row, r.column.split('; ').at(-1)])).toEqual([
      [2, 'Kỳ'], [3, 'Đơn vị'], [4, 'Hủy, dừng giải quyết'], [5, 'Tiếp nhận trực tuyến'],
    ]);
    expect(res.body.error.details.rows[2].message).toMatch(/Tổng tiếp nhận \(14712\) phải bằng/);
    expect(logSize()).toBe(before);
  });
});
