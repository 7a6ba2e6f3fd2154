import type { PlanRecord } from '../engine/records';
import type { EntryHead, LogEntry, NewLogEntry, StreamRef } from './entries';
import type { RawEntry } from './hashChain';

/**
 * The store port: what the engine needs from an event store, in the style of an event store
 * (append to streams with an expected version, read a stream, read everything after a global
 * position, subscribe to what is appended, save and load snapshots as a cache). Two
 * implementations: `embedded/` (NDJSON log + lowdb, the default) and `postgres/` (DATABASE_URL).
 * Both pass test/server/store/contract.test.ts.
 */

/** One entry to append and the version its stream must have before it (0: a new stream). */
export interface Append {
  entry: NewLogEntry;
  expectedVersion: number;
}

/** A stream moved on since the caller decided: re-read and decide again. The commit wrote nothing. */
export class StreamConflictError extends Error {
  constructor(
    readonly stream: StreamRef,
    readonly expected: number,
    readonly actual: number | undefined,
  ) {
    super(`stream ${stream.kind}/${stream.id} is at version ${actual ?? '?'}, not ${expected}`);
  }
}

/** An entry as replayed at start: its head, and the whole entry parsed only when asked for. */
export interface ReplayItem {
  head: EntryHead;
  load(): LogEntry;
}

/** Which stream an entry belongs to, as its head says. */
export type StreamTuple = Pick<EntryHead, 'kind' | 'planId' | 'taskId' | 'streamId'>;

/**
 * Every stored entry's head as columns, one row per entry in log order: what a start-up over a
 * million-entry history needs (stream versions, history positions) without an object or a
 * closure per entry. `stream` and `type` index the small tables of distinct values.
 */
export interface HeadColumns {
  count: number;
  seqs: ArrayLike<number>;
  stream: ArrayLike<number>;
  streams: readonly StreamTuple[];
  type: ArrayLike<number>;
  types: readonly string[];
  /** Idempotency keys, by row: few, and absent from most entries. */
  idem: ReadonlyMap<number, { key: string; body: string }>;
}

/** A plan's state as of global position `logSeq`: a cache, rebuilt from the log when missing or bad. */
export interface PlanSnapshot {
  logSeq: number;
  plan: PlanRecord;
}

export interface SnapshotPort {
  /** Every readable, well-formed snapshot not ahead of `maxSeq`. */
  loadAll(maxSeq: number): Promise<PlanSnapshot[]>;
  write(snapshot: PlanSnapshot): Promise<void>;
}

export type CommitListener = (entries: readonly LogEntry[]) => void;

export interface EventStore {
  /** Last global position this process has delivered to its subscribers. */
  readonly position: number;
  /**
   * Appends all entries or none, in order, each checked against its stream's expected version
   * (StreamConflictError otherwise). Resolves once the entries are durable AND have been delivered
   * to every subscriber, so a caller that awaits it can read its own write.
   */
  append(appends: readonly Append[]): Promise<LogEntry[]>;
  /** Delivers, in global order, every durable entry from any writer (this process or another instance). */
  subscribe(listener: CommitListener): () => void;
  /** Everything stored, in order, for the start-up replay. */
  replay(visit: (item: ReplayItem) => void): Promise<void>;
  /**
   * One durable entry by global position, read back on demand, for stores that keep history on
   * disk rather than in memory (the embedded store). The engine's history index then holds only
   * positions. Optional: PostgreSQL's replay hands the engine its entries instead.
   */
  loadEntry?(seq: number): LogEntry;
  /** With loadEntry: the heads of everything stored, as columns, for a start-up that replaces replay(). */
  headColumns?(): HeadColumns;
  /** One stream's entries, oldest first. */
  readStream(stream: StreamRef): Promise<LogEntry[]>;
  /** Entries after a global position as stored (body text and hash), for audit and copying. */
  readRaw(after?: number): AsyncIterable<RawEntry>;
  /**
   * Brings this process up to date with what other writers committed (no-op for a single writer).
   * Resolves true when anything new was delivered since `seenPosition`.
   */
  catchUp(seenPosition: number): Promise<boolean>;
  readonly snapshots: SnapshotPort;
  close(): Promise<void>;
}
