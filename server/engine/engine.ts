import type { PlanEventBody, TaskEventBody } from '../../machines/api';
import type { Actor } from '../../machines/roles';
import { AppError } from '../errors';
import { streamKey, streamOf, type EntryHead, type LogEntry, type NewLogEntry } from '../store/entries';
import { StreamConflictError, type EventStore, type HeadFilter } from '../store/port';
import { localDate } from '../../machines/dates';
import { applyEntry } from './apply';
import { AsOfCache } from './asOfCache';
import './kinds';
import { decideCreatePlan, decidePlan } from './decide/plan';
import type { Decided } from './decide/refusal';
import { decideTask } from './decide/task';
import { History } from './history';
import { judgeRetry, type RequestKey } from './idempotency';
import { messages } from './messages';
import type { PlanDefinition, PlanRecord, TaskRecord } from './records';
import { restore } from './restore';
import { SnapshotScheduler } from './snapshotScheduler';

export interface EngineOptions {
  /** The store, opened by the composition root (server/compose.ts). */
  store: EventStore;
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
  private readonly index: History;
  private readonly listeners = new Set<AppliedListener>();
  /**
   * Commits in flight, by the stream and version their last entry will have (known before it is
   * written: the version each stream is expected at, plus its entries). Two may wait for the same
   * mark; only one of them can be written.
   */
  private readonly pending = new Map<string, Pending<unknown>[]>();
  private readonly snapshots: SnapshotScheduler;
  private readonly asOf = new AsOfCache();

  private constructor(
    readonly store: EventStore,
    private readonly options: EngineOptions,
    private readonly plans: Map<string, PlanRecord>,
    /** Each stream's version as applied here: what a decision made now expects when it commits. */
    private readonly versions: Map<string, number>,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.index = new History(store.history, () => store.position);
    this.snapshots = new SnapshotScheduler(store.snapshots, (id) => this.plans.get(id), () => store.position, options.snapshotDelayMs ?? 1000);
  }

  /** Restores (snapshots, then what lies after them: restore.ts) and applies what the store delivers from then on. */
  static async open(options: EngineOptions): Promise<Engine> {
    const { plans, versions, dirty } = await restore(options.store);
    const engine = new Engine(options.store, options, plans, versions);
    for (const id of dirty) engine.snapshots.markDirty(id);
    options.store.subscribe((entries) => engine.apply(entries));
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
    // A handful of plans (one a year, a few agencies): asking each is cheaper than an index to keep.
    for (const plan of this.plans.values()) if (Object.hasOwn(plan.tasks, taskId)) return { plan, task: plan.tasks[taskId] };
    throw new AppError('not_found', messages.taskNotFound(taskId));
  }

  /** A task's history, oldest first. */
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

  /** One stream (inspection, finding, review, …), oldest first. */
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
    const entry = await this.store.history.acceptedWithKey(key);
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
        if (prior && judgeRetry(prior.entry, idem) === 'replay') return this.answerRetry(prior.entry, idem, answer);
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
  private async answerRetry<T>(prior: LogEntry, idem: RequestKey, answer: Answer<T> | undefined): Promise<T | LogEntry[]> {
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
      applyEntry(this.plans, entry);
      this.asOf.note(entry.planId, entry.at, () => localDate(this.clock()));
      const plan = this.plans.get(entry.planId)!;
      if (this.pending.size && entry.sv !== undefined) this.buildAnswers(`${key}\u0000${entry.sv}`, plan);
      this.snapshots.markDirty(entry.planId);
      for (const listener of this.listeners) listener(entry, plan);
    }
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
