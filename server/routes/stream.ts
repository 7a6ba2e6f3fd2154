import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv, Deps } from '../http/context';

const HEARTBEAT_MS = 15_000;

/** GET /api/stream: Server-Sent Events `task`, `progress`, `plan` after every accepted change. */
export function streamRoutes({ hub }: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) =>
    streamSSE(c, async (stream) => {
      let open = true;
      // Writes are chained so events keep their order however fast they come.
      let chain: Promise<unknown> = stream.writeSSE({ event: 'hello', data: '{}', retry: 1000 });
      const remove = hub.add({
        actor: c.get('actor'),
        send: (event, data) => {
          chain = chain.then(() => stream.writeSSE({ event, data: JSON.stringify(data) })).catch(() => {});
        },
      });
      stream.onAbort(() => {
        open = false;
        remove();
      });
      while (open) {
        await stream.sleep(HEARTBEAT_MS);
        if (open) chain = chain.then(() => stream.writeSSE({ event: 'ping', data: '{}' })).catch(() => {});
      }
    }),
  );
  return app;
}
