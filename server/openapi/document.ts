import { z } from 'zod';
import { CSRF_HEADER, CSRF_VALUE } from '../../machines/api';
import { IDEMPOTENCY_HEADER } from '../http/idempotency';
import { SESSION_COOKIE } from '../http/session';
import { OPERATIONS, type Operation } from './operations';
import * as Responses from './responses';

/**
 * The OpenAPI 3.1 document, generated from ./operations.ts and the zod schemas it names (zod's own
 * JSON Schema output, draft 2020-12, which OpenAPI 3.1 uses as is). Built once, on first request.
 */

const REF = (id: string) => `#/components/schemas/${id}`;

/** `/api/plans/:planId` → `/api/plans/{planId}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

export const operationId = (op: Pick<Operation, 'method' | 'path'>) =>
  op.method +
  op.path
    .replace(/^\/api/, '')
    .split(/[/.]/)
    .filter(Boolean)
    .map((part) => part.replace(/^:/, 'by-'))
    .join('-')
    .replace(/(^|-)(\w)/g, (_, __, ch: string) => ch.toUpperCase());

type Registry = ReturnType<typeof z.registry<{ id: string }>>;

/** Registers `schema` under `id` unless it has a name already; returns the name it goes by. */
function named(registry: Registry, schema: z.ZodType, id: string): string {
  const existing = registry.get(schema);
  if (existing) return existing.id;
  registry.add(schema, { id });
  return id;
}

function components(registry: Registry, io: 'input' | 'output') {
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io, unrepresentable: 'any', uri: REF });
  // Each comes with `$schema` and an `$id` equal to its own reference: the document holds them instead.
  for (const schema of Object.values(schemas)) {
    delete (schema as { $schema?: string }).$schema;
    delete (schema as { $id?: string }).$id;
  }
  return schemas;
}

const errorAnswer = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: REF('Error') } } } });

function buildDocument() {
  // Requests are described as the client sends them (zod input: defaults optional), answers as the
  // server writes them (zod output); two registries, so one name never means both.
  const requests = z.registry<{ id: string }>();
  const answers = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(Responses)) answers.add(schema, { id: name.replace(/Schema$/, '') });

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const id = operationId(op);
    const pathParams = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const queryParams = Object.entries(op.query ?? {}).map(([name, q]) => ({
      name, in: 'query', required: false, description: q.description, schema: z.toJSONSchema(q.schema, { target: 'draft-2020-12' }),
    }));
    const headers = [
      ...(op.method === 'get' ? [] : [{ name: CSRF_HEADER, in: 'header', required: true, description: `Chống CSRF: giá trị «${CSRF_VALUE}»`, schema: { const: CSRF_VALUE } }]),
      ...(op.idempotent ? [{ name: IDEMPOTENCY_HEADER, in: 'header', required: false, description: 'Gửi lại cùng khóa và cùng nội dung: nhận lại câu trả lời cũ, sự kiện không ghi hai lần', schema: { type: 'string', maxLength: 200 } }] : []),
    ];
    for (const p of queryParams) delete (p.schema as { $schema?: string }).$schema;

    const responses: Record<string, unknown> = {};
    for (const [status, answer] of Object.entries(op.answers)) {
      if (answer === null) responses[status] = { description: 'Không có nội dung' };
      else if ('media' in answer) responses[status] = { description: answer.description, content: { [answer.media]: { schema: answer.media === 'application/json' ? { type: 'object' } : { type: 'string' } } } };
      else responses[status] = { description: 'Thành công', content: { 'application/json': { schema: { $ref: REF(named(answers, answer, `${id}${status}`)) } } } };
    }
    if (op.body || op.form || pathParams.length || queryParams.length) responses['400'] = errorAnswer('Yêu cầu không hợp lệ (bad_request)');
    if (op.access !== 'public') responses['401'] = errorAnswer('Chưa đăng nhập (unauthenticated)');
    if (op.access !== 'public' && op.access !== 'session') responses['403'] = errorAnswer('Vai trò không được phép (forbidden)');
    if (op.method !== 'get') responses['403'] ??= errorAnswer('Thiếu tiêu đề chống CSRF, hoặc không có quyền (forbidden)');
    if (pathParams.length) responses['404'] = errorAnswer('Không tìm thấy (not_found)');
    if (op.method !== 'get') responses['409'] = errorAnswer('Xung đột phiên bản, hoặc bước không được phép ở trạng thái này (conflict, transition_not_allowed)');
    responses.default = errorAnswer('Lỗi khác, theo mã error.code');

    (paths[openApiPath(op.path)] ??= {})[op.method] = {
      operationId: id,
      tags: [op.tag],
      summary: op.summary,
      description: `Quyền: ${ACCESS[op.access]}.`,
      ...(op.access === 'public' ? { security: [] } : {}),
      ...(pathParams.length + queryParams.length + headers.length ? { parameters: [...pathParams, ...queryParams, ...headers] } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: REF(named(requests, op.body, `${id}Body`)) } } } } } : {}),
      ...(op.form ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: { $ref: REF(named(requests, op.form, `${id}Form`)) } } } } } : {}),
      responses,
    };
  }

  const answerSchemas = components(answers, 'output');
  const requestSchemas = components(requests, 'input');
  for (const name of Object.keys(requestSchemas)) if (name in answerSchemas) throw new Error(`OpenAPI: tên lược đồ trùng: ${name}`);

  return {
    openapi: '3.1.0',
    info: {
      title: 'Tiến Độ API',
      version: '1',
      description:
        'Kế hoạch cải cách hành chính, nhiệm vụ, tiến độ, kỳ sơ kết và kiểm tra. Đăng nhập bằng POST /api/session (cookie phiên); ' +
        `mọi yêu cầu thay đổi dữ liệu gửi kèm tiêu đề ${CSRF_HEADER}: ${CSRF_VALUE}. Lỗi luôn có dạng {"error": {"code", "message"}}.`,
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }],
    tags: [...new Set(OPERATIONS.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Cookie phiên do POST /api/session đặt' } },
      schemas: { ...answerSchemas, ...requestSchemas },
    },
  };
}

const ACCESS: Record<Operation['access'], string> = {
  public: 'không cần đăng nhập',
  session: 'người đã đăng nhập (máy chủ kiểm tra quyền theo vai trò và đơn vị)',
  leader: 'lãnh đạo Sở',
  'leader or coordinator': 'lãnh đạo Sở hoặc Văn phòng (đầu mối CCHC)',
};

export type OpenApiDocument = ReturnType<typeof buildDocument>;

let built: OpenApiDocument | undefined;
export const openApiDocument = (): OpenApiDocument => (built ??= buildDocument());
