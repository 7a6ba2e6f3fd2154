import { connect } from 'node:net';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWithApiErrors } from '../../../server/http/adapterErrors';
import { ApiClient } from '../../support/api';
import { startApp, type TestApp } from '../../support/app';
import { taskPath } from '../../support/expectApi';

/**
 * What happens on the wire, below the app: the real app behind the real Node adapter
 * (serveWithApiErrors, as server/main.ts serves it), talked to over raw TCP.
 */
let app: TestApp;
let server: Server;
let port: number;
let hctp: ApiClient;

beforeAll(async () => {
  app = await startApp({ now: '2026-11-20T03:00:00Z' });
  server = await new Promise<Server>((resolve) => {
    const s = serveWithApiErrors({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
  hctp = await ApiClient.login(`http://127.0.0.1:${port}`, 'truongphong.hctp');
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await app.close();
});

interface Exchange {
  /** Everything the server sent before closing. */
  text: string;
  /** How the connection ended: the server closed it cleanly, or it was reset. */
  ending: 'end' | 'reset';
}

/** Writes raw bytes on one connection; collects everything the server sends until it closes the connection. */
function exchange(chunks: Array<string | Buffer>): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let done = false;
    const finish = (ending: Exchange['ending']) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ text, ending });
    };
    socket.on('data', (d) => (text += d.toString('utf8')));
    socket.on('end', () => finish('end'));
    socket.on('error', () => finish('reset'));
    socket.on('connect', () => {
      for (const c of chunks) socket.write(c);
    });
    socket.on('close', () => finish('end'));
  });
}

const statuses = (text: string) => [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
const bodyOf = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4).split('\r\n')[0] || text.slice(text.indexOf('\r\n\r\n') + 4));

describe('413 on a keep-alive connection', () => {
  it('is answered with Connection: close and a clean close, so the client retries on a new connection', async () => {
    const big = JSON.stringify({ type: 'SUBMIT', evidence: 'x'.repeat(70 * 1024) });
    const head = (len: number) =>
      `POST ${taskPath('3.2')}/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
      `X-Requested-With: tiendo\r\nCookie: ${hctp.cookie}\r\nConnection: keep-alive\r\nContent-Length: ${len}\r\n\r\n`;
    const small = JSON.stringify({ type: 'SUBMIT', evidence: 'Báo cáo 3.2' });
    const res = await exchange([head(Buffer.byteLength(big)) + big, head(Buffer.byteLength(small)) + small]);
    expect(res.ending).toBe('end');
    expect(statuses(res.text)).toEqual([413]);
    expect(res.text).toMatch(/^connection: close\r$/im);
    expect(res.text).toContain('"code":"payload_too_large"');
    // The second request was not taken from the rest of the first one: nothing was moved.
    expect((await hctp.json<any>('GET', taskPath('3.2'))).body.state).toBe('inProgress');
  });

  it('leaves a fetch client able to send its next move', async () => {
    const tooBig = await hctp.json<any>('POST', `${taskPath('3.4')}/events`, { type: 'SUBMIT', evidence: 'x'.repeat(70 * 1024) });
    expect(tooBig.status).toBe(413);
    const next = await hctp.send('3.4', { type: 'SUBMIT', evidence: 'Báo cáo 3.4' });
    expect(next.status).toBe(200);
  });
});

describe('requests the adapter refuses', () => {
  it.each([
    ['a backslash in the path', `GET /api\\..\\plans HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`],
    ['a bad Host', `GET /api/health HTTP/1.1\r\nHost: evil.example/x?y\r\nConnection: close\r\n\r\n`],
    ['a malformed request line', `GET /api/health HTTP/9\r\n\r\n`],
    ['a header with a forbidden character', `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: a\x01b\r\n\r\n`],
  ])('%s gets 400 in the API error shape', async (_what, raw) => {
    const res = await exchange([raw + '']);
    expect(statuses(res.text)).toEqual([400]);
    expect(res.text).toMatch(/^content-type: application\/json/im);
    const body = bodyOf(res.text);
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message.length).toBeGreaterThan(0);
  });
});
