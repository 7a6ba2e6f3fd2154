import { Hono } from 'hono';
import type { AppEnv } from '../http/context';
import { openApiDocument } from '../openapi/document';
import { DOCS_CSS, docsPage } from '../openapi/docsPage';

/** The API's own description: GET /api/openapi.json (OpenAPI 3.1), /api/docs (HTML) and its stylesheet. Public, like /api/health. */
export function openApiRoutes() {
  const app = new Hono<AppEnv>();
  let page: string | undefined;
  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/docs', (c) => c.html((page ??= docsPage(openApiDocument()))));
  app.get('/docs.css', (c) => c.body(DOCS_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }));
  return app;
}
