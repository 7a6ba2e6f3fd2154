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

export type EntryHead = Pick<LogEntry, 'seq' | 'kind' | 'planId' | 'taskId' | 'type'>;

// append() writes seq, at, kind, planId, taskId?, type first, in this order (JSON.stringify keeps
// insertion order), so restore can index a line without parsing the rest of it.
const HEAD = /^\{"seq":(\d+),"at":"[^"]*","kind":"(plan|task)","planId":"([^"\\]*)"(?:,"taskId":"([^"\\]*)")?,"type":"([A-Z_]+)"/;

/** The head fields of a log line; falls back to a full parse for lines it cannot read cheaply. */
export function peek(line: string, lineNo: number): EntryHead {
  const m = HEAD.exec(line);
  if (m) return { seq: Number(m[1]), kind: m[2] as LogEntry['kind'], planId: m[3], taskId: m[4], type: m[5] };
  return parseLine(line, lineNo);
}

export function parseLine(line: string, lineNo: number): LogEntry {
  try {
    return JSON.parse(line) as LogEntry;
  } catch {
    throw new Error(`event log line ${lineNo} is not valid JSON; the log is damaged`);
  }
}

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
   * Opens the log and returns its lines, unparsed: restore parses only what it must (see
   * `peek`). A torn last line (a crash mid-write) was never acknowledged, so it is cut off.
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
    const fd = openSync(path, 'a+');
    if (end < text.length) ftruncateSync(fd, Buffer.byteLength(text.slice(0, end)));
    const lastSeq = lines.length ? peek(lines[lines.length - 1], lines.length).seq : 0;
    return { log: new EventLog(fd, lastSeq), lines };
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
    const { at, kind, planId, taskId, type, ...rest } = entry;
    const full: LogEntry = { seq: ++this.lastSeq, at, kind, planId, ...(taskId === undefined ? {} : { taskId }), type, ...rest };
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
