import type { OpenApiDocument } from './document';

/**
 * /api/docs: the OpenAPI document as a page a person reads, rendered here on the server as plain
 * HTML with one same-origin stylesheet (/api/docs.css): no script, no CDN, so it works under the
 * app's strict CSP and on an agency network that reaches nothing outside.
 */

type Schema = Record<string, any>;

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const refName = (ref: string) => ref.replace('#/components/schemas/', '');
const anchor = (name: string) => `schema-${name}`;

/** A short type label: `Task`, `string[]`, `"a" | "b"`, `integer ≥ 0`. */
function typeOf(s: Schema): string {
  if (s.$ref) return `<a href="#${anchor(refName(s.$ref))}">${esc(refName(s.$ref))}</a>`;
  if (s.const !== undefined) return `<code>${esc(JSON.stringify(s.const))}</code>`;
  if (s.enum) return s.enum.map((v: unknown) => `<code>${esc(JSON.stringify(v))}</code>`).join(' | ');
  if (s.anyOf || s.oneOf) return (s.anyOf ?? s.oneOf).map(typeOf).join(' | ');
  if (s.type === 'array') return `${s.items ? typeOf(s.items) : 'any'}[]`;
  if (Array.isArray(s.type)) return s.type.join(' | ');
  const limits = [
    s.minLength !== undefined && `≥ ${s.minLength} ký tự`,
    s.maxLength !== undefined && `≤ ${s.maxLength} ký tự`,
    s.minimum !== undefined && Math.abs(s.minimum) < 1e15 && `≥ ${s.minimum}`,
    s.maximum !== undefined && Math.abs(s.maximum) < 1e15 && `≤ ${s.maximum}`,
  ].filter(Boolean);
  return `${esc(s.type ?? 'any')}${limits.length ? ` <span class="limits">(${limits.join(', ')})</span>` : ''}`;
}

/** An object's fields as a table; nested objects as nested tables; unions as one table per variant. */
function fields(s: Schema): string {
  if (s.$ref || s.type !== 'object') {
    if (s.oneOf || s.anyOf) return (s.oneOf ?? s.anyOf).map((v: Schema) => `<div class="variant">${fields(v)}</div>`).join('');
    if (s.type === 'array' && s.items?.type === 'object') return `<p>Mảng các phần tử:</p>${fields(s.items)}`;
    return `<p class="type">${typeOf(s)}</p>`;
  }
  const required = new Set<string>(s.required ?? []);
  const rows = Object.entries<Schema>(s.properties ?? {}).map(([name, p]) => {
    const nested = p.type === 'object' && p.properties ? fields(p) : p.type === 'array' && p.items?.type === 'object' ? fields(p.items) : '';
    return `<tr><th scope="row"><code>${esc(name)}</code></th><td>${nested ? (p.type === 'array' ? 'object[]' : 'object') : typeOf(p)}${nested}</td>` +
      `<td>${required.has(name) ? 'bắt buộc' : 'không bắt buộc'}</td><td>${esc(p.description ?? '')}</td></tr>`;
  });
  const open = s.additionalProperties && s.additionalProperties !== false ? '<p>Có thể có thêm trường khác.</p>' : '';
  return rows.length
    ? `<table><thead><tr><th scope="col">Trường</th><th scope="col">Kiểu</th><th scope="col">Bắt buộc</th><th scope="col">Ghi chú</th></tr></thead><tbody>${rows.join('')}</tbody></table>${open}`
    : `<p>object</p>${open}`;
}

function content(body: Schema | undefined): string {
  if (!body?.content) return '';
  return Object.entries<Schema>(body.content).map(([media, { schema }]) => `<p class="media"><code>${esc(media)}</code> ${schema?.$ref ? typeOf(schema) : ''}</p>`).join('');
}

export function docsPage(doc: OpenApiDocument): string {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Schema })));
  const byTag = new Map<string, typeof ops>();
  for (const o of ops) byTag.set(o.op.tags[0], [...(byTag.get(o.op.tags[0]) ?? []), o]);

  const toc = [...byTag].map(([tag, list]) =>
    `<li>${esc(tag)}<ul>${list.map((o) => `<li><a href="#${esc(o.op.operationId)}"><span class="method ${o.method}">${o.method.toUpperCase()}</span> ${esc(o.path)}</a></li>`).join('')}</ul></li>`).join('');

  const sections = [...byTag].map(([tag, list]) => `<section aria-labelledby="tag-${esc(tag)}"><h2 id="tag-${esc(tag)}">${esc(tag)}</h2>${list.map(({ path, method, op }) => `
    <article id="${esc(op.operationId)}" class="operation">
      <h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
      <p>${esc(op.summary)}. ${esc(op.description)}</p>
      ${op.parameters?.length ? `<h4>Tham số</h4><table><thead><tr><th scope="col">Tên</th><th scope="col">Ở đâu</th><th scope="col">Kiểu</th><th scope="col">Ghi chú</th></tr></thead><tbody>${op.parameters.map((p: Schema) =>
        `<tr><th scope="row"><code>${esc(p.name)}</code></th><td>${esc(p.in)}${p.required ? ', bắt buộc' : ''}</td><td>${typeOf(p.schema)}</td><td>${esc(p.description ?? '')}</td></tr>`).join('')}</tbody></table>` : ''}
      ${op.requestBody ? `<h4>Nội dung gửi</h4>${content(op.requestBody)}` : ''}
      <h4>Trả lời</h4>
      <ul class="answers">${Object.entries<Schema>(op.responses).map(([status, r]) => `<li><strong>${esc(status)}</strong> ${esc(r.description)} ${content(r)}</li>`).join('')}</ul>
    </article>`).join('')}</section>`).join('');

  const schemas = Object.entries<Schema>(doc.components.schemas).map(([name, s]) =>
    `<article id="${anchor(name)}" class="schema"><h3><code>${esc(name)}</code></h3>${fields(s)}</article>`).join('');

  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} — tài liệu</title>
<link rel="stylesheet" href="/api/docs.css">
</head>
<body>
<header><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)}</p>
<p>Tài liệu máy đọc được (OpenAPI ${esc(doc.openapi)}): <a href="/api/openapi.json">/api/openapi.json</a></p></header>
<nav aria-label="Mục lục"><h2>Mục lục</h2><ul>${toc}<li><a href="#schemas">Lược đồ dữ liệu</a></li></ul></nav>
<main>${sections}<section aria-labelledby="schemas"><h2 id="schemas">Lược đồ dữ liệu</h2>${schemas}</section></main>
</body>
</html>`;
}

export const DOCS_CSS = `
body { font: 16px/1.5 system-ui, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto; padding: 1rem; max-width: 72rem; }
a { color: #0b4f9c; overflow-wrap: anywhere; }
code { font-family: ui-monospace, Consolas, monospace; font-size: 0.95em; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { border: 1px solid #c8c8c8; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #eef2f7; }
td table { font-size: 0.95em; }
.operation, .schema { border-top: 1px solid #c8c8c8; padding: 0.5rem 0 1rem; }
.method { display: inline-block; min-width: 4.5em; font: 700 0.85em ui-monospace, Consolas, monospace; padding: 0.1em 0.4em; border-radius: 3px; color: #fff; background: #3d4a5c; text-align: center; }
.method.get { background: #1f6f43; } .method.post { background: #0b4f9c; } .method.patch { background: #7a4d00; } .method.delete { background: #a4161a; }
.limits { color: #4a4a4a; }
.variant { border-left: 3px solid #c8c8c8; padding-left: 0.5rem; margin: 0.5rem 0; }
nav ul { padding-left: 1.25rem; }
nav li a { display: inline-block; padding: 0.35rem 0; min-height: 24px; overflow-wrap: anywhere; }
/* A phone: tables stack, a row per block, the header row kept for screen readers only. */
@media (max-width: 760px) {
  body { padding: 0.5rem; }
  .method { min-width: 0; }
  table, tbody, tr, th, td { display: block; width: auto; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  tr { border-top: 1px solid #c8c8c8; padding: 0.3rem 0; }
  th, td { border: none; padding: 0.1rem 0.3rem; }
  td table { margin-left: 0.5rem; }
}
`;
