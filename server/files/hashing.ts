import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/** The sha256 (hex) of a stream's bytes, read through once; undefined when there is no stream. */
export async function sha256Of(stream: Readable | undefined): Promise<string | undefined> {
  if (!stream) return undefined;
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const SHA256 = /^[0-9a-f]{64}$/;
