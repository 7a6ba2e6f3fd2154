import type { PlanEventBody, TaskEventBody } from '../../machines/api';
import type { Actor } from '../../machines/roles';
import { AppError } from '../errors';
import { streamKey, streamOf, type EntryHead, type LogEntry, type NewLogEntry } from '../store/entries';
import { EmbeddedStore } from '../store/embedded/embeddedStore';
import { StreamConflictError, type EventStore, type HeadColumns, type HeadFilter, type HistoryReader } from '../store/port';
import { localDate } from '../../machines/dates';
import { applyEntry } from './apply';
import { AsOfCache } from './asOfCache';
import './kinds';
import { decideCreatePlan, decidePlan } from './decide/plan';
import type { Decided } from './decide/refusal';
import { decideTask } from './decide/task';
import { HistoryIndex } from './history';
import { judgeRetry, type RequestKey } from './idempotency';
import { messages } from './messages';
import type { PlanDefinition, PlanRecord, TaskRecord } from './records';
import { SnapshotScheduler } from './snapshotScheduler';

export interface EngineOptions {
  /** The store; without one, the embedded store in `dataDir`. */
  store?: EventStore;
  dataDir?: string;
  clock?: () => Date;
  /** How long accepted changes may wait before the plan snapshot is rewritten. */
  snapshotDelayMs?: number;
  /**
   * Called when the store refuses a write: what happens then is the process's policy (main.ts stops
   * it). The request that hit it gets a 500 either way.
   */
  onFatal?: (error: Error) => void;
}

/** Told of each entry the engine applies, with the plan as that entry left it (live streams). */
export type AppliedListener = (entry: LogEntry, plan: PlanRecord) => void;

/**
 * What a request answers, built from the plan exactly as its own commit left it: called while that
 * commit's last entry is applied, before anything committed after it is, so a later event of the
 * same group commit (or of another instance) never shows in it. Views are pure, so this is cheap
 * and synchronous.
 */
export type Answer<T> = (plan: PlanRecord) => T;

export interface ExecuteOptions<T> {
  /** Recorded with the commit's first entry; a retry with it is answered from the log (judgeRetry). */
  idem?: RequestKey;
  answer?: Answer<T>;
}

/** A commit waiting for its last entry to be applied, and the answer built then. */
interface Pending<T> {
  answer: Answer<T>;
  built?: { value: T } | { error: unknown };
}

/** How often a decision is retried when its stream moved on meanwhile (another request, another instance). */
const MAX_ATTEMPTS = 64;

/**
 * The authoritative workflow engine, kept thin: pure deciders turn (state, command, actor, clock)
 * into entries; the engine commits them through the store port, applies what the store delivers
 * (its own commits and, with PostgreSQL, other instances'), and tells listeners.
 */
export class Engine {
  readonly clock: () => Date;
  private readonly plans = new Map<string, PlanRecord>();
  private readonly index: HistoryIndex;
  /** Each stream's version as applied here: what a decision made now expects when it commits. */
  private readonly versions = new Map<string, number>();
  private readonly listeners = new Set<AppliedListener>();
  /**
   * Commits in flight, by the stream and version their last entry will have (known before it is
   * written: the version each stream is expected at, plus its entries). Two may wait for the same
   * mark; only one of them can be written.
   */
  private readonly pending = new Map<string, Pending<unknown>[]>();
  private readonly snapshots: SnapshotScheduler;
  private readonly asOf = new AsOfCache();
  /**
   * Idempotency keys recorded with accepted events (durable: they are in the log). Empty with a
   * store that reads history itself: keys are looked up there, on demand.
   */
  private readonly idemKeys = new Map<string, { bodyHash: string; seq: number; load?: () => LogEntry }>();

  private constructor(
    readonly store: EventStore,
    private readonly options: EngineOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    // A store that reads entries back by position keeps history on disk: the index holds positions.
    // One that reads history itself (PostgreSQL): the index holds no entries at all.
    this.index = new HistoryIndex(
      store.loadEntry && {
        load: (seq) => store.loadEntry!(seq),
        loadMany: store.loadEntries && ((seqs) => store.loadEntries!(seqs)),
        matching: store.matching && ((seqs, filter) => store.matching!(seqs, filter)),
      },
      store.history && { reader: store.history, through: () => store.position },
    );
    this.snapshots = new SnapshotScheduler(store.snapshots, (id) => this.plans.get(id), () => store.position, options.snapshotDelayMs ?? 1000);
  }

  /**
   * Loads snapshots, then replays whatever the store holds beyond them. A store that reads history
   * itself is replayed only after the lowest snapshot (see skipSnapshotted).
   */
  static async open(options: EngineOptions): Promise<Engine> {
    if (!options.store && !options.dataDir) throw new Error('Engine.open needs a store or a dataDir');
    const store: EventStore = options.store ?? (await EmbeddedStore.open(options.dataDir!));
    const engine = new Engine(store, options);
    const reader = store.history;
    const loadedThrough = new Map<string, number>();
    // A store that has replayed nothing yet is at position 0: its snapshots are checked against what it holds.
    for (const snap of await store.snapshots.loadAll(reader ? await reader.last() : store.position)) {
      engine.plans.set(snap.plan.id, snap.plan);
      loadedThrough.set(snap.plan.id, snap.logSeq);
    }
    const dirty = new Set<string>();
    const columns = store.loadEntry && store.headColumns?.();
    if (columns) engine.restoreColumns(columns, loadedThrough, dirty);
    else {
      const after = reader ? await engine.skipSnapshotted(reader, loadedThrough) : 0;
      await store.replay(({ head, load }) => {
        const fresh = head.seq > (loadedThrough.get(head.planId) ?? 0);
        engine.countVersion(head);
        if (head.idem && !reader) engine.idemKeys.set(head.idem.key, { bodyHash: head.idem.body, seq: head.seq, load: store.loadEntry ? undefined : load });
        if (fresh) {
          const entry = load();
          applyEntry(engine.plans, entry);
          dirty.add(entry.planId);
          engine.index.add(entry);
        } else if (head.type === 'CREATE' && head.kind === 'plan') {
          engine.index.add(load());
        } else {
          // Already in the snapshot: only its place in history matters until someone reads it.
          engine.index.add(head, load);
        }
      }, after);
    }
    for (const id of dirty) engine.snapshots.markDirty(id);
    store.subscribe((entries) => engine.apply(entries));
    return engine;
  }

  get isEmpty(): boolean {
    return this.store.position === 0;
  }

  now(): string {
    return this.clock().toISOString();
  }

  listPlans(): PlanRecord[] {
    return [...this.plans.values()];
  }

  getPlan(planId: string): PlanRecord {
    const plan = this.plans.get(planId);
    if (!plan) throw new AppError('not_found', messages.planNotFound(planId));
    return plan;
  }

  getTask(taskId: string): { plan: PlanRecord; task: TaskRecord } {
    const planId = this.index.taskPlan.get(taskId);
    const plan = planId === undefined ? undefined : this.plans.get(planId);
    if (!plan || !Object.hasOwn(plan.tasks, taskId)) throw new AppError('not_found', messages.taskNotFound(taskId));
    return { plan, task: plan.tasks[taskId] };
  }

  /** A task's history, oldest first (read from the store when it reads history itself). */
  async history(taskId: string): Promise<readonly LogEntry[]> {
    this.getTask(taskId);
    return this.index.task(taskId);
  }

  /** Every event of a plan, its tasks' and other streams' included, oldest first. */
  async planEvents(planId: string): Promise<readonly LogEntry[]> {
    this.getPlan(planId);
    return this.index.plan(planId);
  }

  /** Every event of a plan oldest first, a page at a time: for reads that walk a long history. */
  planPages(planId: string, size?: number, filter?: HeadFilter): AsyncGenerator<readonly LogEntry[]> {
    this.getPlan(planId);
    return this.index.planPages(planId, size, filter);
  }

  /** A stream of another kind (inspection, finding, review), oldest first. */
  streamEvents(kind: string, id: string): Promise<readonly LogEntry[]> {
    return this.index.stream(kind, id);
  }

  async planAsOf(planId: string, date: string): Promise<PlanRecord | undefined> {
    this.getPlan(planId);
    return this.asOf.get(planId, date, localDate(this.clock()), () => this.index.planAsOf(planId, date));
  }

  onCommit(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async createPlan(definition: PlanDefinition, actor: Actor, at = this.now()): Promise<PlanRecord> {
    return this.execute(() => decideCreatePlan(this.plans.has(definition.id), definition, actor, at), { answer: (plan) => plan });
  }

  /**
   * Sends a workflow event to a task. Without an `answer`, answers with the plan and a copy of the
   * task exactly as this event left it.
   */
  sendTaskEvent<T>(taskId: string, actor: Actor, body: TaskEventBody, at: string | undefined, options: { idem?: RequestKey; answer: Answer<T> }): Promise<T>;
  sendTaskEvent(taskId: string, actor: Actor, body: TaskEventBody, at?: string, options?: { idem?: RequestKey }): Promise<{ plan: PlanRecord; task: TaskRecord }>;
  sendTaskEvent(taskId: string, actor: Actor, body: TaskEventBody, at = this.now(), options: ExecuteOptions<unknown> = {}): Promise<unknown> {
    const answer: Answer<unknown> = options.answer ?? ((plan) => ({ plan, task: { ...plan.tasks[taskId] } }));
    return this.execute(() => {
      const { plan, task } = this.getTask(taskId);
      return decideTask(plan, task, actor, body, at, this.clock());
    }, { idem: options.idem, answer });
  }

  /**
   * The event a request with this Idempotency-Key was accepted as, if any (from the log, so it
   * survives restarts and is seen by every instance).
   */
  async acceptedWithKey(key: string): Promise<{ bodyHash: string; entry: LogEntry } | undefined> {
    const reader = this.store.history;
    if (!reader) {
      const found = this.idemKeys.get(key);
      return found && { bodyHash: found.bodyHash, entry: found.load ? found.load() : this.store.loadEntry!(found.seq) };
    }
    const entry = await reader.acceptedWithKey(key);
    if (!entry) return undefined;
    // Accepted by another instance and not applied here yet: catch up, so the history the answer
    // is rebuilt from reaches it.
    if (entry.seq > this.store.position) await this.store.catchUp(this.store.position);
    return { bodyHash: entry.idem!.body, entry };
  }

  /** Sends a plan event; answers with the plan (or what `answer` builds of it) as this event left it. */
  sendPlanEvent<T>(planId: string, actor: Actor, body: PlanEventBody, at: string | undefined, options: { idem?: RequestKey; answer: Answer<T> }): Promise<T>;
  sendPlanEvent(planId: string, actor: Actor, body: PlanEventBody, at?: string, options?: { idem?: RequestKey }): Promise<PlanRecord>;
  sendPlanEvent(planId: string, actor: Actor, body: PlanEventBody, at = this.now(), options: ExecuteOptions<unknown> = {}): Promise<unknown> {
    const answer: Answer<unknown> = options.answer ?? ((plan) => plan);
    return this.execute(() => decidePlan(this.getPlan(planId), actor, body, at, this.clock()), { idem: options.idem, answer });
  }

  /**
   * Decides against the state as applied here and commits what the decider returns, expecting
   * each stream at the version that decision saw. When a stream moved on meanwhile (a request
   * still being written, or another instance), or a refusal may rest on state not yet seen, it
   * catches up and decides again. Every command commits through here, with deciders of its own.
   * `decide` may read history first (async; the decider it calls stays pure): when anything was
   * applied while it read, it decides again, so one decision never mixes two states (the versions
   * it commits against are read after it returns).
   *
   * Answers with `answer` built from the state this commit produced (see Answer), or with the
   * committed entries. With `idem`, a request already accepted under that key is not decided again:
   * it is answered from the plan rebuilt through the entry its key was recorded with.
   */
  execute<T>(decide: () => Decided | Promise<Decided>, options: { idem?: RequestKey; answer: Answer<T> }): Promise<T>;
  execute(decide: () => Decided | Promise<Decided>, options?: { idem?: RequestKey }): Promise<LogEntry[]>;
  async execute<T>(decide: () => Decided | Promise<Decided>, { idem, answer }: ExecuteOptions<T> = {}): Promise<T | LogEntry[]> {
    for (let attempt = 1; ; attempt++) {
      if (idem) {
        const prior = await this.acceptedWithKey(idem.key);
        if (prior && judgeRetry(prior.entry, idem) === 'replay') return this.replay(prior.entry, idem, answer);
      }
      const seen = this.store.position;
      const decided = decide();
      // A synchronous decision commits in the same turn: no await in between.
      const decision = decided instanceof Promise ? await decided : decided;
      if (this.store.position !== seen && attempt < MAX_ATTEMPTS) continue;
      if (!decision.ok) {
        if (attempt < MAX_ATTEMPTS && (await this.store.catchUp(seen))) continue;
        const { code, message, details } = decision.refusal;
        throw new AppError(code, message, details);
      }
      if (idem) decision.entries[0] = { ...decision.entries[0], idem: { key: idem.key, body: idem.bodyHash } };
      try {
        return await this.commit(decision.entries, answer);
      } catch (e) {
        if (!(e instanceof StreamConflictError) || attempt >= MAX_ATTEMPTS) throw e;
        await this.store.catchUp(seen);
      }
    }
  }

  /** The answer to a request accepted before under its key: the plan as that entry left it. */
  private async replay<T>(prior: LogEntry, idem: RequestKey, answer: Answer<T> | undefined): Promise<T | LogEntry[]> {
    idem.replayed?.();
    if (!answer) return [prior];
    const plan = await this.index.planThrough(prior.planId, prior.seq);
    if (!plan) throw new Error(`log entry ${prior.seq} names plan ${prior.planId}, which its history does not create`);
    return answer(plan);
  }

  private async commit<T>(entries: NewLogEntry[], answer: Answer<T> | undefined): Promise<T | LogEntry[]> {
    const expected = new Map<string, number>();
    const after = new Map<string, number>();
    const appends = entries.map((entry) => {
      const key = streamKey(streamOf(entry));
      if (!expected.has(key)) expected.set(key, this.versions.get(key) ?? 0);
      after.set(key, (after.get(key) ?? expected.get(key)!) + 1);
      return { entry, expectedVersion: expected.get(key)! };
    });
    const lastKey = streamKey(streamOf(entries[entries.length - 1]));
    const mark = `${lastKey}\u0000${after.get(lastKey)}`;
    const pending: Pending<T> | undefined = answer && { answer };
    if (pending) this.pending.set(mark, [...(this.pending.get(mark) ?? []), pending as Pending<unknown>]);
    let written: LogEntry[];
    try {
      written = await this.store.append(appends);
    } catch (e) {
      if (!(e instanceof StreamConflictError)) (this.options.onFatal ?? logFatal)(e as Error);
      throw e;
    } finally {
      if (pending) {
        const rest = this.pending.get(mark)!.filter((p) => p !== pending);
        if (rest.length) this.pending.set(mark, rest);
        else this.pending.delete(mark);
      }
    }
    if (!pending) return written;
    // The port delivers a commit to subscribers before it acknowledges it (EventStore.append).
    if (!pending.built) throw new Error(`commit ending at ${written[written.length - 1].seq} was acknowledged before it was applied`);
    if ('error' in pending.built) throw pending.built.error;
    return pending.built.value;
  }

  /** Applies what the store delivered, in global order, and tells listeners. */
  private apply(entries: readonly LogEntry[]): void {
    for (const entry of entries) {
      const key = this.countVersion(entry);
      if (entry.idem && !this.store.history) this.idemKeys.set(entry.idem.key, { bodyHash: entry.idem.body, seq: entry.seq, load: this.store.loadEntry ? undefined : () => entry });
      applyEntry(this.plans, entry);
      this.index.add(entry);
      this.asOf.note(entry.planId, entry.at, () => localDate(this.clock()));
      const plan = this.plans.get(entry.planId)!;
      if (this.pending.size && entry.sv !== undefined) this.buildAnswers(`${key}\u0000${entry.sv}`, plan);
      this.snapshots.markDirty(entry.planId);
      for (const listener of this.listeners) listener(entry, plan);
    }
  }

  /**
   * The replay above for a store that reads entries back by position, over its head columns: one
   * pass over typed arrays, no object or closure per entry, so a start over a million events costs
   * little more than over a thousand. Entries past a plan's snapshot, and plan CREATEs (which say
   * which tasks a plan holds), are read and applied as in the replay; the rest only counted and
   * placed in history by position.
   */
  private restoreColumns(columns: HeadColumns, loadedThrough: ReadonlyMap<string, number>, dirty: Set<string>): void {
    const { count, seqs, stream, streams, type, types, idem } = columns;
    const perStream = new Uint32Array(streams.length);
    for (let i = 0; i < count; i++) perStream[stream[i]]++;
    streams.forEach((tuple, t) => {
      const key = streamKey(streamOf(tuple));
      this.versions.set(key, (this.versions.get(key) ?? 0) + perStream[t]);
    });
    for (const [row, { key, body }] of idem) this.idemKeys.set(key, { bodyHash: body, seq: seqs[row] });
    const create = types.indexOf('CREATE');
    const through = streams.map((tuple) => loadedThrough.get(tuple.planId) ?? 0);
    const isPlan = streams.map((tuple) => tuple.kind === 'plan');
    const lists = streams.map((tuple) => this.index.listsOf(tuple));
    for (let i = 0; i < count; i++) {
      const t = stream[i];
      const seq = seqs[i];
      if (seq > through[t] || (type[i] === create && isPlan[t])) {
        const entry = this.store.loadEntry!(seq);
        if (seq > through[t]) {
          applyEntry(this.plans, entry);
          dirty.add(entry.planId);
        }
        this.index.add(entry);
      } else {
        for (const list of lists[t]) list.push(seq);
      }
    }
  }

  /**
   * For a store that reads history itself: where the start-up replay may begin. Everything up to the
   * lowest snapshot is held by a snapshot, except the entries of plans without one, which are
   * replayed from their first entry. The skipped range's stream versions come from the store,
   * counted only up to that position, so entries the replay delivers later are not counted twice;
   * its tasks' plans come from the snapshots.
   */
  private async skipSnapshotted(reader: HistoryReader, loadedThrough: ReadonlyMap<string, number>): Promise<number> {
    if (!loadedThrough.size) return 0;
    const other = await reader.firstOfPlansOtherThan([...loadedThrough.keys()]);
    const after = Math.min(...loadedThrough.values(), other === undefined ? Infinity : other - 1);
    if (after <= 0) return 0;
    for (const { kind, id, version } of await reader.versionsThrough(after)) this.versions.set(streamKey({ kind, id }), version);
    for (const planId of loadedThrough.keys()) {
      for (const taskId of Object.keys(this.plans.get(planId)!.tasks)) this.index.taskPlan.set(taskId, planId);
    }
    return after;
  }

  /** The commits whose last entry was just applied build their answers now, before anything later is applied. */
  private buildAnswers(mark: string, plan: PlanRecord): void {
    for (const pending of this.pending.get(mark) ?? []) {
      try {
        pending.built = { value: pending.answer(plan) };
      } catch (error) {
        pending.built = { error };
      }
    }
  }

  private countVersion(head: EntryHead): string {
    const key = streamKey(streamOf(head));
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
    return key;
  }

  /** Writes a final snapshot and closes the store, for a clean shutdown. */
  async close(): Promise<void> {
    await this.store.catchUp(this.store.position);
    await this.snapshots.flush();
    await this.store.close();
  }
}

function logFatal(error: Error): void {
  console.error('FATAL: the store refused a write; nothing after it will be acknowledged.', error);
}
