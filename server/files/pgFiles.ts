import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { FILE_ID } from '../../machines/files';
import { inTransaction } from '../store/postgres/connect';
import { SHA256 } from './hashing';
import type { ByteRange, FileStore, UploadRecord } from './port';

/** Bytes per stored chunk: an upload is copied in and served out a chunk at a time, never whole. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Evidence files in PostgreSQL (schema step 4): `tiendo_file_blobs` and `tiendo_file_chunks` hold
 * the bytes by sha256, `tiendo_files` one row per upload. Blob and record are written in one
 * transaction, so every instance sees both or neither. Uploads spool to a private local folder
 * while they stream in (hashed and typed there), then are copied in chunk by chunk.
 */
export class PgFileStore implements FileStore {
  private readonly spoolDir = mkdtempSync(join(tmpdir(), 'tiendo-spool-'));

  constructor(private readonly pool: pg.Pool) {}

  async spoolPath(): Promise<string> {
    return join(this.spoolDir, randomBytes(12).toString('hex'));
  }

  async keep(spool: string, upload: UploadRecord): Promise<void> {
    try {
      await inTransaction(this.pool, async (client) => {
        await this.insertBlob(client, upload.sha256, upload.size, chunksOfFile(spool));
        await client.query('INSERT INTO tiendo_files (id, sha256, body) VALUES ($1, $2, $3)', [upload.id, upload.sha256, JSON.stringify(upload)]);
      });
    } finally {
      await rm(spool, { force: true });
    }
  }

  /** Inserts a blob's chunks unless the blob is there already (another upload of the same bytes). */
  private async insertBlob(client: pg.PoolClient, sha256: string, size: number, chunks: AsyncIterable<Buffer>): Promise<void> {
    const inserted = await client.query('INSERT INTO tiendo_file_blobs (sha256, size) VALUES ($1, $2) ON CONFLICT DO NOTHING', [sha256, size]);
    if (inserted.rowCount === 0) return;
    const hash = createHash('sha256');
    let n = 0;
    for await (const chunk of chunks) {
      hash.update(chunk);
      await client.query('INSERT INTO tiendo_file_chunks (sha256, n, data) VALUES ($1, $2, $3)', [sha256, n++, chunk]);
    }
    if (hash.digest('hex') !== sha256) throw new Error(`the bytes stored for ${sha256} hash differently`);
  }

  async upload(id: string): Promise<UploadRecord | undefined> {
    if (!FILE_ID.test(id)) return undefined;
    const { rows } = await this.pool.query<{ body: UploadRecord }>('SELECT body FROM tiendo_files WHERE id = $1', [id]);
    return rows[0]?.body;
  }

  async *uploads(): AsyncIterable<UploadRecord> {
    const { rows } = await this.pool.query<{ body: UploadRecord }>('SELECT body FROM tiendo_files');
    for (const row of rows) yield row.body;
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable | undefined> {
    if (!SHA256.test(sha256)) return undefined;
    const { rows } = await this.pool.query<{ size: string }>('SELECT size FROM tiendo_file_blobs WHERE sha256 = $1', [sha256]);
    if (!rows.length) return undefined;
    const size = Number(rows[0].size);
    const start = range?.start ?? 0;
    const end = range?.end ?? size - 1;
    const pool = this.pool;
    return Readable.from(
      (async function* () {
        for (let n = Math.floor(start / CHUNK_BYTES); n * CHUNK_BYTES <= end; n++) {
          const chunk = await pool.query<{ data: Buffer }>('SELECT data FROM tiendo_file_chunks WHERE sha256 = $1 AND n = $2', [sha256, n]);
          if (!chunk.rows.length) throw new Error(`chunk ${n} of ${sha256} is missing`);
          const from = n * CHUNK_BYTES;
          const data = chunk.rows[0].data;
          yield data.subarray(Math.max(0, start - from), Math.min(data.length, end - from + 1));
        }
      })(),
    );
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256.test(sha256)) return false;
    const { rows } = await this.pool.query('SELECT 1 FROM tiendo_file_blobs WHERE sha256 = $1', [sha256]);
    return rows.length > 0;
  }

  async *blobs(): AsyncIterable<string> {
    const { rows } = await this.pool.query<{ sha256: string }>('SELECT sha256 FROM tiendo_file_blobs ORDER BY sha256');
    for (const row of rows) yield row.sha256;
  }

  async putBlob(sha256: string, bytes: Readable): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // Size first needs the whole stream; count it as the chunks go in, then set it.
      let size = 0;
      const counted = (async function* () {
        for await (const chunk of rechunk(bytes)) {
          size += chunk.length;
          yield chunk;
        }
      })();
      await this.insertBlob(client, sha256, 0, counted);
      await client.query('UPDATE tiendo_file_blobs SET size = $2 WHERE sha256 = $1 AND size = 0', [sha256, size]);
    });
  }

  async putUpload(upload: UploadRecord): Promise<void> {
    await this.pool.query('INSERT INTO tiendo_files (id, sha256, body) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [upload.id, upload.sha256, JSON.stringify(upload)]);
  }

  async remove(ids: readonly string[]): Promise<number> {
    if (ids.length) await this.pool.query('DELETE FROM tiendo_files WHERE id = ANY($1)', [ids]);
    // A blob stored in the last hour may belong to an upload being recorded now.
    const { rowCount } = await this.pool.query(
      `DELETE FROM tiendo_file_blobs b WHERE stored_at < now() - interval '1 hour'
         AND NOT EXISTS (SELECT 1 FROM tiendo_files f WHERE f.sha256 = b.sha256)`,
    );
    return rowCount ?? 0;
  }

  async close(): Promise<void> {
    rmSync(this.spoolDir, { recursive: true, force: true });
  }
}

/** A local file's bytes, CHUNK_BYTES at a time. */
async function* chunksOfFile(path: string): AsyncIterable<Buffer> {
  const handle = await open(path, 'r');
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
      if (bytesRead < CHUNK_BYTES) return;
    }
  } finally {
    await handle.close();
  }
}

/** A stream's bytes in chunks of exactly CHUNK_BYTES (the last shorter), as the table keeps them. */
async function* rechunk(stream: Readable): AsyncIterable<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const piece of stream) {
    pending.push(piece as Buffer);
    length += (piece as Buffer).length;
    while (length >= CHUNK_BYTES) {
      const all = Buffer.concat(pending);
      yield all.subarray(0, CHUNK_BYTES);
      pending = [all.subarray(CHUNK_BYTES)];
      length = all.length - CHUNK_BYTES;
    }
  }
  if (length) yield Buffer.concat(pending);
}
