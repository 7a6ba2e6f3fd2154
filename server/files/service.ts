import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { DEFAULT_MAX_FILE_MB, FILE_ID, type FileRef } from '../../machines/files';
import type { Actor } from '../../machines/roles';
import type { Engine } from '../engine/engine';
import { AppError } from '../errors';
import type { FileStore, UploadRecord } from './port';
import { referencesIn, type Reference } from './references';
import { judgeType } from './sniff';
import { spoolUpload, UploadError } from './upload';

/** An upload no accepted event refers to is removed after this long (API.md). */
export const UNCLAIMED_MS = 24 * 3_600_000;

/** MAX_FILE_MB from the environment, or the default. */
export function maxFileBytesFromEnv(env = process.env): number {
  const mb = Number(env.MAX_FILE_MB ?? DEFAULT_MAX_FILE_MB);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`MAX_FILE_MB is not a positive number: ${env.MAX_FILE_MB}`);
  return Math.floor(mb * 1024 * 1024);
}

const q = (s: string) => `«${s}»`;

/**
 * Evidence files for the routes and the deciders: receiving an upload (streamed, hashed, typed from
 * its bytes, stored, then answered), resolving the ids an event names into the references its log
 * entry records, deciding who may read a file, and collecting uploads nothing claimed.
 *
 * Who may read: every object that holds files (a task, an inspection, a finding) is readable by
 * every logged-in user (PRODUCT.md: every role reads), so a file any accepted event attached is
 * served to every logged-in user, and an unclaimed upload to its uploader only.
 */
export class Files {
  private cache: { position: number; refs: Map<string, Reference> } | undefined;

  constructor(
    readonly store: FileStore,
    private readonly engine: Engine,
    readonly maxBytes = maxFileBytesFromEnv(),
  ) {}

  /** POST /api/files: the FileRef of the stored upload, or an AppError saying why not (nothing kept). */
  async receive(request: Request, actor: Actor, incoming?: Readable): Promise<FileRef> {
    const spool = await this.store.spoolPath();
    try {
      const spooled = await spoolUpload(request, spool, this.maxBytes, incoming).catch((e: unknown) => {
        throw uploadRefusal(e, this.maxBytes);
      });
      if (spooled.size === 0) throw new AppError('bad_request', `Tệp ${q(spooled.name)} rỗng (0 byte).`);
      const type = await judgeType(spool, spooled.name);
      if (!type) {
        throw new AppError('unsupported_media_type', `Tệp ${q(spooled.name)} không phải PDF, Word, Excel, OpenDocument, JPEG hoặc PNG (xét theo nội dung tệp, không theo tên).`);
      }
      const upload: UploadRecord = {
        id: randomBytes(16).toString('base64url'),
        sha256: spooled.sha256,
        name: displayName(spooled.name),
        type,
        size: spooled.size,
        by: { id: actor.id, username: actor.username },
        at: this.engine.now(),
      };
      await this.store.keep(spool, upload);
      return refOf(upload);
    } finally {
      await rm(spool, { force: true });
    }
  }

  /** Every file an accepted event attached, by id (rebuilt when anything was committed since). */
  private references(): Map<string, Reference> {
    const position = this.engine.store.position;
    if (this.cache?.position !== position) this.cache = { position, refs: referencesIn(this.engine.listPlans()) };
    return this.cache.refs;
  }

  /** An attached file, catching up first when another instance may have attached it. */
  private async referenced(id: string): Promise<Reference | undefined> {
    const found = this.references().get(id);
    if (found) return found;
    if (await this.engine.store.catchUp(this.engine.store.position)) return this.references().get(id);
    return undefined;
  }

  /**
   * The references an event records for the ids its body names: each must be attached already
   * (anyone may attach it again) or an upload of this user's own; otherwise a 400 naming it.
   */
  async resolve(ids: readonly string[] | undefined, actor: Actor): Promise<FileRef[]> {
    const out: FileRef[] = [];
    for (const raw of new Set(ids ?? [])) {
      const id = raw.trim();
      const attached = FILE_ID.test(id) ? await this.referenced(id) : undefined;
      if (attached) {
        out.push(refOf(attached.file));
        continue;
      }
      const upload = FILE_ID.test(id) ? await this.store.upload(id) : undefined;
      if (!upload || upload.by.id !== actor.id) {
        throw new AppError('bad_request', `Không có tệp ${q(id)} do bạn tải lên (files); hãy tải tệp lên lại.`, { field: 'files', fileId: id });
      }
      out.push(refOf(upload));
    }
    return out;
  }

  /** The file `actor` may read under this id, or undefined (the route answers 404 either way). */
  async readable(id: string, actor: Actor): Promise<FileRef | undefined> {
    if (!FILE_ID.test(id)) return undefined;
    const attached = await this.referenced(id);
    if (attached) return refOf(attached.file);
    const upload = await this.store.upload(id);
    return upload && upload.by.id === actor.id ? refOf(upload) : undefined;
  }

  /** Removes uploads older than UNCLAIMED_MS that no accepted event refers to, and bytes nothing names. */
  async collect(now = this.engine.clock()): Promise<{ uploads: number; blobs: number }> {
    await this.engine.store.catchUp(this.engine.store.position);
    const refs = this.references();
    const stale: string[] = [];
    for await (const upload of this.store.uploads()) {
      if (!refs.has(upload.id) && now.getTime() - Date.parse(upload.at) > UNCLAIMED_MS) stale.push(upload.id);
    }
    const blobs = await this.store.remove(stale);
    return { uploads: stale.length, blobs };
  }

  /** Collects every `everyMs` (hourly by default) until the returned function is called. */
  startCollector(everyMs = 3_600_000): () => void {
    const timer = setInterval(() => void this.collect().catch((e) => console.error('files: collecting unclaimed uploads failed', e)), everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

export const refOf = (f: FileRef): FileRef => ({ id: f.id, sha256: f.sha256, name: f.name, type: f.type, size: f.size });

/** A name for display only: no folders, no control characters, NFC, at most 200 characters. */
export function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'tep';
}

function uploadRefusal(e: unknown, maxBytes: number): AppError {
  if (!(e instanceof UploadError)) return new AppError('bad_request', 'Không đọc được tệp gửi lên.');
  switch (e.problem) {
    case 'too_large':
      return new AppError('payload_too_large', `Tệp vượt quá ${Math.round(maxBytes / 1024 / 1024)} MB (MAX_FILE_MB).`);
    case 'not_multipart':
    case 'no_file':
      return new AppError('bad_request', 'Gửi một tệp bằng biểu mẫu multipart/form-data, trường «file».');
    default:
      return new AppError('bad_request', 'Tệp gửi lên bị gián đoạn hoặc không đúng định dạng multipart; không có gì được lưu.');
  }
}
