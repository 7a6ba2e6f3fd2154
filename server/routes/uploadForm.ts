import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Role } from '../../machines/roles';
import { AppError } from '../errors';
import type { AppEnv } from '../http/context';
import { errorBody } from '../http/respond';
import { requireRole } from '../http/roles';
import type { RowError } from '../reports/importRows';
import { ParseGate } from '../office/parseGate';

/** An import file may be far larger than a JSON body (64 KB): 500 rows is ~40 KB, allow 5 MB. */
export const IMPORT_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * Import bodies held in memory at once (each up to 5 MB, copied a few times on its way to bytes);
 * one more is refused with 429 and Retry-After. Parsing itself then waits for the instance's office
 * parse gate (server/office/parseGate.ts), shared with every other reader of office files.
 */
export const IMPORT_UPLOADS = new ParseGate(4, 0);

/**
 * What every spreadsheet import route (plan, PAR index, dossiers) shares: the 5 MB body limit in
 * place of the 64 KB JSON one (server/app.ts exempts these paths), the same limit on bodies held in
 * memory at once (429 past it), the role check before the body is read, and the multipart form
 * with its `file`.
 */
export const uploadLimit: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: IMPORT_LIMIT_BYTES,
  onError: (c) => c.json(errorBody('payload_too_large', 'Tệp nhập vượt quá 5 MB.'), 413),
});

export interface Upload {
  file: File;
  fields: Record<string, string>;
}

export async function withUpload(c: Context<AppEnv>, roles: readonly Role[], what: string, use: (upload: Upload) => Promise<Response>): Promise<Response> {
  requireRole(c, roles, what);
  const release = await IMPORT_UPLOADS.enter();
  try {
    let form: Record<string, string | File>;
    try {
      form = (await c.req.parseBody()) as Record<string, string | File>;
    } catch {
      throw new AppError('bad_request', 'Gửi tệp bằng biểu mẫu multipart/form-data, trường «file».');
    }
    const file = form.file;
    if (!(file instanceof File)) throw new AppError('bad_request', 'Chưa chọn tệp Excel (.xlsx) để nhập (trường «file»).');
    const fields = Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return await use({ file, fields });
  } finally {
    release();
  }
}

/** The year field of an import form: a whole year between 2000 and 2100. */
export function yearField(raw: string | undefined): number {
  const year = Number(raw);
  if (!raw || !Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError('bad_request', 'Năm (year) phải là số nguyên từ 2000 đến 2100.', { field: 'year' });
  return year;
}

/**
 * A 400 listing every bad cell, nothing imported; `details` adds what else the client shows beside
 * the rows (the plan import's unknown units and areas).
 */
export function rowsRefused(rows: RowError[], what: string, details: Record<string, unknown> = {}): AppError {
  const first = rows[0];
  const where = first.column ? `Dòng ${first.row}, cột «${first.column}»` : `Dòng ${first.row}`;
  return new AppError('bad_request', `Tệp có ${rows.length} lỗi, chưa nhập ${what} nào. ${where}: ${first.message}`, { rows, ...details });
}
