import { Ajv2020 } from 'ajv/dist/2020.js';
import { openApiDocument, openApiPath } from '../../server/openapi/document';

/**
 * Checks an answer of the app against the OpenAPI document: the operation the method and path
 * name, the schema it describes for that status (or the Error schema for a described error).
 * Used by test/server/openapi.test.ts, and by every in-process route test when OPENAPI_CHECK=1
 * (test/support/app.ts), so the document is held to what the routes really answer.
 */

const doc = openApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(doc, 'openapi.json');

interface Matcher {
  pattern: RegExp;
  statics: number;
  operations: Record<string, any>;
}

/** Static segments win over parameters: /api/inspections/programme is not /api/inspections/{id}. */
const matchers: Matcher[] = Object.entries(doc.paths)
  .map(([path, operations]) => ({
    pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
    statics: path.split('/').filter((s) => s && !s.startsWith('{')).length,
    operations: operations as Record<string, any>,
  }))
  .sort((a, b) => b.statics - a.statics);

export function describedOperation(method: string, pathname: string): any | undefined {
  for (const m of matchers) if (m.pattern.test(pathname)) return m.operations[method.toLowerCase()];
  return undefined;
}

/** Undefined when the answer is as described; otherwise what differs, in words. */
export function answerProblem(method: string, url: string, status: number, contentType: string | null, body: unknown): string | undefined {
  const { pathname } = new URL(url, 'http://x');
  if (!pathname.startsWith('/api/')) return undefined;
  const op = describedOperation(method, pathname);
  if (!op) {
    // Anything the app does not serve answers 404 in the error shape.
    return status === 404 ? schemaProblem('#/components/schemas/Error', body) : `${method} ${pathname}: không có trong tài liệu OpenAPI`;
  }
  const described = op.responses[String(status)] ?? (status >= 400 ? op.responses.default : undefined);
  if (!described) return `${method} ${pathname}: mã ${status} không được mô tả`;
  const media = described.content ? Object.keys(described.content)[0] : undefined;
  if (!media) return body === undefined || body === '' ? undefined : `${method} ${pathname} ${status}: có nội dung nhưng tài liệu nói không có`;
  if (media !== '*/*' && !(contentType ?? '').startsWith(media)) return `${method} ${pathname} ${status}: ${contentType}, tài liệu nói ${media}`;
  const ref = described.content[media].schema?.$ref;
  if (!ref) return undefined;
  const problem = schemaProblem(ref, body);
  return problem && `${method} ${pathname} ${status}: ${problem}`;
}

function schemaProblem(ref: string, body: unknown): string | undefined {
  const validate = ajv.getSchema(`openapi.json${ref}`);
  if (!validate) return `không có lược đồ ${ref}`;
  return validate(body) ? undefined : `${ref}: ${ajv.errorsText(validate.errors, { separator: '; ' })}`;
}

export { openApiPath };

/** Throws when the app's answer to `request` is not as the document describes it (the flag's check). */
export async function assertDescribed(method: string, url: string, res: Response): Promise<void> {
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) return;
  const text = await res.clone().text();
  let body: unknown = text;
  if (res.headers.get('content-type')?.includes('json') && text) body = JSON.parse(text);
  if (typeof body === 'string' && !res.headers.get('content-type')?.startsWith('application/json')) body = undefined;
  const problem = answerProblem(method, url, res.status, res.headers.get('content-type'), text === '' ? undefined : body);
  if (problem) throw new Error(`OpenAPI: ${problem}`);
}
