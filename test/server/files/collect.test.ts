import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedFileStore } from '../../../server/files/embeddedFiles';
import { Files } from '../../../server/files/service';
import { ApiClient } from '../../support/api';
import { startApp, type TestApp } from '../../support/app';
import { form, pdf, png } from './samples';

/** The collector: an upload no accepted event refers to is removed after 24 hours; attached ones stay. */
let server: TestApp;
let hctp: ApiClient;
beforeAll(async () => {
  server = await startApp({ now: '2026-11-20T03:00:00Z' });
  hctp = await ApiClient.login(server, 'truongphong.hctp');
});
afterAll(() => server?.close());

async function upload(bytes: Buffer, name: string) {
  const res = await server.fetch(`${server.url}/api/files`, { method: 'POST', headers: { 'X-Requested-With': 'tiendo', cookie: hctp.cookie }, body: form(bytes, name) });
  return ((await res.json()) as { file: { id: string; sha256: string } }).file;
}

describe('collecting unclaimed uploads', () => {
  it('keeps them for 24 hours, then removes the unattached ones and their bytes; attached files stay', async () => {
    const attached = await upload(pdf('Dinh kem'), 'dinh-kem.pdf');
    const loose = await upload(png(), 'anh-le.png');
    expect((await hctp.send('3.2', { type: 'SUBMIT', files: [attached.id] })).status).toBe(200);
    const store = new EmbeddedFileStore(server.dataDir);
    const files = new Files(store, server.deps.engine);
    const at = (hours: number) => new Date(Date.parse('2026-11-20T03:00:00Z') + hours * 3_600_000);

    expect(await files.collect(at(23))).toEqual({ uploads: 0, blobs: 0 });
    expect((await hctp.request('GET', `/api/files/${loose.id}`)).status).toBe(200);

    // The bytes of a removed upload go once they are settled (an hour old on disk).
    const old = new Date(Date.now() - 2 * 3_600_000);
    for (const sha of [attached.sha256, loose.sha256]) utimesSync(join(server.dataDir, 'files', 'blobs', sha.slice(0, 2), sha), old, old);
    expect(await files.collect(at(25))).toEqual({ uploads: 1, blobs: 1 });
    expect((await hctp.request('GET', `/api/files/${loose.id}`)).status).toBe(404);
    expect(await store.has(loose.sha256)).toBe(false);
    expect((await hctp.request('GET', `/api/files/${attached.id}`)).status).toBe(200);
    expect(await store.has(attached.sha256)).toBe(true);
    // The seeded evidence, attached long ago, is untouched.
    const plan = await hctp.plan();
    const seeded = plan.tasks.find((t) => t.state === 'done')!.files![0];
    expect((await hctp.request('GET', `/api/files/${seeded.id}`)).status).toBe(200);
  });
});
