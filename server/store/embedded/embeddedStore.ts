import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entryBody, peekEntry, parseEntry, splitHash, streamKey, streamOf, withHash, type LogEntry, type StreamRef } from '../entries';
import { chainHash, GENESIS, type RawEntry } from '../hashChain';
import { StreamConflictError, type Append, type CommitListener, type EventStore, type ReplayItem } from '../port';
import { EventLog } from './eventLog';
import { SnapshotFiles } from './snapshots';

export const LOG_FILE = 'events.ndjson';

/**
 * The default store: everything under DATA_DIR, nothing to install. The NDJSON log is the store of
 * record (group commit, fdatasync before any answer); lowdb files hold per-plan snapshots. This
 * process is the only writer, so it decides expected-version races itself, synchronously, as it
 * assigns positions: the stream versions below count entries queued but not yet durable.
 */
export class EmbeddedStore implements EventStore {
  readonly snapshots: SnapshotFiles;
  private readonly listeners = new Set<CommitListener>();
  private readonly versions = new Map<string, number>();
  private assigned: number;
  private delivered: number;
  private lastHash: string;
  private lines: string[] | undefined;
  /** Settles once everything appended so far has been delivered (or failed). */
  private lastDelivery: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private readonly log: EventLog,
    lines: string[],
    dataDir: string,
  ) {
    this.snapshots = new SnapshotFiles(dataDir);
    this.lines = lines;
    let hash = GENESIS;
    // The chain hash of the last line is all that is needed, unless lines from before the chain
    // existed have to be hashed to continue it.
    const last = lines.length ? splitHash(lines[lines.length - 1]) : undefined;
    lines.forEach((line, i) => {
      const head = peekEntry(line, `event log line ${i + 1}`);
      const key = streamKey(streamOf(head));
      this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
      if (!last?.hash) hash = chainHash(hash, splitHash(line).body);
    });
    this.lastHash = last?.hash ?? hash;
    this.assigned = this.delivered = lines.length ? peekEntry(lines[lines.length - 1], 'last log line').seq : 0;
  }

  static async open(dataDir: string): Promise<EmbeddedStore> {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const path = join(dataDir, LOG_FILE);
    const { log, lines } = EventLog.open(path);
    return new EmbeddedStore(path, log, lines, dataDir);
  }

  get position(): number {
    return this.delivered;
  }

  /** Write+fdatasync rounds so far (group commit makes them fewer than commits). */
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
    let text = '';
    appends.forEach(({ entry }, i) => {
      const full: LogEntry = { ...entry, seq: ++this.assigned, sv: svs[i] };
      entries.push(full);
      const body = entryBody(i < appends.length - 1 ? { ...full, more: true } : full);
      this.lastHash = chainHash(this.lastHash, body);
      text += withHash(body, this.lastHash) + '\n';
    });
    for (const [key, v] of next) this.versions.set(key, v);
    // Durable writes settle in the order they were queued, so deliveries run in log order.
    const delivery = this.log.write(text).then(() => {
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

  async replay(visit: (item: ReplayItem) => void): Promise<void> {
    const lines = this.lines ?? readLines(this.path);
    this.lines = undefined;
    lines.forEach((line, i) => {
      const where = `event log line ${i + 1}`;
      visit({ head: peekEntry(line, where), load: () => parseEntry(line, where) });
    });
  }

  /** Reads the file: the engine keeps its own index, so this serves audits, copies and tests. */
  async readStream(stream: StreamRef): Promise<LogEntry[]> {
    await this.lastDelivery;
    const key = streamKey(stream);
    const out: LogEntry[] = [];
    readLines(this.path).forEach((line, i) => {
      const where = `event log line ${i + 1}`;
      if (streamKey(streamOf(peekEntry(line, where))) === key) out.push(parseEntry(line, where));
    });
    return out;
  }

  async *readRaw(after = 0): AsyncIterable<RawEntry> {
    await this.lastDelivery;
    const lines = readLines(this.path);
    for (let i = 0; i < lines.length; i++) {
      const seq = peekEntry(lines[i], `event log line ${i + 1}`).seq;
      if (seq > after) yield { seq, ...splitHash(lines[i]) };
    }
  }

  /** A single writer is never behind anyone; it only waits for its own queued commits. */
  async catchUp(seenPosition: number): Promise<boolean> {
    await this.lastDelivery;
    return this.delivered > seenPosition;
  }

  async close(): Promise<void> {
    await this.lastDelivery;
    await this.log.close();
  }
}

function readLines(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const end = text.lastIndexOf('\n');
  return end < 0 ? [] : text.slice(0, end).split('\n');
}
