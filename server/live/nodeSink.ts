import type { ServerResponse } from 'node:http';
import { SSE_HEADERS, type StreamSink } from './sink';

/**
 * A stream written straight to Node's response. With a thousand boards open, every move is a
 * thousand writes: the web-streams pipeline a Hono stream goes through (a promise chain, a writer,
 * a ReadableStream read back by the adapter) cost more per board than the bytes themselves, so on
 * @hono/node-server the hub's shared buffers go to the socket directly. The unread backlog is the
 * socket's own `writableLength`.
 */
export function nodeSink(res: ServerResponse): StreamSink {
  res.writeHead(200, SSE_HEADERS);
  return {
    write: (bytes) => {
      res.write(bytes);
      return res.writableLength;
    },
    end: () => res.end(),
    destroy: () => res.destroy(),
    onGone: (listener) => res.once('close', listener),
  };
}
