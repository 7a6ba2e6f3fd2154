import { closeSync, fdatasync, ftruncateSync, openSync, readFileSync, write } from 'node:fs';
import { promisify } from 'node:util';

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);

/** One accepted event as it stands in the append-only log (one JSON object per line). */
export interface LogEntry {
  seq: number;
  at: string;
  /** What the event was sent to. */
  kind: 'plan' | 'task';
  planId: string;
  /** Task id for task events and task-scoped amendments. */
  taskId?: string;
  type: string;
  by: { id: string; username: string };
  from: string;
  to: string;
  /** Version of the machine that accepted it. */
  mv: number;
  payload?: Record<string, unknown>;
  /** The machine snapshot after the event, so state is rebuilt from the log without re-deciding. */
  snapshot?: Record<string, unknown>;
}

export type NewLogEntry = Omit<LogEntry, 'seq'>;

/**
 * The event log is the store of record. Appends are acknowledged only after fdatasync, and
 * concurrent appends share one write + one fdatasync (group commit): while a flush is on disk,
 * new entries queue and go together in the next one.
 */
export class EventLog {
  private fd: number;
  private lastSeq: number;
  private queue: Array<{ line: string; resolve: () => void; reject: (e: Error) => void }> = [];
  private flushing = false;
  private failure: Error | undefined;
  /** Resolves once every entry appended so far is durable. */
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};
  private lastDurable: Promise<void> = Promise.resolve();
  /** Write+fdatasync rounds so far: fewer than appends under concurrency (group commit). */
  flushes = 0;

  private constructor(fd: number, lastSeq: number) {
    this.fd = fd;
    this.lastSeq = lastSeq;
  }

  /**
   * Opens the log and returns the entries already in it. A torn last line (a crash mid-write) was
   * never acknowledged, so it is cut off; damage anywhere else is refused loudly.
   */
  static open(path: string): { log: EventLog; entries: LogEntry[] } {
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const end = text.lastIndexOf('\n') + 1;
    const entries: LogEntry[] = [];
    let start = 0;
    let lineNo = 0;
    while (start < end) {
      const nl = text.indexOf('\n', start);
      lineNo++;
      const line = text.slice(start, nl);
      start = nl + 1;
      if (!line) continue;
      try {
        entries.push(JSON.parse(line) as LogEntry);
      } catch {
        throw new Error(`${path}: line ${lineNo} is not valid JSON; the event log is damaged`);
      }
    }
    const fd = openSync(path, 'a+');
    if (end < Buffer.byteLength(text)) ftruncateSync(fd, Buffer.byteLength(text.slice(0, end)));
    const lastSeq = entries.length ? entries[entries.length - 1].seq : 0;
    return { log: new EventLog(fd, lastSeq), entries };
  }

  get seq(): number {
    return this.lastSeq;
  }

  /**
   * Assigns the next seq synchronously (so callers apply the entry to memory in the same tick,
   * in log order) and returns it with a promise that settles when the entry is durable.
   */
  append(entry: NewLogEntry): { entry: LogEntry; durable: Promise<void> } {
    if (this.failure) throw this.failure;
    const full: LogEntry = { seq: ++this.lastSeq, ...entry };
    const durable = new Promise<void>((resolve, reject) => {
      this.queue.push({ line: JSON.stringify(full) + '\n', resolve, reject });
    });
    // Callers handle their own rejection; this copy only tells durableNow() when the queue has landed.
    this.lastDurable = durable.catch(() => {});
    if (!this.flushing) {
      this.flushing = true;
      this.idle = new Promise((resolve) => (this.markIdle = resolve));
      // Let the requests already parsed in this turn join the first batch.
      setImmediate(() => void this.flush());
    }
    return { entry: full, durable };
  }

  /** Waits until the queue has drained completely (used on shutdown). */
  whenIdle(): Promise<void> {
    return this.idle;
  }

  /** Settles once every entry appended before this call is on disk, however busy the log stays. */
  durableNow(): Promise<void> {
    return this.lastDurable;
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      try {
        const buffer = Buffer.from(batch.map((b) => b.line).join(''));
        let offset = 0;
        while (offset < buffer.length) {
          const { bytesWritten } = await writeAsync(this.fd, buffer, offset, buffer.length - offset);
          offset += bytesWritten;
        }
        await fdatasyncAsync(this.fd);
        this.flushes++;
        for (const b of batch) b.resolve();
      } catch (e) {
        // Memory is ahead of the disk now; refuse everything after so nothing unsaved is acknowledged.
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
