import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers on every response. The Content-Security-Policy is strict: scripts only from
 * this origin (the built board has no inline script), no plugins, no framing, no base-URI or
 * form-target tricks. Styles: the built stylesheet; React's `style={…}` props are set through the
 * CSSOM, which CSP does not restrict, so no 'unsafe-inline' is needed. The favicon is a data: URI.
 */
const policy = secureHeaders({
  crossOriginResourcePolicy: 'same-origin',
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
});

/** The headers Hono's secureHeaders sets with the policy above, read once from a response it made. */
const list: Promise<Array<[string, string]>> = Promise.resolve(
  new Hono()
    .use(policy)
    .get('/', (c) => c.body(null))
    .request('/'),
).then((res) => [...res.headers].filter(([name]) => name !== 'content-type'));

type NodeEnv = { outgoing?: { setHeader(name: string, value: string): unknown } } | undefined;

/**
 * Hono's middleware sets them on the web Response after the handler, which on the Node server means
 * building a Headers object and nine `set`s per request (5 % of a transition's CPU). On the Node
 * server they go on Node's response before the handler instead (its writeHead merges them in, and a
 * header the handler sets itself still wins); elsewhere (`app.request` in tests) Hono's own runs.
 */
export const securityHeaders = (): MiddlewareHandler => {
  let headers: Array<[string, string]> | undefined;
  return async (c, next) => {
    const outgoing = (c.env as NodeEnv)?.outgoing;
    if (!outgoing) return policy(c, next);
    headers ??= await list;
    for (const [name, value] of headers) outgoing.setHeader(name, value);
    return next();
  };
};
