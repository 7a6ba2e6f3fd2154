import type { Context, MiddlewareHandler } from 'hono';
import { errorBody } from './respond';

const CLOSING = Symbol('tiendo.connectionClosing');

type SocketEnv = { incoming?: { socket?: Record<symbol, unknown> } } | undefined;
const socketOf = (c: Context) => (c.env as SocketEnv)?.incoming?.socket;

/**
 * Ends the connection with this answer. A refused body left unread (413) would otherwise be taken
 * for further requests on a keep-alive connection: Node parses pipelined requests out of it, runs
 * them, and their answers are lost when the socket closes, so their clients cannot know whether a
 * move was committed.
 */
export function closeConnectionAfter(c: Context): void {
  c.header('Connection', 'close');
  const socket = socketOf(c);
  if (socket) socket[CLOSING] = true;
}

/** First in the chain: nothing that arrives on a connection being closed is run; the client retries on a new one. */
export const refuseOnClosingConnection: MiddlewareHandler = async (c, next) => {
  if (socketOf(c)?.[CLOSING] !== true) return next();
  c.header('Connection', 'close');
  return c.json(errorBody('bad_request', 'Kết nối đang được đóng sau một yêu cầu bị từ chối; hãy gửi lại yêu cầu này trên kết nối mới.'), 400);
};
