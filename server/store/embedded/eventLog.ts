import { closeSync, fdatasync, ftruncateSync, openSync, readFileSync, write } from 'node:fs';
import { promisify } from 'node:util';
import { continuesCommit } from '../entries';

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);

/**
 * The embedded store's append-only file: one entry per line. Writes are acknowledged only after
 * fdatasync, and concurrent writes share one write + one fdatasync (group commit): while a flush is
 * on disk, new writes queue and go together in the next one. It knows lines, not entries.
 */
export class EventLog {
  private queue: Array<{ text: string; resolve: () => void; reject: (e: Error) => void }> = [];
  private flushing = false;
  private failure: Error | undefined;
  /** Resolves once every write so far is durable. */
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};
  private lastDurable: Promise<void> = Promise.resolve();
  /** Write+fdatasync rounds so far: fewer than writes under concurrency (group commit). */
  flushes = 0;

  private constructor(private readonly fd: number) {}

  /**
   * Opens the log and returns its lines, unparsed. A torn last line (a crash mid-write) was never
   * acknowledged, so it is cut off, and so are the lines of a multi-entry commit whose last entry
   * never reached the disk: a commit is all or nothing.
   */
  static open(path: string): { log: EventLog; lines: string[] } {
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const end = text.lastIndexOf('\n') + 1;
    const lines = end ? text.slice(0, end - 1).split('\n') : [];
    let keep = end;
    while (lines.length && continuesCommit(lines[lines.length - 1])) {
      keep -= lines.pop()!.length + 1;
    }
    const fd = openSync(path, 'a+', 0o600);
    if (keep < text.length) ftruncateSync(fd, Buffer.byteLength(text.slice(0, keep)));
    return { log: new EventLog(fd), lines };
  }

  /** Queues text (whole lines, each ending in \n) and settles when it is durable. */
  write(text: string): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const durable = new Promise<void>((resolve, reject) => this.queue.push({ text, resolve, reject }));
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
        const buffer = Buffer.from(batch.map((b) => b.text).join(''));
        let offset = 0;
        while (offset < buffer.length) {
          const { bytesWritten } = await writeAsync(this.fd, buffer, offset, buffer.length - offset);
          offset += bytesWritten;
        }
        await fdatasyncAsync(this.fd);
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
