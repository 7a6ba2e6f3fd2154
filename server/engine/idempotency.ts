import { AppError } from '../errors';
import { streamKey, streamOf, type LogEntry, type StreamRef } from '../store/entries';
import { messages } from './messages';

/**
 * A request's Idempotency-Key as the engine records it: the key and the hash of the request's body
 * go into the log entry of the event it is accepted as (the same write as the event), so the key is
 * as durable as the event, survives a crash and is seen by every instance.
 */
export interface RequestKey {
  key: string;
  bodyHash: string;
  /** Who sent it: a key answers only its own user's retries. */
  userId: string;
  /** The stream the request addresses: the same key with the same body on another stream is another request. */
  stream: StreamRef;
  /** Told when the answer is the original one, rebuilt from the log (the HTTP layer marks it replayed). */
  replayed?: () => void;
}

/**
 * What an earlier acceptance with the same key means for a request: none (or another user's), so
 * decide it afresh; the same request, so answer it as its first acceptance left things; or another
 * request under a key already spent, refused.
 */
export function judgeRetry(prior: LogEntry | undefined, request: RequestKey): 'new' | 'replay' {
  if (!prior?.idem || prior.by.id !== request.userId) return 'new';
  if (streamKey(streamOf(prior)) !== streamKey(request.stream) || prior.idem.body !== request.bodyHash) {
    throw new AppError('idempotency_mismatch', messages.idempotencyMismatch);
  }
  return 'replay';
}
