import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PLAN_ID } from '../support/api';
import { dropSchema, freshSchema, pgUrl } from '../support/postgres';
import { startServer, type RunningServer } from '../support/server';
import { workbookBytes } from '../support/xlsx';

/**
 * The PAR Index and the dossier figures on PostgreSQL, two server processes on one database: an
 * index imported through A is scored through B, dossier figures imported through B move A's
 * computed leaf, and a restart of A rebuilds it all from the database.
 */
const url = pgUrl();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function upload(client: ApiClient, server: RunningServer, path: string, bytes: Uint8Array, fields: Record<string, string>) {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], 'mau.xlsx', { type: XLSX }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await fetch(`${server.url}${path}`, { method: 'POST', body: form, headers: { cookie: client.cookie!, 'X-Requested-With': 'tiendo' } });
  return { status: res.status, body: (await res.json()) as any };
}

describe.skipIf(!url)('PAR Index on two instances over one PostgreSQL', () => {
  const schema = freshSchema();
  let a: RunningServer;
  let b: RunningServer;
  const env = { DATABASE_URL: url!, DATABASE_SCHEMA: schema, TIENDO_NOW: '2026-11-20T10:00:00+07:00' };

  beforeAll(async () => {
    a = await startServer({ env });
    b = await startServer({ env });
  }, 60_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await dropSchema(url!, schema);
  });

  it('import on A, score on B, dossier figures on B move A\'s computed leaf, and a restart keeps it all', async () => {
    const [coordA, coordB, hctpB] = await Promise.all([
      ApiClient.login(a.url, 'vanphong'), ApiClient.login(b.url, 'vanphong'), ApiClient.login(b.url, 'truongphong.hctp'),
    ]);
    const rows = [
      ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Đơn vị chấm', 'Cách tính', 'Thang điểm'],
      ['1', 'Cải cách thủ tục hành chính', '2,5', '', '', ''],
      ['1.1', 'Rà soát, đơn giản hóa TTHC', '1,5', 'HCTP', '', ''],
      ['1.2', 'Tỷ lệ hồ sơ giải quyết đúng hạn', '1', 'VP', 'Hồ sơ đúng hạn', '95%: 1; 90%: 0,5'],
    ];
    const imported = await upload(coordA, a, '/api/par/import', await workbookBytes(rows), { year: '2026', title: 'Chỉ số CCHC 2026' });
    expect(imported.status).toBe(201);
    const id: string = imported.body.index.id;
    expect(imported.body.index.planId).toBe(PLAN_ID);

    await expect.poll(async () => (await coordB.json<any>('GET', `/api/par/${id}`)).status, { timeout: 5000 }).toBe(200);
    expect((await coordB.json('POST', `/api/par/${id}/events`, { type: 'START_SCORING' })).status).toBe(200);
    const scored = await hctpB.json<any>('PUT', `/api/par/${id}/criteria/1.1/score`, { score: 1.25, explanation: 'Đã rà soát 12/14 thủ tục' });
    expect(scored.status).toBe(200);

    // A year's row where 12.917 of 13.989 were on time or early: 92,34 % → the 90 % band's 0,5.
    const header = ['Kỳ', 'Đơn vị', 'Nhóm thủ tục', 'Kỳ trước chuyển sang', 'Tiếp nhận trực tuyến', 'Tiếp nhận trực tiếp, bưu chính', 'Giải quyết trước hạn',
      'Giải quyết đúng hạn', 'Giải quyết quá hạn', 'Đang giải quyết trong hạn', 'Đang giải quyết quá hạn', 'Hủy, dừng giải quyết', 'Số hóa khi tiếp nhận',
      'Số hóa kết quả', 'Kết quả đã trả', 'Số hóa cả đầu vào và đầu ra'];
    const dossiers = await upload(coordB, b, '/api/dossiers/import', await workbookBytes([header, ['Cả năm', '', '', 0, 877, 13835, 12000, 917, 1072, 702, 0, 21, 968, 39, 13985, 16]]), { year: '2026' });
    expect(dossiers.status).toBe(201);

    const leaf = (index: any, code: string) => index.areas[0].children.find((c: any) => c.code === code);
    await expect.poll(async () => {
      const index = (await coordA.json<any>('GET', `/api/par/${id}`)).body;
      return [leaf(index, '1.1')?.selfScore, leaf(index, '1.2')?.selfScore, index.selfPoints];
    }, { timeout: 5000 }).toEqual([1.25, 0.5, 1.75]);

    await a.stop();
    a = await startServer({ env });
    const again = await ApiClient.login(a.url, 'giamdoc');
    const index = (await again.json<any>('GET', `/api/par/${id}`)).body;
    expect(index).toMatchObject({ status: 'scoring', selfPoints: 1.75, maxPoints: 2.5 });
    expect(leaf(index, '1.1').explanation).toBe('Đã rà soát 12/14 thủ tục');
    const history = (await again.json<any[]>('GET', `/api/par/${id}/history`)).body;
    expect(history.map((h) => h.type)).toEqual(['CREATE', 'START_SCORING', 'SCORE']);
  }, 120_000);
});
