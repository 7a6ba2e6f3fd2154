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

/** Entries a history walk opens, by their head: of these stream kinds and/or these types (absent: any). */
export interface HeadFilter {
  kinds?: readonly string[];
  types?: readonly string[];
}

export function passesFilter(kind: string, type: string, filter: HeadFilter): boolean {
  return (!filter.kinds || filter.kinds.includes(kind)) && (!filter.types || filter.types.includes(type));
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

/** A stream's version counting only the entries up to some position (see HistoryReader.versionsThrough). */
export interface StreamVersion {
  kind: string;
  id: string;
  version: number;
}

/**
 * History read from the store itself, for a store with an index of its own to read it by
 * (PostgreSQL): the engine then keeps no per-entry list in memory and need not replay what its
 * snapshots already hold. Every read takes `through`, the last position the engine has applied, so
 * what it answers agrees with the engine's state even while other instances write ahead of it.
 */
export interface HistoryReader {
  /** Every entry that names the task (its own stream and plan entries about it, like CHANGE_DEADLINE), in log order. */
  task(taskId: string, through: number): Promise<LogEntry[]>;
  /** Every entry of a plan, whatever its stream, in log order. */
  plan(planId: string, through: number): Promise<LogEntry[]>;
  /** A plan's entries after position `after` (up to `through`), at most `limit`, in log order: a long history page by page. */
  planPage(planId: string, after: number, through: number, limit: number, filter?: HeadFilter): Promise<LogEntry[]>;
  /** A stream of a kind other than plan and task (an inspection, a finding, a review), in log order. */
  stream(kind: string, id: string, through: number): Promise<LogEntry[]>;
  /**
   * The latest entry accepted with this Idempotency-Key, wherever it is in the log (it may be
   * ahead of `through`: another instance accepted it and the caller has not caught up yet).
   */
  acceptedWithKey(key: string): Promise<LogEntry | undefined>;
  /** The last stored position: a snapshot ahead of it is not used. */
  last(): Promise<number>;
  /** The first position of any plan not named here (undefined: none), so a start can skip only what snapshots hold. */
  firstOfPlansOtherThan(planIds: readonly string[]): Promise<number | undefined>;
  /** Each stream's version counting only entries at or before `through`: the versions of a range not replayed. */
  versionsThrough(through: number): Promise<StreamVersion[]>;
}

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
  /**
   * Everything stored after position `after` (default 0: everything), in order, for the start-up
   * replay; the store delivers to subscribers from there on. The engine passes `after` > 0 only to
   * a store with `history`, having taken that range's stream versions from `versionsThrough`.
   */
  replay(visit: (item: ReplayItem) => void, after?: number): Promise<void>;
  /**
   * One durable entry by global position, read back on demand, for stores that keep history on
   * disk rather than in memory (the embedded store). The engine's history index then holds only
   * positions. Optional: PostgreSQL reads history through `history` instead.
   */
  loadEntry?(seq: number): LogEntry;
  /** With loadEntry: several entries by position (ascending), in one go where the store can. */
  loadEntries?(seqs: readonly number[]): LogEntry[];
  /** With loadEntry: the positions among `seqs` whose head passes `filter`, judged without reading an entry. */
  matching?(seqs: readonly number[], filter: HeadFilter): number[];
  /** With loadEntry: the heads of everything stored, as columns, for a start-up that replaces replay(). */
  headColumns?(): HeadColumns;
  /**
   * History read from the store on demand (PostgreSQL). Optional: without it (the embedded store)
   * the engine indexes history itself, by position with loadEntry.
   */
  readonly history?: HistoryReader;
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
