import type { EntryHead, LogEntry, NewLogEntry, StreamRef } from './entries';
import type { RawEntry } from './hashChain';

/**
 * The store port: what the engine needs from an event store (append to streams with an expected
 * version, subscribe to what is appended, read history by its own index, read everything after a
 * global position, save and load snapshots as a cache). Every method is required: the engine never
 * asks which store it has. Two implementations, `embedded/` (NDJSON log + lowdb, the default) and
 * `postgres/` (DATABASE_URL); both run the contract in test/server/store/contract.ts.
 * The store knows entries and snapshots as data, not the engine's records.
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

/**
 * A plan's state as of global position `logSeq`: a cache, rebuilt from the log when missing or bad.
 * The store keeps it as data (it reads `plan.id` to file it); the engine checks what it reads back.
 */
export interface PlanSnapshot {
  logSeq: number;
  plan: { id: string };
}

/** A stored snapshot as read, before the engine checks it; `source` names it in a warning. */
export interface StoredSnapshot {
  source: string;
  data: unknown;
}

export interface SnapshotPort {
  /** Every snapshot stored, as data (one the store cannot even parse is skipped with a warning). */
  loadAll(): Promise<StoredSnapshot[]>;
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
 * History read from the store by its own index (the embedded log's offset index, PostgreSQL's
 * tables): the engine keeps no per-entry list in memory. Every read takes `through`, the last
 * position the engine has applied, so what it answers agrees with the engine's state even while
 * other instances write ahead of it; nothing past what is durable is ever answered.
 */
export interface HistoryReader {
  /** Every entry that names the task (its own stream and plan entries about it, like CHANGE_DEADLINE), in log order. */
  task(taskId: string, through: number): Promise<LogEntry[]>;
  /** Every entry of a plan, whatever its stream, in log order. */
  plan(planId: string, through: number): Promise<LogEntry[]>;
  /** A plan's entries after position `after` (up to `through`) that pass `filter`, at most `limit`, in log order. */
  planPage(planId: string, after: number, through: number, limit: number, filter?: HeadFilter): Promise<LogEntry[]>;
  /** One stream's entries (any kind: plan, task, inspection, finding, review, …), in log order. */
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
   * replay; the store delivers to subscribers from there on. What lies at or before `after` the
   * caller holds in snapshots, and takes its stream versions from `history.versionsThrough(after)`.
   */
  replay(visit: (item: ReplayItem) => void, after?: number): Promise<void>;
  readonly history: HistoryReader;
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
