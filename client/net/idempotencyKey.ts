/** README, Retries: each move carries a fresh key, so a retried request is never applied twice. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * 128 random bits, hex. `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost),
 * and agencies often open the board over plain HTTP on their LAN; getRandomValues works in both.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
