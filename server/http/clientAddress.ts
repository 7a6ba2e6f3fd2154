import type { Context } from 'hono';

/** TRUST_PROXY: comma-separated addresses of reverse proxies whose X-Forwarded-For is believed. */
export function parseTrustProxy(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(normalise);
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are the same peer. */
const normalise = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/**
 * The client's address: the socket's peer, unless that peer is a configured proxy; then the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy (entries further left are
 * whatever the client claimed and are never believed).
 */
export function clientAddress(c: Context, trustedProxies: readonly string[]): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const peer = normalise(env?.incoming?.socket?.remoteAddress ?? 'local');
  if (!trustedProxies.includes(peer)) return peer;
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => normalise(s.trim())).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trustedProxies.includes(hops[i])) return hops[i];
  return peer;
}
