import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { opensInline, type FileRef } from '../../machines/files';
import { AppError } from '../errors';
import type { Files } from '../files/service';
import { closeConnectionAfter } from '../http/connection';
import type { AppEnv } from '../http/context';
import { errorBody } from '../http/respond';

export const FILES_PATH = '/api/files';

/**
 * API.md "Evidence files": POST /api/files (one multipart field `file`, streamed to the store with
 * its own MAX_FILE_MB limit, not the JSON body limit) and GET /api/files/:id (to whoever may read
 * it; 404 to anyone else, as for an id that does not exist).
 */
export function fileRoutes(files: Files) {
  const app = new Hono<AppEnv>();
  app.post('/', async (c) => {
    // The Node server hands over its IncomingMessage (a Readable); in-process requests have only the web body.
    const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
    try {
      const file = await files.receive(c.req.raw, c.get('actor'), incoming instanceof Readable ? incoming : undefined);
      return c.json({ file }, 201);
    } catch (e) {
      // In-process (no Node request to drain, server/files/upload.ts) the rest of a refused body is
      // not read: the connection is closed after the answer.
      if (e instanceof AppError && e.code === 'payload_too_large' && !(incoming instanceof Readable)) closeConnectionAfter(c);
      throw e;
    }
  });
  app.get('/:id', async (c) => {
    const ref = await files.readable(c.req.param('id'), c.get('actor'));
    if (!ref) return c.json(errorBody('not_found', 'Không tìm thấy tệp, hoặc bạn không có quyền xem tệp này.'), 404);
    const etag = `"${ref.sha256}"`;
    const common: Record<string, string> = {
      'Content-Type': ref.type,
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': contentDisposition(ref),
      ETag: etag,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'private, max-age=86400',
    };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, common);
    const range = parseRange(c.req.header('range'), ref.size, c.req.header('if-range'), etag);
    if (range === 'unsatisfiable') return c.body(null, 416, { ...common, 'Content-Range': `bytes */${ref.size}` });
    const stream = await files.store.read(ref.sha256, range ?? undefined);
    if (!stream) throw new AppError('internal', `Tệp «${ref.name}» không còn trong kho lưu trữ; hãy chạy npm run store:verify.`);
    const body = Readable.toWeb(stream) as ReadableStream;
    if (!range) return c.body(body, 200, { ...common, 'Content-Length': String(ref.size) });
    return c.body(body, 206, {
      ...common,
      'Content-Range': `bytes ${range.start}-${range.end}/${ref.size}`,
      'Content-Length': String(range.end - range.start + 1),
    });
  });
  return app;
}

/** inline for what a browser shows (PDF, images), attachment otherwise; the name as RFC 6266 `filename*`. */
export function contentDisposition(ref: FileRef): string {
  const ascii = ref.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(ref.name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${opensInline(ref.type) ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** One `bytes=` range (what PDF viewers send); several ranges or a stale If-Range get the whole file. */
export function parseRange(header: string | undefined, size: number, ifRange: string | undefined, etag: string): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header || (ifRange !== undefined && ifRange !== etag)) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
