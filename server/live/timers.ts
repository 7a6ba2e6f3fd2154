/**
 * The wall clock and timers a live stream runs on (heartbeat, session expiry). Injected so tests
 * can move time on instead of waiting for it; the server runs on the real ones.
 */
export interface LiveTimers {
  /** Milliseconds since the epoch, on the clock session expiry instants are read against. */
  now(): number;
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
  /** Calls `fn` once, `ms` from now, unless the returned function is called first. */
  after(ms: number, fn: () => void): () => void;
}

/** setTimeout's ceiling (about 24.8 days); sessions are far shorter. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Node's timers, unref'd: an open socket keeps the process alive, a stream's timer need not. */
export const realTimers: LiveTimers = {
  now: () => Date.now(),
  every: (ms, fn) => {
    const t = setInterval(fn, ms).unref();
    return () => clearInterval(t);
  },
  after: (ms, fn) => {
    const t = setTimeout(fn, Math.min(MAX_TIMER_MS, Math.max(0, ms))).unref();
    return () => clearTimeout(t);
  },
};
