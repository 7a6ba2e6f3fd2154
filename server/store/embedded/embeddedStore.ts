import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { entryBody, peekEntry, parseEntry, splitHash, streamKey, streamOf, withHash, type EntryHead, type LogEntry } from '../entries';
import { chainHash, GENESIS, type RawEntry } from '../hashChain';
import { StreamConflictError, type Append, type CommitListener, type EventStore, type ReplayItem } from '../port';
import { EmbeddedHistory } from './embeddedHistory';
import { EventLog } from './eventLog';
import { LogIndex } from './logIndex';
import { SnapshotFiles } from './snapshots';

export const LOG_FILE = 'events.ndjson';
/** The offset index as of the last clean close: a cache, checked against the log and rebuilt when it does not match. */
export const INDEX_FILE = 'events.idx';

/**
 * The default store: everything under DATA_DIR, nothing to install. The NDJSON log is the store of
 * record (group commit, on disk before any answer); lowdb files hold per-plan snapshots. This
 * process is the only writer, so it decides expected-version races itself, synchronously, as it
 * assigns positions: the stream versions below count entries queued but not yet durable.
 */
export class EmbeddedStore implements EventStore {
  readonly snapshots: SnapshotFiles;
  readonly history: EmbeddedHistory;
  private readonly listeners = new Set<CommitListener>();
  private assigned: number;
  private delivered: number;
  private lastHash: string;
  /** Settles once everything appended so far has been delivered (or failed). */
  private lastDelivery: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly log: EventLog,
    /** Every line's place in the file and head: history stays on disk, read back by offset. */
    private readonly index: LogIndex,
    private readonly versions: Map<string, number>,
    /** Where it lives: the evidence files (server/files) are kept beside the log. */
    readonly dataDir: string,
  ) {
    this.snapshots = new SnapshotFiles(dataDir);
    this.history = new EmbeddedHistory(index, (rows) => this.lines(rows), () => this.delivered);
    let hash = GENESIS;
    // The chain hash of the last line is all that is needed, unless lines from before the chain
    // existed have to be hashed to continue it.
    const last = index.count ? splitHash(this.text(index.count - 1)) : undefined;
    if (last && !last.hash) for (let i = 0; i < index.count; i++) hash = chainHash(hash, splitHash(this.text(i)).body);
    this.lastHash = last?.hash ?? hash;
    this.assigned = this.delivered = index.count ? index.seq(index.count - 1) : 0;
  }

  static async open(dataDir: string): Promise<EmbeddedStore> {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    let index = new LogIndex();
    const log = EventLog.open(
      join(dataDir, LOG_FILE),
      (prefix, full, offset, length) => index.push(headOf(prefix, full, `event log line ${index.count + 1}`), offset, length),
      // The index saved by the last clean close covers most of the log: only the rest is scanned.
      (fd, size) => {
        const saved = LogIndex.load(join(dataDir, INDEX_FILE), fd, size);
        if (!saved) return 0;
        index = saved.index;
        return saved.size;
      },
    );
    return new EmbeddedStore(log, index, index.versions(), dataDir);
  }

  get position(): number {
    return this.delivered;
  }

  /** Durable write rounds so far (group commit makes them fewer than commits). */
  get flushes(): number {
    return this.log.flushes;
  }

  append(appends: readonly Append[]): Promise<LogEntry[]> {
    if (this.log.failed) return Promise.reject(this.log.failed);
    // Check every expectation first: a refused commit assigns nothing. Several entries of one
    // commit may go to the same stream; the expectation is the stream's version before the commit.
    const next = new Map<string, number>();
    const svs: number[] = [];
    for (const { entry, expectedVersion } of appends) {
      const stream = streamOf(entry);
      const key = streamKey(stream);
      const before = this.versions.get(key) ?? 0;
      if (!next.has(key) && before !== expectedVersion) {
        return Promise.reject(new StreamConflictError(stream, expectedVersion, before));
      }
      const sv = (next.get(key) ?? before) + 1;
      next.set(key, sv);
      svs.push(sv);
    }
    const entries: LogEntry[] = [];
    const lines: Buffer[] = [];
    let offset = this.log.size;
    appends.forEach(({ entry }, i) => {
      const full: LogEntry = { ...entry, seq: ++this.assigned, sv: svs[i] };
      entries.push(full);
      const body = entryBody(i < appends.length - 1 ? { ...full, more: true } : full);
      this.lastHash = chainHash(this.lastHash, body);
      // Encoded once: its length for the index and its bytes for the file.
      const line = Buffer.from(`${withHash(body, this.lastHash)}\n`);
      // Indexed now, read only once delivered (nothing reads past `position`).
      this.index.push(full, offset, line.length - 1);
      offset += line.length;
      lines.push(line);
    });
    for (const [key, v] of next) this.versions.set(key, v);
    // Durable writes settle in the order they were queued, so deliveries run in log order.
    const delivery = this.log.write(lines.length === 1 ? lines[0] : Buffer.concat(lines)).then(() => {
      this.delivered = entries[entries.length - 1].seq;
      for (const listener of this.listeners) listener(entries);
      return entries;
    });
    this.lastDelivery = delivery.catch(() => {});
    return delivery;
  }

  subscribe(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async replay(visit: (item: ReplayItem) => void, after = 0): Promise<void> {
    const count = this.index.count;
    // Lines are in log order: start at the first one past `after`.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.index.seq(mid) <= after) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < count; i++) visit({ head: this.index.head(i), load: () => this.line(i) });
  }

  async *readRaw(after = 0): AsyncIterable<RawEntry> {
    await this.lastDelivery;
    const count = this.index.count;
    for (let i = 0; i < count; i++) {
      const seq = this.index.seq(i);
      if (seq > after) yield { seq, ...splitHash(this.text(i)) };
    }
  }

  /** A single writer is never behind anyone; it only waits for its own queued commits. */
  async catchUp(seenPosition: number): Promise<boolean> {
    await this.lastDelivery;
    return this.delivered > seenPosition;
  }

  async close(): Promise<void> {
    await this.lastDelivery;
    await this.log.whenIdle();
    if (!this.log.failed) {
      try {
        this.index.save(join(this.dataDir, INDEX_FILE), this.log.fd, this.log.size);
      } catch (e) {
        console.warn(`event log index not saved (the next start scans the log): ${(e as Error).message}`);
      }
    }
    await this.log.close();
  }

  private text(i: number): string {
    return this.index.read(this.log.fd, i);
  }

  private line(i: number): LogEntry {
    return parseEntry(this.text(i), `event log line ${i + 1}`);
  }

  /** Several lines (ascending), back-to-back ones read together. */
  private lines(rows: readonly number[]): LogEntry[] {
    return this.index.readMany(this.log.fd, rows).map((text, k) => parseEntry(text, `event log line ${rows[k] + 1}`));
  }
}

/** A line's head from its first bytes; the whole line when those do not say (old or damaged lines). */
function headOf(prefix: string, full: () => string, where: string): EntryHead {
  try {
    return peekEntry(prefix, where);
  } catch (e) {
    const text = full();
    if (text.length === prefix.length) throw e;
    return peekEntry(text, where);
  }
}
