import type { Actor } from '../../machines/roles';
import type { Hub, LiveClient } from './hub';
import { sseFrames } from './hub';
import type { StreamSink } from './sink';

/**
 * What one stream may hold unread. A board that stops reading (a stalled tab, a dead network path)
 * would otherwise make the server keep every event for it; past this bound the stream is dropped
 * and counted, and the board reconnects and reloads its state as after a network loss.
 */
export const MAX_QUEUED_BYTES = 256 * 1024;
/** A `ping` this often keeps proxies from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

const encoder = new TextEncoder();
/** `retry` tells the browser to reconnect after a second when the stream is lost. */
const HELLO = encoder.encode('event: hello\ndata: {}\nretry: 1000\n\n');
const PING = encoder.encode('event: ping\ndata: {}\n\n');

export interface LiveStreamOptions {
  actor: Actor;
  /** The session the stream was opened with (its token hash): logout closes its streams. */
  sessionHash: string;
  /** The session's end, which closes the stream as logout does. */
  expiresAt: Date;
}

/**
 * One board's live stream, whatever carries its bytes: greets it, joins the hub, sends a heartbeat,
 * ends it with its session (expiry here; logout, a disabled user or a changed role through the
 * hub), and drops it once its unread backlog passes MAX_QUEUED_BYTES. The hub's shared buffers are
 * handed to the sink as they are.
 */
export function openLiveStream(hub: Hub, sink: StreamSink, opts: LiveStreamOptions): void {
  const timers = hub.timers;
  let closed = false;
  const put = (bytes: Uint8Array) => {
    if (closed) return;
    if (sink.write(bytes) <= MAX_QUEUED_BYTES) return;
    // A reader that stopped: counted, and its backlog and connection freed now.
    finish();
    hub.drop(client);
    sink.destroy();
  };
  const client: LiveClient = {
    actor: opts.actor,
    sessionHash: opts.sessionHash,
    send: (event, data) => put(sseFrames([{ event, text: JSON.stringify(data) }])),
    write: put,
    close: () => {
      if (!finish()) return;
      sink.end();
    },
  };
  /** Stops everything the stream holds; false when it had already stopped. */
  function finish(): boolean {
    if (closed) return false;
    closed = true;
    stopHeartbeat();
    stopExpiry();
    leave();
    return true;
  }

  const leave = hub.add(client);
  const stopHeartbeat = timers.every(HEARTBEAT_MS, () => put(PING));
  const stopExpiry = timers.after(opts.expiresAt.getTime() - timers.now(), client.close);
  sink.onGone(finish);
  put(HELLO);
}
