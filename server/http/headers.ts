import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers on every response. The Content-Security-Policy is strict: scripts only from
 * this origin (the built board has no inline script), no plugins, no framing, no base-URI or
 * form-target tricks. Styles: the built stylesheet; React's `style={…}` props are set through the
 * CSSOM, which CSP does not restrict, so no 'unsafe-inline' is needed. The favicon is a data: URI.
 */
export const securityHeaders = () =>
  secureHeaders({
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
