import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionConfig } from '../../../server/store/postgres/connect';
import { ApiClient } from '../../support/api';
import { startApp } from '../../support/app';
import { dropSchema, freshSchema, pgUrl } from '../../support/postgres';
import { storeTool } from '../../support/storeTools';
import { form, pdf } from '../files/samples';

/**
 * The files half of the store tools, as an operator runs them: store:verify re-hashes every file
 * the chain names and names the first one altered, on both stores; store:copy copies the files.
 */

let dataDir: string;
let sha256: string;

/** A store where a unit head submitted task 3.2 with a PDF, through the real routes. */
beforeAll(async () => {
  const server = await startApp({ now: '2026-11-20T03:00:00Z' });
  const hctp = await ApiClient.login(server, 'truongphong.hctp');
  const res = await server.fetch(`${server.url}/api/files`, { method: 'POST', headers: { 'X-Requested-With': 'tiendo', cookie: hctp.cookie }, body: form(pdf('Bao cao 3.2'), 'Báo cáo 3.2.pdf') });
  const { file } = await res.json();
  sha256 = file.sha256;
  expect((await hctp.send('3.2', { type: 'SUBMIT', files: [file.id] })).status).toBe(200);
  await server.close();
  dataDir = server.dataDir;
});

const blobPath = () => join(dataDir, 'files', 'blobs', sha256.slice(0, 2), sha256);

const url = pgUrl();
const schemas: string[] = [];
afterAll(async () => {
  for (const s of schemas) await dropSchema(url!, s);
});

describe.skipIf(!url)('store:copy and store:verify with files', () => {
  it('copies the files into PostgreSQL; verify passes there, then names a file altered in the database', async () => {
    const schema = freshSchema();
    schemas.push(schema);
    const copy = await storeTool('storeCopy', ['--to', url!, '--from', dataDir, '--schema', schema]);
    expect(copy.out).toMatch(/copied \d+ evidence files/);
    expect(copy.code).toBe(0);
    const ok = await storeTool('storeVerify', ['--db', url!, '--schema', schema]);
    expect(ok.out).toMatch(/files intact: 19 named by events/);
    expect(ok.code).toBe(0);

    const client = new pg.Client({ ...connectionConfig(url!), options: `-c search_path=${schema}` });
    await client.connect();
    await client.query("UPDATE tiendo_file_chunks SET data = overlay(data placing '\\x41'::bytea from 30) WHERE sha256 = $1 AND n = 0", [sha256]);
    await client.end();
    const broken = await storeTool('storeVerify', ['--db', url!, '--schema', schema]);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/chain intact/);
    expect(broken.out).toMatch(/file «Báo cáo 3\.2\.pdf» .* is ALTERED/);
  });
});

describe('store:verify on the embedded store', () => {
  it('passes with the file as stored, names it once its bytes are altered, and when it is missing', async () => {
    const ok = await storeTool('storeVerify', ['--data', dataDir]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/files intact: 19 named by events, 19 stored/);

    writeFileSync(blobPath(), pdf('Bao cao DA SUA'));
    const altered = await storeTool('storeVerify', ['--data', dataDir]);
    expect(altered.code).toBe(1);
    expect(altered.out).toMatch(/file «Báo cáo 3\.2\.pdf» .*named by entry \d+\) is ALTERED/);

    const { rmSync } = await import('node:fs');
    rmSync(blobPath());
    expect(readdirSync(join(dataDir, 'files', 'blobs', sha256.slice(0, 2)))).toEqual([]);
    const missing = await storeTool('storeVerify', ['--data', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/file «Báo cáo 3\.2\.pdf» .* is MISSING/);
  });
});
