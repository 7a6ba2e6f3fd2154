import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { PRIVATE_FILE_MODE } from '../store/fileModes';

/** What reading a multipart upload produced: the bytes spooled to `path`, hashed as they came. */
export interface Spooled {
  path: string;
  name: string;
  size: number;
  sha256: string;
}

export type UploadProblem = 'not_multipart' | 'no_file' | 'too_large' | 'malformed' | 'interrupted';

export class UploadError extends Error {
  constructor(readonly problem: UploadProblem) {
    super(problem);
  }
}

/** Room for the multipart envelope (boundaries, part headers) around a file of the limit's size. */
const ENVELOPE_BYTES = 16 * 1024;

/**
 * Streams the one `file` field of a multipart body to `spool`: hashed and counted as it comes,
 * written with backpressure (never held whole), fsynced at the end. Passing `maxBytes` stops
 * reading at once (UploadError 'too_large'); a body that ends early or breaks ('interrupted') and
 * any refusal leave no spool file. Names are read as UTF-8 (Vietnamese), kept only for display.
 */
export async function spoolUpload(request: Request, spool: string, maxBytes: number, incoming?: Readable): Promise<Spooled> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) throw new UploadError('not_multipart');
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes + ENVELOPE_BYTES) {
    if (incoming) discard(incoming);
    throw new UploadError('too_large');
  }

  // On the Node server the request's own stream is read directly: turning it into a web stream and
  // back cost more than the disk (three times the time of writing the bytes with fsync).
  const source = incoming ?? (request.body ? Readable.fromWeb(request.body as WebReadableStream<Uint8Array>) : undefined);
  if (!source) throw new UploadError('not_multipart');
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': type }, defParamCharset: 'utf8', limits: { files: 1, fields: 10, parts: 11, fileSize: maxBytes + 1 } });
  } catch {
    source.destroy();
    throw new UploadError('malformed');
  }
  let written: Promise<Spooled> | undefined;
  const finished = new Promise<Spooled>((resolve, reject) => {
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || written) {
        stream.resume();
        return;
      }
      written = writeSpool(stream, spool, info.filename || 'tep', maxBytes);
      written.catch(reject);
    });
    parser.on('close', () => (written ? written.then(resolve, reject) : reject(new UploadError('no_file'))));
    parser.on('error', () => reject(new UploadError('malformed')));
    source.on('error', () => reject(new UploadError('interrupted')));
    source.on('aborted', () => reject(new UploadError('interrupted')));
  });
  source.pipe(parser);
  try {
    return await finished;
  } catch (e) {
    source.unpipe(parser);
    if (incoming) discard(incoming);
    else source.destroy();
    parser.destroy();
    // The writer may still hold the spool open: let it finish failing before removing the file.
    await written?.catch(() => undefined);
    await rm(spool, { force: true });
    throw e instanceof UploadError ? e : new UploadError('interrupted');
  }
}

/**
 * The rest of a refused body on the Node server: read and dropped, never stored. Closing a socket
 * with unread bytes resets it, and a client still sending then loses the answer (413) sent before;
 * reading on lets the answer arrive while the client is still sending, so it can stop. A client
 * that does not stop is cut off after a few seconds.
 */
function discard(incoming: Readable): void {
  incoming.resume();
  const cut = setTimeout(() => incoming.destroy(), 5000);
  cut.unref();
  incoming.once('end', () => clearTimeout(cut));
}

async function writeSpool(stream: Readable, path: string, name: string, maxBytes: number): Promise<Spooled> {
  const hash = createHash('sha256');
  let size = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new UploadError('too_large'));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const file = createWriteStream(path, { flags: 'wx', mode: PRIVATE_FILE_MODE, highWaterMark: 1024 * 1024 });
  // The write stream batches chunks (writev) under backpressure: never more than ~1 MiB held.
  await pipeline(stream, counted, file);
  // busboy ends a part early, without an error, when the file is over its own limit.
  if ((stream as Readable & { truncated?: boolean }).truncated) throw new UploadError('too_large');
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { path, name, size, sha256: hash.digest('hex') };
}
