import type { ServerResponse } from 'node:http';
import type { Actor } from '../../machines/roles';
import type { Hub, LiveClient } from './hub';
import { sseFrames } from './hub';

export interface NodeStreamOptions {
  actor: Actor;
  sessionHash: string;
  sessionExpiresAt: Date;
  /** Unsent bytes a stream may hold before it is dropped (see routes/stream.ts). */
  maxQueuedBytes: number;
  heartbeatMs: number;
}

/** setTimeout's ceiling (about 24.8 days); sessions are far shorter. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A live stream written straight to Node's response. With a thousand boards open, every move is a
 * thousand writes: the web-streams pipeline a Hono stream goes through (a promise chain, a writer,
 * a ReadableStream read back by the adapter) cost more per board than the bytes themselves, so on
 * @hono/node-server the stream writes the hub's shared buffers to the socket directly. The unsent
 * backlog is the socket's own `writableLength`, checked against the same bound.
 */
export function openNodeStream(res: ServerResponse, hub: Hub, opts: NodeStreamOptions): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  const put = (bytes: Uint8Array | string) => {
    if (closed) return;
    res.write(bytes);
    if (res.writableLength > opts.maxQueuedBytes) {
      // A reader that stopped: count it (the hub closes it), then free its backlog and socket now.
      hub.drop(client);
      res.destroy();
    }
  };
  const client: LiveClient = {
    actor: opts.actor,
    sessionHash: opts.sessionHash,
    send: (event, data) => put(sseFrames([{ event, text: JSON.stringify(data) }])),
    write: put,
    close: () => {
      finish();
      res.end();
    },
  };
  const remove = hub.add(client);
  const heartbeat = setInterval(() => put('event: ping\ndata: {}\n\n'), opts.heartbeatMs);
  // The session's own end closes the stream, as logout does.
  const expiry = setTimeout(client.close, Math.min(MAX_TIMER_MS, Math.max(0, opts.sessionExpiresAt.getTime() - Date.now())));
  function finish() {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(expiry);
    remove();
  }
  res.on('close', finish);
  put('event: hello\ndata: {}\nretry: 1000\n\n');
}
