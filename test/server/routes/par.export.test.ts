import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../support/inProcessApp';
import { readWorkbook } from '../../support/xlsx';

/**
 * GET /api/par/:id/export.xlsx: the self-assessment table as cells: the template's columns first,
 * every criterion with its self and appraised points, then the totals and the index with the
 * plan's percent rule (2 decimals, half up).
 */
let env: Awaited<ReturnType<typeof openApp>>;
const CRITERIA = [
  { code: '1', title: 'Công tác chỉ đạo, điều hành CCHC', maxPoints: 3 },
  { code: '1.1', title: 'Ban hành kế hoạch CCHC năm', maxPoints: 1, unitId: 'VP', method: 'manual' },
  { code: '1.2', title: 'Mức độ hoàn thành kế hoạch CCHC', maxPoints: 2, unitId: 'VP', method: 'planCompletion', bands: [{ atLeast: 100, points: 2 }, { atLeast: 80, points: 1 }] },
  { code: '2', title: 'Cải cách thủ tục hành chính', maxPoints: 2.5 },
  { code: '2.1', title: 'Rà soát, đơn giản hóa TTHC', maxPoints: 1.5, unitId: 'HCTP', method: 'manual' },
  { code: '2.2', title: 'Công khai thủ tục hành chính', maxPoints: 1, unitId: 'HCTP', method: 'manual' },
];

beforeAll(async () => {
  env = await openApp('2026-11-20T03:00:00.000Z');
});
afterAll(() => env?.close());

describe('GET /api/par/:id/export.xlsx', () => {
  it('carries every criterion, self vs appraised, the totals and the index', async () => {
    const [leader, coordinator, hctp, vp] = await Promise.all(['giamdoc', 'vanphong', 'truongphong.hctp', 'truongphong.vp'].map((u) => env.as(u)));
    const { id } = (await coordinator.json('POST', '/api/par', { year: 2026, title: 'Chỉ số CCHC 2026', criteria: CRITERIA })).body.index;
    await coordinator.json('POST', `/api/par/${id}/events`, { type: 'START_SCORING' });
    await vp.json('PUT', `/api/par/${id}/criteria/1.1/score`, { score: 1, explanation: 'Kế hoạch 15/KH-STP' });
    await hctp.json('PUT', `/api/par/${id}/criteria/2.1/score`, { score: 1.25, explanation: 'Đã rà soát 12/14 thủ tục' });
    await hctp.json('PUT', `/api/par/${id}/criteria/2.2/score`, { score: 0.75, explanation: 'Công khai chưa đủ' });
    expect((await leader.json('POST', `/api/par/${id}/events`, { type: 'SUBMIT' })).status).toBe(200);
    for (const [code, score] of [['1.1', 1], ['1.2', 0], ['2.1', 1], ['2.2', 0.5]] as const) {
      expect((await coordinator.json('PUT', `/api/par/${id}/criteria/${code}/appraisal`, { score })).status).toBe(200);
    }

    const res = await hctp.call('GET', `/api/par/${id}/export.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`chi-so-cchc-${id}.xlsx`);
    const sheet = (await readWorkbook(await res.arrayBuffer())).getWorksheet('Bảng tự đánh giá')!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1, 10);
    expect(row(1)).toEqual(['Mã', 'Tiêu chí', 'Điểm tối đa', 'Đơn vị chấm', 'Cách tính', 'Thang điểm', 'Tự chấm', 'Thẩm định', 'Chênh lệch']);
    // Self 1 + 0 (the seeded plan is far below 80 % on 20/11) + 1,25 + 0,75 = 3; appraised 2,5.
    expect(row(2)).toEqual(['1', 'Công tác chỉ đạo, điều hành CCHC', 3, undefined, undefined, undefined, 1, 1, 0]);
    expect(row(4)).toEqual(['1.2', '  Mức độ hoàn thành kế hoạch CCHC', 2, 'Văn phòng Sở', 'Hoàn thành kế hoạch', '100%: 2; 80%: 1', 0, 0, 0]);
    expect(row(6)).toEqual(['2.1', '  Rà soát, đơn giản hóa TTHC', 1.5, 'Phòng Hành chính tư pháp', 'Tự chấm', undefined, 1.25, 1, -0.25]);
    expect(sheet.getCell('J6').value).toBe('Đã rà soát 12/14 thủ tục');
    expect(row(8)).toEqual([undefined, 'Tổng cộng', 5.5, undefined, undefined, undefined, 3, 2.5, -0.5]);
    // 3 ÷ 5,5 = 54,5454… % → 54,55 %; 2,5 ÷ 5,5 = 45,4545… % → 45,45 %.
    expect(sheet.getCell('B9').value).toMatch(/^Chỉ số/);
    expect(sheet.getCell('G9').value).toBeCloseTo(0.5455, 10);
    expect(sheet.getCell('G9').numFmt).toBe('0.00%');
    expect(sheet.getCell('H9').value).toBeCloseTo(0.4545, 10);
  });
});
