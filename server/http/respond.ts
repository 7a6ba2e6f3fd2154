import type { Context } from 'hono';
import type { z } from 'zod';
import type { ErrorCode } from '../../machines/api';
import { AppError, STATUS_OF } from '../errors';

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

export function sendError(c: Context, error: AppError) {
  if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds));
  return c.json(errorBody(error.code, error.message, error.details), STATUS_OF[error.code]);
}

/** Parses and validates a JSON body; anything else is a 400 naming what to fix. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().includes('application/json')) {
    throw new AppError('bad_request', 'Nội dung yêu cầu phải là JSON (Content-Type: application/json).');
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new AppError('bad_request', 'Nội dung yêu cầu không phải JSON hợp lệ.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const where = issues.map((i) => i.path || '(nội dung)').join(', ');
    throw new AppError('bad_request', `Dữ liệu không hợp lệ ở: ${where}.`, { issues });
  }
  return parsed.data;
}
