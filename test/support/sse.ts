/** A Server-Sent Events reader over fetch, as a board would hold `/api/stream` open. */
export interface SseEvent {
  event: string;
  data: any;
}

export interface SseStream {
  status: number;
  /** Every event received so far, in order. */
  events: SseEvent[];
  /** Resolves with the first event, received at or after index `from`, that matches; rejects after timeoutMs. */
  waitFor(match: (e: SseEvent) => boolean, opts?: { from?: number; timeoutMs?: number }): Promise<SseEvent>;
  /** Resolves when the server ends the stream (or it is closed here). */
  ended: Promise<void>;
  /** Stops reading and cancels the stream (the server learns at once in-process, later over TCP). */
  close(): Promise<void>;
}

export async function openStream(url: string, cookie?: string, fetchImpl: typeof fetch = fetch): Promise<SseStream> {
  const controller = new AbortController();
  const res = await fetchImpl(url, {
    headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}) },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  let ended: Promise<void> = Promise.resolve();
  // The body is read as it is (no pipe in between), so closing here cancels the server's stream at
  // once, in-process as over the network.
  const reader = res.ok && res.body ? res.body.getReader() : undefined;
  if (reader) {
    ended = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
            }
            if (!data.length) continue;
            const text = data.join('\n');
            let parsed: any = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              /* keep the text */
            }
            events.push({ event, data: parsed });
            notify();
          }
        }
      } catch {
        /* aborted */
      }
    })();
  } else {
    await res.body?.cancel();
  }
  return {
    status: res.status,
    events,
    ended,
    waitFor(match, { from = 0, timeoutMs = 5000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.slice(from).find(match);
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching SSE event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: async () => {
      await reader?.cancel().catch(() => {});
      controller.abort();
    },
  };
}
