import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_PARSE_GATE } from '../../../server/office/parseGate';
import { IMPORT_UPLOADS } from '../../../server/routes/uploadForm';
import { LOG_FILE } from '../../../server/store/embedded/embeddedStore';
import { openApp } from '../../support/inProcessApp';
import { deflated, repeated, ROWS_CHUNK, SHEET, SHEET_CLOSE, SHEET_OPEN, templateParts, withSheet, zipOf, type ZipPart } from '../../support/officeBombs';

/**
 * POST /api/plans/import with generated decompression bombs (issue 20), through the real app in
 * process: each is a 400 whose message names the limit, and nothing is stored; a full parse gate is
 * a 429 with Retry-After; a good file still imports afterwards.
 */
let env: Awaited<ReturnType<typeof openApp>>;
let office: Awaited<ReturnType<typeof env.as>>;
let parts: ZipPart[];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  env = await openApp('2026-11-23T03:00:00Z');
  office = await env.as('vanphong');
  parts = await templateParts(2);
});
afterAll(() => env?.close());

function form(bytes: Uint8Array): FormData {
  const data = new FormData();
  data.set('file', new File([bytes as Uint8Array<ArrayBuffer>], 'ke-hoach.xlsx', { type: XLSX }));
  data.set('year', '2027');
  return data;
}

const logSize = () => statSync(join(env.dataDir, LOG_FILE)).size;

async function expectNothingStored<T>(post: () => Promise<T>): Promise<T> {
  const plans = (await office.json('GET', '/api/plans')).body.length;
  const log = logSize();
  const res = await post();
  expect((await office.json('GET', '/api/plans')).body).toHaveLength(plans);
  expect(logSize()).toBe(log);
  return res;
}

const bombs: Array<[string, () => Uint8Array, RegExp]> = [
  ['a part that lies about its size', () => {
    const bomb = repeated(SHEET, 'x'.repeat(1 << 20), 1024, { crc: false });
    return withSheet(parts, { ...bomb, size: bomb.stored.length });
  }, /khai sai kích thước/],
  ['a part of 800 MB declared', () => withSheet(parts, repeated(SHEET, ROWS_CHUNK, 1200, { crc: false })), /vượt giới hạn 20 MB dữ liệu/],
  ['a part at over 100 : 1', () => withSheet(parts, repeated(SHEET, ROWS_CHUNK, 6)), /vượt giới hạn 100 : 1/],
  ['many small entries', () => zipOf([...parts, ...Array.from({ length: 5000 }, (_, i) => deflated(`xl/media/p${i}.xml`, '<a/>'))]), /vượt giới hạn 1\.000 phần/],
  ['deep XML nesting', () => withSheet(parts, deflated(SHEET, `${SHEET_OPEN}${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}${SHEET_CLOSE}`)), /lồng sâu hơn 64 cấp/],
  ['a sheet of a million empty rows', () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 1}"/>`).join('');
    return withSheet(parts, deflated(SHEET, `${SHEET_OPEN}${rows}${SHEET_CLOSE}`));
  }, /hơn 5\.000 dòng/],
];

describe('POST /api/plans/import refuses decompression bombs', () => {
  it.each(bombs)('%s: 400 naming the limit, nothing stored', async (_, bomb, message) => {
    const bytes = bomb();
    expect(bytes.byteLength).toBeLessThan(5 * 1024 * 1024);
    const res = await expectNothingStored(() => office.json('POST', '/api/plans/import', form(bytes)));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 429 with Retry-After while the instance is parsing its fill, then imports', async () => {
    const good = zipOf(parts);
    // Take every slot and queue place of the instance's gate, as concurrent imports would.
    const held = [await OFFICE_PARSE_GATE.enter()];
    const queued = Array.from({ length: OFFICE_PARSE_GATE.waiting }, () => OFFICE_PARSE_GATE.enter());
    const res = await expectNothingStored(async () => office.call('POST', '/api/plans/import', form(good)));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as any).error.code).toBe('rate_limited');
    // A bomb is judged on its directory before it waits for a slot: refused at once, not queued.
    const bomb = await office.json('POST', '/api/plans/import', form(withSheet(parts, repeated(SHEET, ROWS_CHUNK, 1200, { crc: false }))));
    expect(bomb.status).toBe(400);
    held[0]();
    for (const slot of queued) (await slot)();

    const ok = await office.json('POST', '/api/plans/import', form(good));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.plan.tasks).toHaveLength(2);
  });

  it('holds at most four import bodies at once: the fifth is 429 before its body is read', async () => {
    const held = await Promise.all(Array.from({ length: IMPORT_UPLOADS.active }, () => IMPORT_UPLOADS.enter()));
    const res = await expectNothingStored(async () => office.call('POST', '/api/plans/import', form(zipOf(parts))));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    for (const release of held) release();
    expect((await office.json('POST', '/api/plans/import', form(zipOf(parts)))).status).toBe(201);
  });
});
