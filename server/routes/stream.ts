import { Hono } from 'hono';
import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { streamSSE } from 'hono/streaming';
import type { AppEnv, Deps } from '../http/context';
import type { LiveClient } from '../live/hub';
import { openNodeStream } from '../live/nodeStream';

const HEARTBEAT_MS = 15_000;
/**
 * What one stream may hold unwritten. A board that stops reading (a stalled tab, a dead network
 * path) would otherwise make the server keep every event for it; past this bound the stream is
 * dropped and counted, and the board reconnects and reloads its state as after a network loss.
 */
export const MAX_QUEUED_BYTES = 256 * 1024;
/** setTimeout's ceiling (about 24.8 days); sessions are far shorter. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** GET /api/stream: Server-Sent Events `task`, `progress`, `plan` after every accepted change. */
export function streamRoutes({ hub }: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing) {
      openNodeStream(outgoing, hub, {
        actor: c.get('actor'),
        sessionHash: c.get('sessionHash'),
        sessionExpiresAt: c.get('sessionExpiresAt'),
        maxQueuedBytes: MAX_QUEUED_BYTES,
        heartbeatMs: HEARTBEAT_MS,
      });
      return RESPONSE_ALREADY_SENT;
    }
    // Served through app.fetch alone (in-process tests, other runtimes): a Hono stream.
    return streamSSE(c, async (stream) => {
      let end!: () => void;
      const ended = new Promise<void>((resolve) => (end = resolve));
      let queued = 0;
      let dropped = false;
      // Writes are chained so events keep their order however fast they come.
      let chain: Promise<unknown> = Promise.resolve();
      const write = (event: string, data: string): number => {
        const size = Buffer.byteLength(data) + event.length + 16;
        queued += size;
        chain = chain
          .then(() => stream.writeSSE({ event, data, ...(event === 'hello' ? { retry: 1000 } : {}) }))
          .catch(() => {})
          .then(() => (queued -= size));
        return queued;
      };
      /** Frames the hub encoded once for many streams: no per-stream string building or encoding. */
      const writeFrames = (frames: Uint8Array): number => {
        queued += frames.byteLength;
        chain = chain
          .then(() => stream.write(frames))
          .catch(() => {})
          .then(() => (queued -= frames.byteLength));
        return queued;
      };
      const overflow = () => {
        dropped = true;
        hub.drop(client);
        // Its backlog would never drain: free it and the socket now rather than wait for a flush.
        stream.abort();
        (c.env as { outgoing?: { destroy(): void } } | undefined)?.outgoing?.destroy();
      };
      const client: LiveClient = {
        actor: c.get('actor'),
        sessionHash: c.get('sessionHash'),
        send: (event, data) => {
          if (!dropped && write(event, JSON.stringify(data)) > MAX_QUEUED_BYTES) overflow();
        },
        write: (frames) => {
          if (!dropped && writeFrames(frames) > MAX_QUEUED_BYTES) overflow();
        },
        close: end,
      };
      write('hello', '{}');
      const remove = hub.add(client);
      stream.onAbort(end);
      const heartbeat = setInterval(() => write('ping', '{}'), HEARTBEAT_MS);
      // The session's own end closes the stream, as logout does.
      const expiry = setTimeout(end, Math.min(MAX_TIMER_MS, Math.max(0, c.get('sessionExpiresAt').getTime() - Date.now())));
      await ended;
      clearInterval(heartbeat);
      clearTimeout(expiry);
      remove();
      // streamSSE then closes the writer after what is queued (nothing waits on a stalled reader).
    });
  });
  return app;
}
