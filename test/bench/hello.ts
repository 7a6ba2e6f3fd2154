import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/**
 * The yardstick: a Hono hello-world on @hono/node-server, started by the bench in its own process
 * and loaded by the same client as the real server, so "what Node and Hono can do at all on this
 * machine right now" is measured in the same run as the server.
 */
const app = new Hono();
app.get('/', (c) => c.json({ ok: true }));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening on http://127.0.0.1:${info.port}`));
