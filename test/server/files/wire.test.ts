import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../support/api';
import { startServer, type RunningServer } from '../../support/server';
import { pdf } from './samples';

/**
 * Uploads over a real socket to a real server (MAX_FILE_MB=1): a body past the limit is answered
 * 413 while it is still being sent and the connection closed; a client that goes away halfway
 * leaves nothing behind.
 */
let server: RunningServer;
let cookie: string;
beforeAll(async () => {
  server = await startServer({ env: { MAX_FILE_MB: '1' } });
  cookie = (await ApiClient.login(server.url, 'truongphong.hctp')).cookie;
});
afterAll(() => server?.stop());

const listing = (sub: string) => readdirSync(join(server.dataDir, 'files', sub), { recursive: true }).length;
const BOUNDARY = 'tiendo-wire-test';
const head = (length?: number) =>
  `POST /api/files HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nCookie: ${cookie}\r\nX-Requested-With: tiendo\r\n` +
  `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\n${length === undefined ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`}\r\n\r\n`;
const partHead = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="lon.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;

describe('uploads on the wire', () => {
  it('413 while a chunked body of no declared length is still coming; nothing kept', async () => {
    const before = listing('uploads');
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    let answer = '';
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('data', (d) => (answer += d));
    socket.on('error', () => {});
    socket.write(head());
    // One chunk in one write: true when the socket takes more at once.
    const chunk = (b: Buffer | string) => socket.write(Buffer.concat([Buffer.from(`${Buffer.byteLength(b).toString(16)}\r\n`), Buffer.from(b), Buffer.from('\r\n')]));
    chunk(partHead);
    chunk(pdf());
    // Keep sending 64 KiB pieces until the server answers. The body never ends (no last chunk is
    // ever sent), so an answer at all proves the server judged it while it was still coming.
    const piece = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    while (!answer && sent < 256 * 1024 * 1024 && !socket.destroyed) {
      // Yield to the event loop after each piece, so an answer that has arrived is read.
      await new Promise<void>((resolve) => {
        if (chunk(piece)) return setImmediate(resolve);
        socket.once('drain', () => resolve());
        socket.once('close', () => resolve());
      });
      sent += piece.length;
    }
    socket.end();
    await closed;
    expect(answer, `sent ${sent}`).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toMatch(/payload_too_large/);
    expect(listing('uploads')).toBe(before);
    await expect.poll(() => listing('spool')).toBe(0);
  });

  it('a client that disconnects halfway leaves no spool file and no upload', async () => {
    const before = listing('uploads');
    const body = Buffer.concat([Buffer.from(partHead), pdf(), Buffer.alloc(600_000, 0x20), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(head(body.length));
    socket.write(body.subarray(0, 300_000));
    // The server has the first half when the spool file exists; then the client goes away.
    await expect.poll(() => listing('spool')).toBe(1);
    socket.destroy();
    await expect.poll(() => listing('spool')).toBe(0);
    expect(listing('uploads')).toBe(before);
    // The server is still serving.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
