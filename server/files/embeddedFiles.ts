import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { FILE_ID } from '../../machines/files';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../store/fileModes';
import { SHA256 } from './hashing';
import type { ByteRange, FileStore, UploadRecord } from './port';

/** Makes a rename or an unlink in `dir` durable: the directory entry is flushed like the file. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Evidence files under DATA_DIR/files: `blobs/ab/<sha256>` (the bytes, named by their hash),
 * `uploads/<id>.json` (one per upload) and `spool/` (uploads still streaming in). Every file is
 * written under a temporary name, fsynced, then renamed and its directory fsynced, so after a
 * crash a blob or a record is either whole or absent; a blob no record names (a crash between the
 * two) is removed by the collector, and spool files by the next start.
 */
export class EmbeddedFileStore implements FileStore {
  private readonly blobDir: string;
  private readonly uploadDir: string;
  private readonly spoolDir: string;

  /** `clearSpool`: the serving process, at start (a tool opening the store beside it must not). */
  constructor(dataDir: string, opts: { clearSpool?: boolean } = {}) {
    const root = join(dataDir, 'files');
    this.blobDir = join(root, 'blobs');
    this.uploadDir = join(root, 'uploads');
    this.spoolDir = join(root, 'spool');
    for (const dir of [root, this.blobDir, this.uploadDir, this.spoolDir]) mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    // Whatever was streaming in when the process stopped was never acknowledged.
    if (opts.clearSpool) for (const name of readdirSync(this.spoolDir)) rmSync(join(this.spoolDir, name), { force: true });
  }

  private blobPath(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.blobDir, sha256.slice(0, 2), sha256);
  }

  private uploadPath(id: string): string {
    if (!FILE_ID.test(id)) throw new Error(`not a file id: ${id}`);
    return join(this.uploadDir, `${id}.json`);
  }

  async spoolPath(): Promise<string> {
    return join(this.spoolDir, randomBytes(12).toString('hex'));
  }

  async keep(spool: string, upload: UploadRecord): Promise<void> {
    try {
      await this.placeBlob(spool, upload.sha256);
    } finally {
      await rm(spool, { force: true });
    }
    await this.putUpload(upload);
  }

  /** Moves a synced spool file to its blob name, unless those bytes are stored already. */
  private async placeBlob(spool: string, sha256: string): Promise<void> {
    const target = this.blobPath(sha256);
    if (await this.has(sha256)) return;
    await syncFile(spool);
    const dir = join(this.blobDir, sha256.slice(0, 2));
    await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    await rename(spool, target);
    await syncDir(dir);
  }

  async putUpload(upload: UploadRecord): Promise<void> {
    const path = this.uploadPath(upload.id);
    const tmp = `${path}.tmp`;
    const handle = await open(tmp, 'w', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(JSON.stringify(upload));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
    await syncDir(this.uploadDir);
  }

  async upload(id: string): Promise<UploadRecord | undefined> {
    if (!FILE_ID.test(id)) return undefined;
    try {
      return JSON.parse(await readFile(this.uploadPath(id), 'utf8')) as UploadRecord;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async *uploads(): AsyncIterable<UploadRecord> {
    for (const name of await readdir(this.uploadDir)) {
      if (!name.endsWith('.json')) continue;
      const record = await this.upload(name.slice(0, -'.json'.length));
      if (record) yield record;
    }
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable | undefined> {
    if (!SHA256.test(sha256) || !(await this.has(sha256))) return undefined;
    return createReadStream(this.blobPath(sha256), range ? { start: range.start, end: range.end } : {});
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256.test(sha256)) return false;
    try {
      return (await stat(this.blobPath(sha256))).isFile();
    } catch {
      return false;
    }
  }

  async *blobs(): AsyncIterable<string> {
    for (const prefix of await readdir(this.blobDir)) {
      for (const name of await readdir(join(this.blobDir, prefix))) if (SHA256.test(name)) yield name;
    }
  }

  async putBlob(sha256: string, bytes: Readable): Promise<void> {
    if (await this.has(sha256)) {
      bytes.resume();
      return;
    }
    const spool = await this.spoolPath();
    const hash = createHash('sha256');
    bytes.on('data', (chunk: Buffer) => hash.update(chunk));
    try {
      await pipeline(bytes, createWriteStream(spool, { mode: PRIVATE_FILE_MODE }));
      if (hash.digest('hex') !== sha256) throw new Error(`the bytes copied for ${sha256} hash differently`);
      await this.placeBlob(spool, sha256);
    } finally {
      await rm(spool, { force: true });
    }
  }

  async remove(ids: readonly string[]): Promise<number> {
    for (const id of ids) await rm(this.uploadPath(id), { force: true });
    if (ids.length) await syncDir(this.uploadDir);
    const named = new Set<string>();
    for await (const u of this.uploads()) named.add(u.sha256);
    let removed = 0;
    // A blob placed in the last hour may belong to an upload whose record is being written now.
    const settled = Date.now() - 3_600_000;
    for await (const sha of this.blobs()) {
      if (named.has(sha)) continue;
      const placed = await stat(this.blobPath(sha)).catch(() => undefined);
      if (!placed || placed.mtimeMs > settled) continue;
      await unlink(this.blobPath(sha)).catch(() => undefined);
      removed++;
    }
    return removed;
  }

  async close(): Promise<void> {}
}
