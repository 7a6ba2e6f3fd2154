import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, taskId } from '../../support/api';
import { expectError, fingerprint, getHistory, getTask } from '../../support/expectApi';
import { startApp, type TestApp } from '../../support/app';
import { exe, form, jpeg, pdf, png, text, xlsx } from '../files/samples';

/**
 * API.md "Evidence files" in-process: upload (type judged from the bytes, size limit while
 * streaming, empty, interrupted), SUBMIT with files, who may read a file, and the answer's headers.
 * MAX_FILE_MB is lowered to 1 for this file so the limit is crossed with small bodies.
 */
process.env.MAX_FILE_MB = '1';
const LIMIT = 1024 * 1024;

let server: TestApp;
let hctp: ApiClient;
let cc1: ApiClient;
let vanphong: ApiClient;

beforeAll(async () => {
  server = await startApp({ now: '2026-11-20T03:00:00Z' });
  [hctp, cc1, vanphong] = await Promise.all(['truongphong.hctp', 'truongphong.cc1', 'vanphong'].map((u) => ApiClient.login(server, u)));
});
afterAll(() => server?.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const filesDir = (sub: string) => {
  try {
    return readdirSync(join(server.dataDir, 'files', sub), { recursive: true }).filter((n) => !String(n).match(/^[0-9a-f]{2}$/));
  } catch {
    return [];
  }
};
const kept = () => ({ uploads: filesDir('uploads').length, blobs: filesDir('blobs').length, spool: filesDir('spool').length });

async function upload(as: ApiClient, body: FormData | BodyInit, headers: Record<string, string> = {}) {
  const res = await server.fetch(`${server.url}/api/files`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'tiendo', cookie: as.cookie, ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const raw = await res.text();
  return { status: res.status, body: raw ? JSON.parse(raw) : undefined };
}

/** Runs a refused upload and asserts nothing was kept. */
async function refusedUpload(status: number, code: string, run: () => ReturnType<typeof upload>) {
  const before = kept();
  const error = expectError(await run(), status, code);
  expect(kept()).toEqual({ ...before, spool: 0 });
  return error;
}

const get = (as: ApiClient | undefined, id: string, headers: Record<string, string> = {}) =>
  server.fetch(`${server.url}/api/files/${id}`, { headers: { ...(as ? { cookie: as.cookie } : {}), ...headers } });

describe('POST /api/files', () => {
  it('stores a PDF and answers its FileRef, the Vietnamese name kept', async () => {
    const bytes = pdf();
    const res = await upload(hctp, form(bytes, 'Báo cáo kết quả CCHC quý 3.pdf'));
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(['file']);
    expect(res.body.file).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), sha256: sha(bytes), name: 'Báo cáo kết quả CCHC quý 3.pdf', type: 'application/pdf', size: bytes.length });
  });

  it('judges the type from the bytes, not the name or the declared type', async () => {
    const image = await upload(hctp, form(png(), 'bien-ban.pdf', 'application/pdf'));
    expect(image.status).toBe(201);
    expect(image.body.file.type).toBe('image/png');
    expect((await upload(hctp, form(jpeg(), 'anh hien truong'))).body.file.type).toBe('image/jpeg');
    expect((await upload(hctp, form(await xlsx(), 'so-lieu.bin'))).body.file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('415 for another type, whatever it is called', async () => {
    await refusedUpload(415, 'unsupported_media_type', () => upload(hctp, form(text(), 'bao-cao.pdf', 'application/pdf')));
    await refusedUpload(415, 'unsupported_media_type', () => upload(hctp, form(exe(), 'quyet-dinh.docx')));
  });

  it('400 for an empty file, a body that is not multipart, or no field «file»', async () => {
    await refusedUpload(400, 'bad_request', () => upload(hctp, form(Buffer.alloc(0), 'rong.pdf')));
    await refusedUpload(400, 'bad_request', () => upload(hctp, JSON.stringify({ file: 'x' }), { 'content-type': 'application/json' }));
    const other = new FormData();
    other.append('tep', new Blob([new Uint8Array(pdf())]), 'a.pdf');
    await refusedUpload(400, 'bad_request', () => upload(hctp, other));
  });

  it('413 over MAX_FILE_MB, by the declared length and while streaming a body of no declared length', async () => {
    const big = Buffer.concat([pdf(), Buffer.alloc(LIMIT)]);
    await refusedUpload(413, 'payload_too_large', () => upload(hctp, form(big, 'lon.pdf')));
    // A chunked body: the limit is found only by counting while it streams.
    const encoded = new Response(form(big, 'lon.pdf'));
    const type = encoded.headers.get('content-type')!;
    await refusedUpload(413, 'payload_too_large', () => upload(hctp, encoded.body!, { 'content-type': type }));
    // Exactly at the limit is accepted.
    const exact = Buffer.concat([pdf(), Buffer.alloc(LIMIT - pdf().length)]);
    expect((await upload(hctp, form(exact, 'vua-du.pdf'))).status).toBe(201);
  });

  it('a body that breaks off halfway leaves nothing behind', async () => {
    const encoded = new Response(form(Buffer.concat([pdf(), Buffer.alloc(200_000)]), 'dut.pdf'));
    const type = encoded.headers.get('content-type')!;
    const whole = Buffer.from(await encoded.arrayBuffer());
    let sent = false;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(whole.subarray(0, 100_000));
        } else controller.error(new Error('client went away'));
      },
    });
    await refusedUpload(400, 'bad_request', () => upload(hctp, broken, { 'content-type': type }));
  });

  it('401 without a session', async () => {
    const res = await server.fetch(`${server.url}/api/files`, { method: 'POST', headers: { 'X-Requested-With': 'tiendo' }, body: form(pdf(), 'a.pdf') });
    expect(res.status).toBe(401);
  });
});

describe('GET /api/files/:id', () => {
  it('serves the uploader its bytes with nosniff, inline disposition, filename*, ETag and Range', async () => {
    const bytes = pdf('Ke hoach');
    const { file } = (await upload(hctp, form(bytes, 'Kế hoạch số 1.pdf'))).body;
    const res = await get(hctp, file.id);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="Ke hoach so 1.pdf"; filename*=UTF-8''${encodeURIComponent('Kế hoạch số 1.pdf')}`);
    expect(res.headers.get('etag')).toBe(`"${file.sha256}"`);
    const part = await get(hctp, file.id, { range: 'bytes=0-7' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-7/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).toString('latin1')).toBe('%PDF-1.4');
    const tail = await get(hctp, file.id, { range: 'bytes=-6' });
    expect(Buffer.from(await tail.arrayBuffer()).toString('latin1')).toBe('%%EOF\n');
    expect((await get(hctp, file.id, { range: `bytes=${bytes.length}-` })).status).toBe(416);
    expect((await get(hctp, file.id, { 'if-none-match': `"${file.sha256}"` })).status).toBe(304);
  });

  it('a spreadsheet is an attachment', async () => {
    const { file } = (await upload(hctp, form(await xlsx(), 'Số liệu.xlsx'))).body;
    expect((await get(hctp, file.id)).headers.get('content-disposition')).toMatch(/^attachment; /);
  });

  it('404 for an id that does not exist, one that is no id, and without a session 401', async () => {
    expectError({ status: (await get(hctp, 'AAAAAAAAAAAAAAAAAAAAAA')).status, body: await (await get(hctp, 'AAAAAAAAAAAAAAAAAAAAAA')).json() }, 404, 'not_found');
    expect((await get(hctp, '..%2F..%2Faccounts.json')).status).toBe(404);
    expect((await get(undefined, 'AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(401);
  });
});

describe('SUBMIT with files, and who may read them', () => {
  it('another unit head gets 404 for an upload nothing refers to yet, then reads it once a task it may read holds it', async () => {
    const bytes = pdf('Bao cao 3.2');
    const { file } = (await upload(hctp, form(bytes, 'Báo cáo 3.2.pdf'))).body;
    expect((await get(cc1, file.id)).status).toBe(404);
    expect((await get(vanphong, file.id)).status).toBe(404);

    const before = await getTask(hctp, '3.2');
    const res = await hctp.send('3.2', { type: 'SUBMIT', files: [file.id], expectedVersion: before.version });
    expect(res.status).toBe(200);
    expect(res.body.task.state).toBe('inReview');
    expect(res.body.task.evidence).toBeUndefined();
    expect(res.body.task.files).toEqual([{ ...file, at: '2026-11-20T03:00:00.000Z', by: { id: 'u-truongphong.hctp', username: 'truongphong.hctp' } }]);
    const history = await getHistory(vanphong, '3.2');
    expect(history.at(-1)).toMatchObject({ type: 'SUBMIT', files: [file] });

    const read = await get(cc1, file.id);
    expect(read.status).toBe(200);
    expect(Buffer.from(await read.arrayBuffer())).toEqual(bytes);
    expect((await get(vanphong, file.id)).status).toBe(200);
  });

  it('400 naming a file id that does not exist or that another user uploaded and nothing refers to; nothing changes', async () => {
    const other = (await upload(cc1, form(pdf('CC1'), 'cua-cc1.pdf'))).body.file;
    const ret = await vanphong.send('3.2', { type: 'RETURN', reason: 'Bổ sung phụ lục' });
    expect(ret.status).toBe(200);
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', other.id, 'không-phải-id']) {
      const before = await fingerprint(vanphong, '3.2');
      const res = await hctp.send('3.2', { type: 'SUBMIT', evidence: 'Báo cáo số 5', files: [id] });
      const error = expectError(res, 400, 'bad_request');
      expect(error.message).toContain(id);
      expect(error.details).toMatchObject({ field: 'files', fileId: id });
      expect(await fingerprint(vanphong, '3.2')).toEqual(before);
    }
    // The other unit head's upload stays theirs alone.
    expect((await get(hctp, other.id)).status).toBe(404);
    expect((await get(cc1, other.id)).status).toBe(200);
  });

  it('SUBMIT needs evidence text or at least one file; files go only with SUBMIT', async () => {
    const empty = await hctp.send('3.2', { type: 'SUBMIT', files: [] });
    expect(expectError(empty, 400, 'bad_request').details).toEqual({ field: 'evidence' });
    const { file } = (await upload(vanphong, form(png(), 'anh.png'))).body;
    const wrong = await vanphong.send('3.3', { type: 'RETURN', reason: 'Thiếu', files: [file.id] });
    expect(expectError(wrong, 400, 'bad_request').details).toEqual({ field: 'files' });
    const task = await getTask(vanphong, '3.3');
    expect(task.state).toBe('inReview');
    expect(taskId('3.3')).toBe(task.id);
  });
});
