import type { Readable } from 'node:stream';
import type { FileRef } from '../../machines/files';

/**
 * The file store port: where evidence files' bytes and their upload records live. Bytes are kept
 * by sha256 (content-addressed: the same document uploaded twice is stored once); an upload record
 * names one upload (a random id, the uploader, the original name, the judged type). Two
 * implementations: `embeddedFiles.ts` (files under DATA_DIR) and `pgFiles.ts` (PostgreSQL, so every
 * instance serves every file). Both pass test/server/files/fileStore.contract.test.ts.
 */

/** One accepted upload, as recorded before its answer is sent. */
export interface UploadRecord extends FileRef {
  by: { id: string; username: string };
  at: string;
}

/** Inclusive byte range, as HTTP's Range names it. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface FileStore {
  /** Where this store spools an upload while it streams in: a fresh path, on the same disk as the store where it can. */
  spoolPath(): Promise<string>;
  /**
   * Makes the spooled bytes durable under their sha256 and then records the upload, so a crash
   * leaves either nothing or both; the spool file is gone afterwards either way.
   */
  keep(spool: string, upload: UploadRecord): Promise<void>;
  /** One upload's record, or undefined. */
  upload(id: string): Promise<UploadRecord | undefined>;
  /** Every upload record (for the collector), in no particular order. */
  uploads(): AsyncIterable<UploadRecord>;
  /** The stored bytes of a sha256 (a range of them), or undefined when they are not stored. */
  read(sha256: string, range?: ByteRange): Promise<Readable | undefined>;
  /** Whether the bytes of this sha256 are stored. */
  has(sha256: string): Promise<boolean>;
  /** Every sha256 stored, for copying. */
  blobs(): AsyncIterable<string>;
  /** Stores bytes as they are (a copy from another store), checked against their sha256. */
  putBlob(sha256: string, bytes: Readable): Promise<void>;
  /** Records an upload as it is (a copy); its bytes must be stored already. */
  putUpload(upload: UploadRecord): Promise<void>;
  /** Forgets these uploads, then removes bytes no remaining upload names. Returns the bytes removed. */
  remove(ids: readonly string[]): Promise<number>;
  close(): Promise<void>;
}
