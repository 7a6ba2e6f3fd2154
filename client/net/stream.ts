import type { StreamEvents } from '../../machines/api';

export interface StreamHandlers {
  /** Every (re)connection: the caller refetches, since events sent while disconnected are lost. */
  onOpen(): void;
  onTask(task: StreamEvents['task']): void;
  onProgress(progress: StreamEvents['progress']): void;
  onPlan(event: StreamEvents['plan']): void;
  /** An inspection or one of its findings changed (the inspection as the receiving user sees it). */
  onInspection?(inspection: StreamEvents['inspection']): void;
  onConnectionChange?(connected: boolean): void;
}

const RETRY_MS = 2000;

/**
 * Follows /api/stream. EventSource reconnects by itself after a network drop, but gives up for
 * good on a non-200 answer (a proxy's 502 while the server restarts), so then we start a new one.
 */
export function openStream(handlers: StreamHandlers): () => void {
  let source: EventSource | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const connect = () => {
    const current = new EventSource('/api/stream', { withCredentials: true });
    source = current;
    const parse = <K extends keyof StreamEvents>(name: K, handle: (data: StreamEvents[K]) => void) =>
      current.addEventListener(name, (event) => {
        let data: StreamEvents[K];
        try {
          data = JSON.parse((event as MessageEvent<string>).data) as StreamEvents[K];
        } catch {
          return; // a malformed event must not stop the stream; the next reconnect refetches anyway
        }
        handle(data);
      });
    current.addEventListener('open', () => {
      handlers.onConnectionChange?.(true);
      handlers.onOpen();
    });
    current.addEventListener('error', () => {
      handlers.onConnectionChange?.(false);
      if (current.readyState === EventSource.CLOSED && !closed) {
        retry = setTimeout(connect, RETRY_MS);
      }
    });
    parse('task', handlers.onTask);
    parse('progress', handlers.onProgress);
    parse('plan', handlers.onPlan);
    if (handlers.onInspection) parse('inspection', handlers.onInspection);
  };

  connect();
  return () => {
    closed = true;
    clearTimeout(retry);
    source?.close();
  };
}
