import * as crypto from 'node:crypto';

/**
 * sha256 of a text. `crypto.hash` (Node ≥ 20.12) is one call with no Hash object, about a third
 * of the cost; it runs on every commit (the chain) and every request (the session token).
 */
export const sha256 = (text: string, encoding: 'hex' | 'base64url'): string =>
  typeof crypto.hash === 'function' ? crypto.hash('sha256', text, encoding) : crypto.createHash('sha256').update(text).digest(encoding);
