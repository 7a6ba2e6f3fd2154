import { Hono } from 'hono';
import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { AppEnv, Deps } from '../http/context';
import { openLiveStream } from '../live/liveStream';
import { nodeSink } from '../live/nodeSink';
import { SSE_HEADERS } from '../live/sink';
import { webSink } from '../live/webSink';

/**
 * GET /api/stream: Server-Sent Events `task`, `progress`, `plan`, `inspection` after every accepted
 * change (server/live/liveStream.ts). On the Node server the bytes go straight to the socket;
 * served through `app.fetch` alone (in-process tests) they go to the response body's stream.
 */
export function streamRoutes({ hub }: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    const session = { actor: c.get('actor'), sessionHash: c.get('sessionHash'), expiresAt: c.get('sessionExpiresAt') };
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing) {
      openLiveStream(hub, nodeSink(outgoing), session);
      return RESPONSE_ALREADY_SENT;
    }
    const sink = webSink();
    openLiveStream(hub, sink, session);
    return c.body(sink.readable, 200, SSE_HEADERS);
  });
  return app;
}
