import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../../seed/seedStore';
import { dropSchema, freshSchema, pgUrl } from '../../support/postgres';
import { storeTool } from '../../support/storeTools';

/** The store tools as an operator runs them: `npm run store:verify` and `npm run store:copy`. */
const FIXTURE = fileURLToPath(new URL('../../fixtures/store-v1', import.meta.url));

function copyOfFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-tools-'));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('store:verify', () => {
  it('passes an intact store, entries written before the chain existed included', async () => {
    const ok = await storeTool('storeVerify', ['--data', copyOfFixture()]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/chain intact, 67 entries, last position 67/);
  });

  it('names the first entry changed in a chained store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-tools-'));
    await seedIfEmpty(dir, { password: 'tiendo-demo' });
    expect((await storeTool('storeVerify', ['--data', dir])).code).toBe(0);
    const log = join(dir, 'events.ndjson');
    const lines = readFileSync(log, 'utf8').split('\n');
    lines[40] = lines[40].replace(/"at":"2026-/, '"at":"2025-');
    writeFileSync(log, lines.join('\n'));
    const broken = await storeTool('storeVerify', ['--data', dir]);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BROKEN at position 41/);
  });
});

const url = pgUrl();
const schemas: string[] = [];
afterAll(async () => {
  for (const s of schemas) await dropSchema(url!, s);
});

describe.skipIf(!url)('store:copy into PostgreSQL', () => {
  it('copies a store, verifies it, and refuses a database that is not empty', async () => {
    const dir = copyOfFixture();
    const schema = freshSchema();
    schemas.push(schema);
    const first = await storeTool('storeCopy', ['--to', url!, '--from', dir, '--schema', schema]);
    expect(first.out).toMatch(/copied 67 events and \d+ users/);
    expect(first.out).toMatch(/plan stp-2026 progress identical/);
    expect(first.out).toMatch(/done, verified: 67 events, last position 67/);
    expect(first.code).toBe(0);

    const verify = await storeTool('storeVerify', ['--db', url!, '--schema', schema]);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/chain intact, 67 entries/);

    const again = await storeTool('storeCopy', ['--to', url!, '--from', dir, '--schema', schema]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/refusing to copy/);
  });

  it('a changed entry in the database breaks the chain at that position', async () => {
    const dir = copyOfFixture();
    const schema = freshSchema();
    schemas.push(schema);
    expect((await storeTool('storeCopy', ['--to', url!, '--from', dir, '--schema', schema])).code).toBe(0);
    const pg = (await import('pg')).default;
    const { connectionConfig } = await import('../../../server/store/postgres/connect');
    const client = new pg.Client({ ...connectionConfig(url!), options: `-c search_path=${schema}` });
    await client.connect();
    await client.query(`UPDATE tiendo_events SET body = replace(body, '"by":{"id":"u-truongphong.vp"', '"by":{"id":"u-giamdoc"') WHERE position = 12`);
    await client.end();
    const broken = await storeTool('storeVerify', ['--db', url!, '--schema', schema]);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BROKEN at position 12/);
  });
});
