import { filesOfPayload, type FileRef } from '../../machines/files';
import { parseEntry } from '../store/entries';
import type { RawEntry } from '../store/hashChain';
import { sha256Of } from './hashing';
import type { FileStore } from './port';

export type FilesReport =
  | { ok: true; referenced: number; stored: number }
  | { ok: false; file: FileRef; seq?: number; reason: 'missing' | 'altered' };

/**
 * The files half of store:verify. The log entries that attach files record each one's sha256, and
 * the hash chain covers those entries; here every file they name is re-hashed from the file store,
 * in log order, then every other stored blob, and the first one missing or whose bytes no longer
 * hash to their name is reported.
 */
export async function verifyFiles(entries: AsyncIterable<RawEntry>, store: FileStore): Promise<FilesReport> {
  const seen = new Set<string>();
  let referenced = 0;
  for await (const raw of entries) {
    if (!raw.body.includes('"files":[')) continue;
    const entry = parseEntry(raw.body, `entry ${raw.seq}`);
    for (const file of filesOfPayload(entry.payload)) {
      if (seen.has(file.sha256)) continue;
      seen.add(file.sha256);
      referenced++;
      const actual = await rehash(store, file.sha256);
      if (actual === undefined) return { ok: false, file, seq: raw.seq, reason: 'missing' };
      if (actual !== file.sha256) return { ok: false, file, seq: raw.seq, reason: 'altered' };
    }
  }
  let stored = 0;
  for await (const sha of store.blobs()) {
    stored++;
    if (seen.has(sha)) continue;
    const actual = await rehash(store, sha);
    if (actual !== sha) {
      const upload = await firstUploadOf(store, sha);
      return { ok: false, file: upload ?? { id: '?', sha256: sha, name: sha, type: '?', size: 0 }, reason: actual === undefined ? 'missing' : 'altered' };
    }
  }
  return { ok: true, referenced, stored };
}

/** The sha256 the stored bytes hash to now; undefined when they are gone (wholly or in part). */
async function rehash(store: FileStore, sha256: string): Promise<string | undefined> {
  try {
    return await sha256Of(await store.read(sha256));
  } catch {
    return undefined;
  }
}

async function firstUploadOf(store: FileStore, sha256: string): Promise<FileRef | undefined> {
  for await (const u of store.uploads()) if (u.sha256 === sha256) return u;
  return undefined;
}

/** One line for a person: which file, where it is named, what is wrong with it. */
export function describeFilesReport(report: FilesReport): string {
  if (report.ok) return `files intact: ${report.referenced} named by events, ${report.stored} stored`;
  const where = report.seq === undefined ? 'an upload' : `entry ${report.seq}`;
  return `file «${report.file.name}» (id ${report.file.id}, sha256 ${report.file.sha256.slice(0, 16)}…, named by ${where}) is ${report.reason === 'missing' ? 'MISSING' : 'ALTERED: its bytes no longer hash to the recorded sha256'}`;
}

/** store:copy's files half: every upload's bytes, then its record, into another file store. */
export async function copyFiles(from: FileStore, to: FileStore): Promise<number> {
  let copied = 0;
  for await (const upload of from.uploads()) {
    const bytes = await from.read(upload.sha256);
    if (!bytes) throw new Error(`file «${upload.name}» (${upload.id}) has no stored bytes; run store:verify on the source`);
    await to.putBlob(upload.sha256, bytes);
    await to.putUpload(upload);
    copied++;
  }
  return copied;
}
