import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { AppError } from './errors';
import { parseTrustProxy } from './http/clientAddress';
import { fastBodyLimit } from './http/bodyLimit';
import { closeConnectionAfter, refuseOnClosingConnection } from './http/connection';
import type { AppEnv, Deps } from './http/context';
import { csrf } from './http/csrf';
import { securityHeaders } from './http/headers';
import { idempotency, MemoryIdempotencyStore } from './http/idempotency';
import { MemoryLoginLimiter } from './http/loginLimiter';
import { errorBody, sendError } from './http/respond';
import { requireSession } from './http/session';
import { inspectionRoutes } from './routes/inspections';
import { planRoutes } from './routes/plans';
import { SESSION_PATH, sessionRoutes } from './routes/session';
import { streamRoutes } from './routes/stream';
import { taskRoutes } from './routes/tasks';
import { userRoutes } from './routes/users';
import { catalogueRoutes } from './routes/catalogue';
import { emulationRoutes } from './routes/emulation';
import { exportRoutes } from './routes/exports';
import { importRoutes, IMPORT_PATH } from './routes/imports';
import { periodRoutes } from './routes/periods';
import { openApiRoutes } from './routes/openapi';
import { reviewRoutes } from './routes/reviews';
import { parRoutes, PAR_IMPORT_PATH } from './routes/par';
import { dossierRoutes, DOSSIER_IMPORT_PATH } from './routes/dossiers';
import { fileRoutes, FILES_PATH } from './routes/files';
import { fileStoreFor } from './files/open';
import { Files } from './files/service';
import { notificationRoutes, unsubscribeRoutes } from './routes/notifications';
import { Notifications } from './notifications/notifications';

export const BODY_LIMIT_BYTES = 64 * 1024;

/** The whole HTTP surface: the API of API.md under /api, and the built board everywhere else. */
export function createApp(given: Deps, staticDir?: string) {
  const deps: Deps = { ...given, files: given.files ?? new Files(fileStoreFor(given.engine.store, { serving: true }), given.engine) };
  const limiter = deps.loginLimiter ?? new MemoryLoginLimiter();
  const trustProxy = deps.trustProxy ?? parseTrustProxy(process.env.TRUST_PROXY);
  const retries = idempotency(deps.idempotency ?? new MemoryIdempotencyStore());
  const notifications = deps.notifications ?? new Notifications(deps.engine, deps.accounts, deps.hub);

  const app = new Hono<AppEnv>();
  app.use(refuseOnClosingConnection);
  app.use(securityHeaders());

  const api = new Hono<AppEnv>();
  const jsonLimit = fastBodyLimit({
    maxSize: BODY_LIMIT_BYTES,
    onError: (c) => {
      closeConnectionAfter(c);
      return c.json(errorBody('payload_too_large', `Nội dung yêu cầu vượt quá ${BODY_LIMIT_BYTES / 1024} KB.`), 413);
    },
  });
  // The Excel imports set their own, larger limit (uploadLimit, server/routes/uploadForm.ts); uploads
  // stream under MAX_FILE_MB (server/files).
  const uploadPaths = new Set([IMPORT_PATH, PAR_IMPORT_PATH, DOSSIER_IMPORT_PATH, FILES_PATH]);
  api.use((c, next) => (uploadPaths.has(c.req.path) ? next() : jsonLimit(c, next)));
  api.get('/health', (c) =>
    c.json(
      c.req.query('detail') === undefined
        ? { ok: true }
        : { ok: true, streams: { open: deps.hub.size, dropped: deps.hub.drops }, ...(deps.outbox ? { mail: deps.outbox.stats() } : {}) },
    ),
  );
  api.route('/', openApiRoutes());
  // Opened from a mail program, without a session: the link's secret is the authority.
  api.route('/', unsubscribeRoutes(deps.accounts));
  api.use(csrf({ loginPath: `/api${SESSION_PATH}` }));
  api.route('/', sessionRoutes(deps, limiter, trustProxy));
  api.use(requireSession(deps.accounts));
  api.post('/tasks/:taskId/events', retries);
  api.post('/plans/:planId/events', retries);
  api.post('/inspections/:id/events', retries);
  api.post('/inspections/:id/findings/:findingId/events', retries);
  api.route('/plans', planRoutes(deps));
  api.route('/tasks', taskRoutes(deps));
  api.route('/inspections', inspectionRoutes(deps));
  api.route('/stream', streamRoutes(deps));
  api.route('/', userRoutes(deps, limiter));
  api.route('/periods', periodRoutes(deps.engine.clock));
  api.route('/', importRoutes(deps));
  api.route('/plans', emulationRoutes(deps));
  api.route('/plans', catalogueRoutes(deps));
  api.route('/', reviewRoutes(deps));
  api.route('/', exportRoutes(deps));
  api.route('/par', parRoutes(deps));
  api.route('/dossiers', dossierRoutes(deps));
  api.route('/files', fileRoutes(deps.files!));
  api.route('/', notificationRoutes(deps, notifications));
  api.all('*', (c) => c.json(errorBody('not_found', `Không có đường dẫn API ${c.req.method} ${c.req.path}.`), 404));
  app.route('/api', api);

  if (staticDir && existsSync(join(staticDir, 'index.html'))) {
    const index = readFileSync(join(staticDir, 'index.html'), 'utf8');
    app.use('/*', serveStatic({ root: staticDir }));
    // Client-side routes all load the board.
    app.get('*', (c) => c.html(index));
  } else {
    app.get('*', (c) => c.text('Giao diện chưa được build: chạy `npm start` (vite build rồi khởi động máy chủ).', 404));
  }

  app.onError((err, c) => {
    if (err instanceof AppError) return sendError(c, err);
    console.error(err);
    return c.json(errorBody('internal', 'Lỗi máy chủ. Thao tác chưa được ghi nhận; vui lòng thử lại.'), 500);
  });
  app.notFound((c) => c.json(errorBody('not_found', 'Không tìm thấy.'), 404));
  return app;
}
