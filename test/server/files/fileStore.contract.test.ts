import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileRef } from '../../../machines/files';
import { EmbeddedFileStore } from '../../../server/files/embeddedFiles';
import { sha256Of } from '../../../server/files/hashing';
import { CHUNK_BYTES, PgFileStore } from '../../../server/files/pgFiles';
import type { FileStore, UploadRecord } from '../../../server/files/port';
import { copyFiles, verifyFiles } from '../../../server/files/verify';
import { EmbeddedStore } from '../../../server/store/embedded/embeddedStore';
import type { EventStore } from '../../../server/store/port';
import { connectionConfig } from '../../../server/store/postgres/connect';
import { PgStore } from '../../../server/store/postgres/pgStore';
import { dropSchema, freshSchema, pgUrl } from '../../support/postgres';
import { pdf } from './samples';

/**
 * One contract, two file stores: what the upload route, the file route, store:verify, store:copy
 * and the collector rely on, against files under DATA_DIR and against PostgreSQL.
 */
interface Harness {
  name: string;
  fresh(): Promise<{
    files: FileStore;
    events: EventStore;
    /** Changes one byte of the stored bytes of a sha256, or removes them. */
    tamper(sha256: string, how: 'alter' | 'remove'): Promise<void>;
    /** Makes stored bytes look two hours old (the collector leaves fresh ones alone). */
    age(sha256: string): Promise<void>;
  }>;
}

const embedded: Harness = {
  name: 'embedded',
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-files-'));
    const path = (sha: string) => join(dir, 'files', 'blobs', sha.slice(0, 2), sha);
    return {
      files: new EmbeddedFileStore(dir),
      events: await EmbeddedStore.open(dir),
      async tamper(sha, how) {
        if (how === 'remove') {
          const { rmSync } = await import('node:fs');
          rmSync(path(sha));
        } else writeFileSync(path(sha), Buffer.from('%PDF-1.4 tampered'));
      },
      async age(sha) {
        const then = new Date(Date.now() - 2 * 3_600_000);
        utimesSync(path(sha), then, then);
      },
    };
  },
};

const url = pgUrl();
const schemas: string[] = [];
const postgres: Harness = {
  name: 'postgres',
  async fresh() {
    const schema = freshSchema();
    schemas.push(schema);
    const events = await PgStore.open(url!, { schema });
    const sql = async (text: string, values: unknown[]) => {
      const client = new pg.Client({ ...connectionConfig(url!), options: `-c search_path=${schema}` });
      await client.connect();
      try {
        await client.query(text, values);
      } finally {
        await client.end();
      }
    };
    return {
      files: new PgFileStore(events.pool),
      events,
      tamper: (sha, how) =>
        how === 'remove'
          ? sql('DELETE FROM tiendo_file_chunks WHERE sha256 = $1', [sha])
          : sql("UPDATE tiendo_file_chunks SET data = overlay(data placing '\\x00'::bytea from 20) WHERE sha256 = $1 AND n = 0", [sha]),
      age: (sha) => sql("UPDATE tiendo_file_blobs SET stored_at = now() - interval '2 hours' WHERE sha256 = $1", [sha]),
    };
  },
};
afterAll(async () => {
  for (const s of schemas) await dropSchema(url!, s);
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let n = 0;
const newId = () => `file${String(++n).padStart(18, '0')}`;

async function keep(files: FileStore, bytes: Buffer, name = 'Báo cáo.pdf', by = 'u-a', at = new Date().toISOString()): Promise<UploadRecord> {
  const spool = await files.spoolPath();
  await writeFile(spool, bytes);
  const upload: UploadRecord = { id: newId(), sha256: sha(bytes), name, type: 'application/pdf', size: bytes.length, by: { id: by, username: by }, at };
  await files.keep(spool, upload);
  return upload;
}

const bytesOf = async (s: NodeJS.ReadableStream | undefined) => {
  const parts: Buffer[] = [];
  for await (const p of s!) parts.push(p as Buffer);
  return Buffer.concat(parts);
};

/** A task entry that attaches files, as the SUBMIT decider writes it. */
const submitWith = (files: FileRef[]) => ({
  entry: {
    at: '2026-05-01T02:00:00.000Z', kind: 'task', planId: 'p', taskId: 'p-1', type: 'SUBMIT', by: { id: 'u-a', username: 'a' },
    from: 'inProgress', to: 'inReview', mv: 2, payload: { files: files.map(({ id, sha256, name, type, size }) => ({ id, sha256, name, type, size })) },
    snapshot: { v: 2, value: 'inReview', context: { ownerUnitId: 'X' } },
  },
  expectedVersion: 0,
});

for (const harness of [embedded, postgres]) {
  describe.skipIf(harness.name === 'postgres' && !url)(`file store contract: ${harness.name}`, () => {
    it('keeps bytes under their sha256 and the upload record; reads all of them or a range across chunks', async () => {
      const { files, events } = await harness.fresh();
      const bytes = Buffer.concat([pdf(), randomBytes(CHUNK_BYTES * 2 + 1234)]);
      const upload = await keep(files, bytes);
      expect(await files.upload(upload.id)).toEqual(upload);
      expect(await files.upload('AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
      expect(await files.has(upload.sha256)).toBe(true);
      expect(await bytesOf(await files.read(upload.sha256))).toEqual(bytes);
      const start = CHUNK_BYTES - 10;
      const end = CHUNK_BYTES * 2 + 5;
      expect(await bytesOf(await files.read(upload.sha256, { start, end }))).toEqual(bytes.subarray(start, end + 1));
      expect(await files.read(sha(Buffer.from('nothing')))).toBeUndefined();
      await files.close();
      await events.close();
    });

    it('the same bytes uploaded twice are stored once, under two records', async () => {
      const { files, events } = await harness.fresh();
      const bytes = pdf('Hai lan');
      const a = await keep(files, bytes, 'a.pdf');
      const b = await keep(files, bytes, 'b.pdf', 'u-b');
      const blobs: string[] = [];
      for await (const s of files.blobs()) blobs.push(s);
      expect(blobs).toEqual([sha(bytes)]);
      const ids: string[] = [];
      for await (const u of files.uploads()) ids.push(u.id);
      expect(ids.sort()).toEqual([a.id, b.id].sort());
      await files.close();
      await events.close();
    });

    it('verifyFiles re-hashes every file an entry names, and names the first altered or missing one', async () => {
      const { files, events, tamper } = await harness.fresh();
      const first = await keep(files, pdf('Mot'), 'Một.pdf');
      const second = await keep(files, pdf('Hai'), 'Hai.pdf');
      await events.append([submitWith([first, second])]);
      expect(await verifyFiles(events.readRaw(), files)).toEqual({ ok: true, referenced: 2, stored: 2 });
      await tamper(second.sha256, 'alter');
      expect(await verifyFiles(events.readRaw(), files)).toMatchObject({ ok: false, reason: 'altered', seq: 1, file: { id: second.id, name: 'Hai.pdf' } });
      await tamper(first.sha256, 'remove');
      expect(await verifyFiles(events.readRaw(), files)).toMatchObject({ ok: false, reason: 'missing', seq: 1, file: { id: first.id } });
      await files.close();
      await events.close();
    });

    it('remove forgets uploads and drops bytes no upload names once they are settled', async () => {
      const { files, events, age } = await harness.fresh();
      const kept = await keep(files, pdf('Giu'));
      const gone = await keep(files, pdf('Bo'));
      expect(await files.remove([gone.id])).toBe(0); // just stored: left for the next round
      expect(await files.upload(gone.id)).toBeUndefined();
      await age(gone.sha256);
      expect(await files.remove([])).toBe(1);
      expect(await files.has(gone.sha256)).toBe(false);
      expect(await files.has(kept.sha256)).toBe(true);
      await files.close();
      await events.close();
    });

    it('copyFiles copies every upload and its bytes into the other store', async () => {
      const source = await harness.fresh();
      const target = await (harness === embedded ? postgres : embedded).fresh().catch(() => embedded.fresh());
      const upload = await keep(source.files, Buffer.concat([pdf('Sao chep'), randomBytes(CHUNK_BYTES + 7)]), 'Sao chép.pdf');
      expect(await copyFiles(source.files, target.files)).toBe(1);
      expect(await target.files.upload(upload.id)).toEqual(upload);
      expect(await sha256Of(await target.files.read(upload.sha256))).toBe(upload.sha256);
      for (const s of [source, target]) {
        await s.files.close();
        await s.events.close();
      }
    });
  });
}

describe('embedded file store start', () => {
  it('removes what was left streaming in by a process that stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-files-'));
    const files = new EmbeddedFileStore(dir);
    writeFileSync(await files.spoolPath(), 'half an upload');
    new EmbeddedFileStore(dir);
    expect(readdirSync(join(dir, 'files', 'spool'))).toHaveLength(1);
    new EmbeddedFileStore(dir, { clearSpool: true });
    expect(readdirSync(join(dir, 'files', 'spool'))).toEqual([]);
  });
});
