import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { compose, type Composed } from '../../../server/compose';
import { ApiClient } from '../../support/api';
import { dropSchema, freshSchema, pgUrl } from '../../support/postgres';
import { form, pdf } from './samples';

/**
 * Files with PostgreSQL and two instances on one database: the seed's PDFs are in the database,
 * a file uploaded through one instance and attached there is served by the other, and an upload
 * nothing refers to is its uploader's alone on both.
 */
const url = pgUrl();
const schema = freshSchema();
let a: Composed;
let b: Composed;
const target = (c: Composed) => {
  const app = createApp(c.deps);
  return { url: 'http://tiendo.test', fetch: ((input: RequestInfo | URL, init?: RequestInit) => app.fetch(new Request(input, init), { incoming: { socket: { remoteAddress: '192.0.2.1' } } })) as typeof fetch };
};

describe.skipIf(!url)('files on PostgreSQL, two instances', () => {
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tiendo-pgfiles-'));
    a = await compose({ dataDir, databaseUrl: url, databaseSchema: schema, demoPassword: 'tiendo-demo', clock: () => new Date('2026-11-20T03:00:00Z') });
    b = await compose({ dataDir, databaseUrl: url, databaseSchema: schema, demoPassword: 'tiendo-demo', clock: () => new Date('2026-11-20T03:00:00Z') });
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (url) await dropSchema(url, schema);
  });

  it('serves on one instance what was uploaded and attached on the other', async () => {
    const onA = target(a);
    const onB = target(b);
    const headA = await ApiClient.login(onA, 'truongphong.hctp');
    const readerB = await ApiClient.login(onB, 'truongphong.cc1');
    const headB = await ApiClient.login(onB, 'truongphong.hctp');

    // The seed's evidence came into the database with the events.
    const seeded = (await readerB.plan()).tasks.find((t) => t.code === '1.1')!.files![0];
    const seededRes = await readerB.request('GET', `/api/files/${seeded.id}`);
    expect(seededRes.status).toBe(200);
    expect(Buffer.from(await seededRes.arrayBuffer()).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');

    const bytes = Buffer.concat([pdf('Hai phien ban'), Buffer.alloc(600_000, 0x20)]);
    const res = await onA.fetch(`${onA.url}/api/files`, { method: 'POST', headers: { 'X-Requested-With': 'tiendo', cookie: headA.cookie }, body: form(bytes, 'Báo cáo 3.2.pdf') });
    expect(res.status).toBe(201);
    const { file } = (await res.json()) as { file: { id: string } };
    // Not attached yet: the uploader reads it on either instance, another user on neither.
    expect((await headB.request('GET', `/api/files/${file.id}`)).status).toBe(200);
    expect((await readerB.request('GET', `/api/files/${file.id}`)).status).toBe(404);

    expect((await headA.send('3.2', { type: 'SUBMIT', files: [file.id] })).status).toBe(200);
    // Instance B may not have applied the SUBMIT yet: the file route catches up before refusing.
    const served = await readerB.request('GET', `/api/files/${file.id}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
    const range = await readerB.request('GET', `/api/files/${file.id}`, undefined, { range: 'bytes=262140-262150' });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer())).toEqual(bytes.subarray(262140, 262151));
  });
});
