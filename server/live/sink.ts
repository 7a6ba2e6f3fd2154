/**
 * Where a live stream's bytes go: a Node socket on the server, a web ReadableStream when the app is
 * served through `app.fetch` alone (in-process tests, other runtimes). The stream's behaviour
 * (liveStream.ts) is the same over both; a sink only moves bytes and says how many wait unread.
 */
export interface StreamSink {
  /** Queues bytes for the reader; returns how many bytes are now queued and not yet taken by it. */
  write(bytes: Uint8Array): number;
  /** Ends the stream after what is queued. */
  end(): void;
  /** Ends the stream now and frees what is queued (a reader that stopped reading). */
  destroy(): void;
  /** `listener` runs once when the reader goes away on its own (socket closed, body cancelled). */
  onGone(listener: () => void): void;
}

/** The response headers of a Server-Sent Events stream (nginx: do not buffer it). */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;
