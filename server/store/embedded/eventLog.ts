import { closeSync, constants, fdatasync, fstatSync, ftruncateSync, openSync, readSync, write } from 'node:fs';
import { promisify } from 'node:util';
import { continuesCommit } from '../entries';

const writeAsync = promisify(write);
/**
 * Opened with O_DSYNC: each write returns only once its bytes (and the file size that reaches them)
 * are on disk, the durability of write + fdatasync in one system call and one trip to libuv's
 * thread pool instead of two per group commit.
 */
const DSYNC: number | undefined = constants.O_DSYNC;
const LOG_FLAGS = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | (DSYNC ?? 0);
/** Where the platform has no O_DSYNC (Windows), each group write is followed by fdatasync. */
const syncAfterWrite = DSYNC === undefined ? promisify(fdatasync) : undefined;
const CHUNK = 8 << 20;
/** Enough of a line for its head fields (seq … type); a longer head (a long idempotency key) is read whole. */
export const PREFIX_BYTES = 256;

/**
 * The embedded store's append-only file: one entry per line. Writes are acknowledged only once they
 * are on disk (O_DSYNC, below), and concurrent writes share one synchronous write (group commit):
 * while a flush is on disk, new writes queue and go together in the next one. It knows lines, not entries.
 */
export class EventLog {
  private queue: Array<{ bytes: Buffer; resolve: () => void; reject: (e: Error) => void }> = [];
  private flushing = false;
  private failure: Error | undefined;
  /** Resolves once every write so far is durable. */
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};
  private lastDurable: Promise<void> = Promise.resolve();
  /** Durable write rounds so far: fewer than writes under concurrency (group commit). */
  flushes = 0;

  private constructor(
    /** Open for reading too: entries are read back by offset (LogIndex). */
    readonly fd: number,
    private written: number,
  ) {}

  /**
   * Opens the log and shows `visit` each line of every complete commit, in order, reading the file
   * in chunks so a long history never sits in memory as one string. A torn last line (a crash
   * mid-write) was never acknowledged, so it is cut off, and so are the lines of a multi-entry commit
   * whose last entry never reached the disk: a commit is all or nothing. `visit` gets the line's
   * first bytes as text (enough for its head fields), the whole text on demand (only during the
   * call), and where the line lies in the file.
   */
  static open(
    path: string,
    visit: (prefix: string, full: () => string, offset: number, length: number) => void,
    /** Where to start: the end of what a saved index already covers (at a commit boundary). */
    from: (fd: number, size: number) => number = () => 0,
  ): EventLog {
    const fd = openSync(path, LOG_FLAGS, 0o600);
    let buffer = Buffer.allocUnsafe(CHUNK);
    let bufferAt = from(fd, fstatSync(fd).size); // file offset of buffer[0]
    let filled = 0;
    let keep = bufferAt; // file offset just after the last complete commit
    let pending: Array<{ text: string; offset: number; length: number }> = [];
    for (;;) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, bufferAt + filled);
      filled += n;
      let start = 0;
      for (;;) {
        const nl = buffer.indexOf(10, start);
        if (nl < 0 || nl >= filled) break;
        const offset = bufferAt + start;
        const length = nl - start;
        const prefix = buffer.toString('utf8', start, Math.min(nl, start + PREFIX_BYTES));
        if (continuesCommit(prefix)) {
          pending.push({ text: buffer.toString('utf8', start, nl), offset, length });
        } else {
          for (const p of pending) visit(p.text, () => p.text, p.offset, p.length);
          pending = [];
          const from = start;
          visit(prefix, () => buffer.toString('utf8', from, nl), offset, length);
          keep = offset + length + 1;
        }
        start = nl + 1;
      }
      if (n === 0) break;
      if (start === 0 && filled === buffer.length) {
        // One line longer than the buffer (a plan of thousands of tasks): make room for it.
        const grown = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(grown, 0, 0, filled);
        buffer = grown;
      } else {
        buffer.copy(buffer, 0, start, filled);
        bufferAt += start;
        filled -= start;
      }
    }
    if (keep < bufferAt + filled) ftruncateSync(fd, keep);
    return new EventLog(fd, keep);
  }

  /** Bytes in the file, durable or queued: where the next line written will start. */
  get size(): number {
    return this.written;
  }

  /** Queues encoded text (whole lines, each ending in \n) and settles when it is durable. */
  write(bytes: Buffer): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.written += bytes.length;
    const durable = new Promise<void>((resolve, reject) => this.queue.push({ bytes, resolve, reject }));
    // Callers handle their own rejection; this copy only tells durableNow() when the queue has landed.
    this.lastDurable = durable.catch(() => {});
    if (!this.flushing) {
      this.flushing = true;
      this.idle = new Promise((resolve) => (this.markIdle = resolve));
      // Let the requests already parsed in this turn join the first batch.
      setImmediate(() => void this.flush());
    }
    return durable;
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  /** Waits until the queue has drained completely (used on shutdown). */
  whenIdle(): Promise<void> {
    return this.idle;
  }

  /** Settles once every write queued before this call is on disk, however busy the log stays. */
  durableNow(): Promise<void> {
    return this.lastDurable;
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      try {
        const buffer = batch.length === 1 ? batch[0].bytes : Buffer.concat(batch.map((b) => b.bytes));
        let offset = 0;
        while (offset < buffer.length) {
          const { bytesWritten } = await writeAsync(this.fd, buffer, offset, buffer.length - offset);
          offset += bytesWritten;
        }
        if (syncAfterWrite) await syncAfterWrite(this.fd);
        this.flushes++;
        for (const b of batch) b.resolve();
      } catch (e) {
        // The disk refused: refuse everything after so nothing unsaved is acknowledged.
        this.failure = e as Error;
        for (const b of [...batch, ...this.queue]) b.reject(this.failure);
        this.queue = [];
      }
    }
    this.flushing = false;
    this.markIdle();
  }

  async close(): Promise<void> {
    await this.whenIdle();
    closeSync(this.fd);
  }
}
