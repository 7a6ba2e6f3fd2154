import type { StreamSink } from './sink';

/**
 * A stream as a web ReadableStream (the response body when the app is served through `app.fetch`).
 * Bytes are enqueued as they come, in order, with no promise per write; the queue's size in bytes
 * (a high-water mark of 0, so every byte the reader has not taken counts) is the unread backlog.
 */
export function webSink(): StreamSink & { readable: ReadableStream<Uint8Array> } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let gone: () => void = () => {};
  const readable = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
      },
      cancel: () => gone(),
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
  );
  return {
    readable,
    write: (bytes) => {
      controller.enqueue(bytes);
      return -(controller.desiredSize ?? 0);
    },
    end: () => controller.close(),
    destroy: () => controller.error(new Error('live stream dropped: its reader fell too far behind')),
    onGone: (listener) => {
      gone = listener;
    },
  };
}
