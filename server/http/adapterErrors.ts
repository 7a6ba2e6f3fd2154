import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { getRequestListener, RequestError } from '@hono/node-server';
import { errorBody } from './respond';

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=UTF-8' } });

/**
 * Requests the adapter refuses before the app sees them (a backslash in the path, a bad Host, a
 * URL it cannot parse) get the API's error shape instead of an empty 400.
 */
export function adapterErrorResponse(error: unknown): Response {
  if (error instanceof RequestError) {
    return json(400, errorBody('bad_request', `Yêu cầu không hợp lệ (${error.message}). Kiểm tra đường dẫn và tiêu đề Host.`));
  }
  console.error(error);
  return json(500, errorBody('internal', 'Lỗi máy chủ. Thao tác chưa được ghi nhận; vui lòng thử lại.'));
}

/** Node's own HTTP parser refusals (malformed request line or headers), in the same shape, then close. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'Tiêu đề yêu cầu quá lớn.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'Yêu cầu gửi quá chậm; vui lòng gửi lại.']
        : [400, 'Bad Request', 'Yêu cầu HTTP không đúng định dạng.'];
  const body = JSON.stringify(errorBody('bad_request', message));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=UTF-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * `serve` of @hono/node-server with the two handlers above: use it in place of `serve` in
 * server/main.ts (same options and callback).
 */
export function serveWithApiErrors(
  options: { fetch: Fetch; port: number; hostname?: string },
  onListening?: (info: AddressInfo) => void,
): Server {
  const server = createServer(
    getRequestListener(options.fetch, { hostname: options.hostname, errorHandler: adapterErrorResponse }),
  );
  server.on('clientError', answerClientError);
  server.listen(options.port, options.hostname, () => onListening?.(server.address() as AddressInfo));
  return server;
}
