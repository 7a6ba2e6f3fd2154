import { join } from 'node:path';
import type { PlanEventBody, TaskEventBody } from '../../machines/api';
import { AppError } from '../errors';
import { decidePlanEvent, newPlanMachine, PLAN_MACHINE_VERSION, type PlanEvent } from '../../machines/plan';
import type { Actor } from '../../machines/roles';
import { mayEverSend, TASK_MACHINE_VERSION, type TaskEvent } from '../../machines/task';
import { decideTaskEvent } from '../../machines/taskDecision';
import { EventLog, parseLine, peek, type EntryHead, type LogEntry, type NewLogEntry } from '../store/eventLog';
import { SnapshotStore } from '../store/snapshots';
import { localDate } from '../../machines/dates';
import { applyEntry } from './apply';
import { messages } from './messages';
import type { PlanDefinition, PlanRecord, TaskDefinition, TaskRecord } from './records';
import { planDetail, taskView } from './views';

export interface EngineOptions {
  dataDir: string;
  clock?: () => Date;
  /** How long accepted changes may wait before the plan snapshot is rewritten. */
  snapshotDelayMs?: number;
  /** Called when the disk refuses a write: memory is then ahead of the log and must not serve. */
  onFatal?: (error: Error) => void;
}

export type CommitListener = (entry: LogEntry, plan: PlanRecord) => void;

const LOG_FILE = 'events.ndjson';

/**
 * The authoritative workflow engine: decides every event with the shared machines, appends it to
 * the durable log, applies it to memory, and tells listeners once it is on disk.
 */
export class Engine {
  readonly clock: () => Date;
  private readonly plans = new Map<string, PlanRecord>();
  private readonly taskPlan = new Map<string, string>();
  /** Entries restored from a snapshot's range stay as their log line until first read. */
  private readonly taskHistory = new Map<string, Array<LogEntry | string>>();
  private readonly planHistory = new Map<string, Array<LogEntry | string>>();
  private readonly listeners = new Set<CommitListener>();
  private readonly dirty = new Set<string>();
  private snapshotTimer: NodeJS.Timeout | undefined;
  private snapshotting: Promise<void> = Promise.resolve();

  private constructor(
    private readonly log: EventLog,
    private readonly snapshots: SnapshotStore,
    private readonly options: EngineOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Loads snapshots, then replays whatever the log holds beyond them. */
  static async open(options: EngineOptions): Promise<Engine> {
    const { log, lines } = EventLog.open(join(options.dataDir, LOG_FILE));
    const snapshots = new SnapshotStore(options.dataDir);
    const engine = new Engine(log, snapshots, options);
    const loadedThrough = new Map<string, number>();
    for (const snap of await snapshots.loadAll(log.seq)) {
      engine.plans.set(snap.plan.id, snap.plan);
      loadedThrough.set(snap.plan.id, snap.logSeq);
    }
    lines.forEach((line, i) => {
      const head = peek(line, i + 1);
      if (head.seq > (loadedThrough.get(head.planId) ?? 0) || head.type === 'CREATE') {
        const entry = parseLine(line, i + 1);
        if (head.seq > (loadedThrough.get(head.planId) ?? 0)) {
          applyEntry(engine.plans, entry);
          engine.dirty.add(entry.planId);
        }
        engine.index(entry);
      } else {
        // Already in the snapshot: only its place in history matters until someone reads it.
        engine.index(head, line);
      }
    });
    if (engine.dirty.size) engine.scheduleSnapshot();
    return engine;
  }

  get isEmpty(): boolean {
    return this.log.seq === 0;
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
    const planId = this.taskPlan.get(taskId);
    if (!planId) throw new AppError('not_found', messages.taskNotFound(taskId));
    const plan = this.plans.get(planId)!;
    return { plan, task: plan.tasks[taskId] };
  }

  history(taskId: string): readonly LogEntry[] {
    this.getTask(taskId);
    return parsed(this.taskHistory.get(taskId));
  }

  /** Every event of a plan, its tasks' included, oldest first. */
  planEvents(planId: string): readonly LogEntry[] {
    this.getPlan(planId);
    return parsed(this.planHistory.get(planId));
  }

  /**
   * The plan as it stood at the end of an agency-local day, rebuilt from its history with the
   * same reducer that built the live state: what a review of a past period must show.
   */
  planAsOf(planId: string, date: string): PlanRecord | undefined {
    const rebuilt = new Map<string, PlanRecord>();
    for (const entry of this.planEvents(planId)) {
      if (localDate(entry.at) <= date) applyEntry(rebuilt, entry);
    }
    return rebuilt.get(planId);
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async createPlan(definition: PlanDefinition, actor: Actor, at = this.now()): Promise<PlanRecord> {
    if (this.plans.has(definition.id)) throw new AppError('conflict', `Kế hoạch ${definition.id} đã tồn tại.`);
    await this.commit({
      at, kind: 'plan', planId: definition.id, type: 'CREATE', by: by(actor), from: '', to: 'draft',
      mv: PLAN_MACHINE_VERSION, payload: { definition }, snapshot: { ...newPlanMachine() },
    });
    return this.getPlan(definition.id);
  }

  async sendTaskEvent(taskId: string, actor: Actor, body: TaskEventBody, at = this.now()) {
    const { plan, task } = this.getTask(taskId);
    const owner = task.machine.context.ownerUnitId;
    if (!mayEverSend(actor, owner, body.type)) {
      const ownUnit = actor.role !== 'unitHead' || actor.unitId === owner;
      throw new AppError('forbidden', messages.taskForbidden(task.code, body.type, ownUnit));
    }
    if (body.expectedVersion !== undefined && body.expectedVersion !== task.version) {
      throw new AppError('conflict', messages.taskConflict(task.code, task.version, body.expectedVersion), {
        current: taskView(plan, task, actor, this.clock()),
      });
    }
    if (plan.machine.value !== 'issued') {
      throw new AppError('transition_not_allowed', messages.planNotInForce(plan.machine.value), { allowed: [] });
    }
    const event: TaskEvent = { type: body.type, actor, at, evidence: body.evidence, reason: body.reason, comment: body.comment };
    const decision = decideTaskEvent(task.machine, event);
    if (!decision.ok) {
      if (decision.code === 'bad_request') {
        throw new AppError('bad_request', messages.taskMissing(decision.field), { field: decision.field });
      }
      if (decision.code === 'forbidden') throw new AppError('forbidden', messages.taskForbidden(task.code, body.type, true));
      throw new AppError('transition_not_allowed', messages.taskWrongState(task.code, task.machine.value, body.type), {
        allowed: decision.allowed,
      });
    }
    await this.commit({
      at, kind: 'task', planId: plan.id, taskId, type: body.type, by: by(actor),
      from: task.machine.value, to: decision.next.value, mv: TASK_MACHINE_VERSION,
      payload: pick(body, ['evidence', 'reason', 'comment']),
      snapshot: { ...decision.next },
    });
    return { plan, task };
  }

  async sendPlanEvent(planId: string, actor: Actor, body: PlanEventBody, at = this.now()): Promise<PlanRecord> {
    const plan = this.getPlan(planId);
    if (body.expectedVersion !== undefined && body.expectedVersion !== plan.version) {
      throw new AppError('conflict', messages.planConflict(plan.version, body.expectedVersion), {
        current: planDetail(plan, actor, this.clock()),
      });
    }
    const event: PlanEvent = { type: body.type, actor, at, decisionNo: body.decisionNo, decisionDate: body.decisionDate, reason: body.reason };
    const decision = decidePlanEvent(plan.machine, event);
    if (!decision.ok) {
      if (decision.code === 'forbidden') throw new AppError('forbidden', messages.planForbidden(body.type));
      const missing = this.missingPlanInput(plan, body);
      if (missing) throw new AppError('bad_request', messages.planFieldMissing(missing));
      throw new AppError('transition_not_allowed', messages.planWrongState(plan.machine.value, body.type), {
        allowed: decision.allowed,
      });
    }
    const missing = this.missingPlanInput(plan, body);
    if (missing) throw new AppError('bad_request', messages.planFieldMissing(missing));
    const entry: NewLogEntry = {
      at, kind: 'plan', planId, type: body.type, by: by(actor), from: plan.machine.value, to: decision.next.value,
      mv: PLAN_MACHINE_VERSION, snapshot: { ...decision.next },
    };
    if (body.type === 'ISSUE') entry.payload = { decisionNo: body.decisionNo, decisionDate: body.decisionDate };
    if (body.type === 'ADD_TASK') {
      const task = this.checkNewTask(plan, body);
      entry.taskId = task.id;
      entry.payload = { task, ...pick(body, ['reason']) };
    }
    if (body.type === 'CHANGE_DEADLINE') {
      // Own properties only: a taskId such as "constructor" must not reach Object.prototype.
      const task = Object.hasOwn(plan.tasks, body.taskId!) ? plan.tasks[body.taskId!] : undefined;
      if (!task) throw new AppError('not_found', messages.taskNotInPlan(body.taskId!));
      entry.taskId = task.id;
      entry.from = entry.to = task.machine.value;
      entry.payload = { deadline: body.deadline, previousDeadline: task.deadline, ...pick(body, ['reason']) };
    }
    if (body.type === 'CHANGE_SETTINGS') entry.payload = { settings: body.settings };
    await this.commit(entry);
    return plan;
  }

  private missingPlanInput(plan: PlanRecord, body: PlanEventBody): string | undefined {
    const need: string[] = [];
    if (body.type === 'ISSUE') {
      if (!body.decisionNo) need.push('số quyết định (decisionNo)');
      if (!body.decisionDate) need.push('ngày ban hành (decisionDate)');
    }
    if (body.type === 'ADD_TASK' && !body.task) need.push('nhiệm vụ (task)');
    if (body.type === 'CHANGE_DEADLINE') {
      if (!body.taskId) need.push('nhiệm vụ (taskId)');
      if (!body.deadline) need.push('thời hạn mới (deadline)');
      if (plan.machine.value === 'issued' && !body.reason) need.push('lý do điều chỉnh (reason)');
    }
    if (body.type === 'CHANGE_SETTINGS' && !body.settings) need.push('cài đặt (settings)');
    if (plan.machine.value === 'issued' && body.type === 'ADD_TASK' && !body.reason) need.push('lý do điều chỉnh (reason)');
    return need.length ? need.join(', ') : undefined;
  }

  private checkNewTask(plan: PlanRecord, body: PlanEventBody): TaskDefinition {
    const t = body.task!;
    if (!plan.areas.some((a) => a.id === t.areaId)) throw new AppError('bad_request', messages.unknownArea(t.areaId));
    for (const unitId of [t.ownerUnitId, ...t.coordinatingUnitIds]) {
      if (!plan.units.some((u) => u.id === unitId)) throw new AppError('bad_request', messages.unknownUnit(unitId));
    }
    if (Object.values(plan.tasks).some((x) => x.code === t.code)) {
      throw new AppError('bad_request', messages.duplicateTaskCode(t.code));
    }
    return { id: `${plan.id}-${t.code}`, ...t };
  }

  /**
   * Appends, applies and indexes in one synchronous step (so concurrent requests see each other
   * in log order), then resolves once the entry is durable and listeners have been told.
   */
  private async commit(entry: NewLogEntry): Promise<LogEntry> {
    const { entry: full, durable } = this.log.append(entry);
    applyEntry(this.plans, full);
    this.index(full);
    try {
      await durable;
    } catch (e) {
      (this.options.onFatal ?? defaultFatal)(e as Error);
      throw e;
    }
    const plan = this.plans.get(full.planId)!;
    for (const listener of this.listeners) listener(full, plan);
    this.dirty.add(full.planId);
    this.scheduleSnapshot();
    return full;
  }

  /** Which plan holds each task, and each task's history in log order. */
  private index(head: EntryHead | LogEntry, line?: string): void {
    let events = this.planHistory.get(head.planId);
    if (!events) this.planHistory.set(head.planId, (events = []));
    events.push(line ?? (head as LogEntry));
    if (head.type === 'CREATE') {
      for (const t of ((head as LogEntry).payload!.definition as PlanDefinition).tasks) this.taskPlan.set(t.id, head.planId);
    }
    if (!head.taskId) return;
    this.taskPlan.set(head.taskId, head.planId);
    let list = this.taskHistory.get(head.taskId);
    if (!list) this.taskHistory.set(head.taskId, (list = []));
    list.push(line ?? (head as LogEntry));
  }

  private scheduleSnapshot(): void {
    if (this.snapshotTimer) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      this.snapshotting = this.snapshotting.then(() => this.writeSnapshots());
    }, this.options.snapshotDelayMs ?? 1000);
    this.snapshotTimer.unref();
  }

  /**
   * Captures dirty plans as they stand now, waits until the log holds everything they include,
   * then rewrites their files; a snapshot is never ahead of the durable log.
   */
  private async writeSnapshots(): Promise<void> {
    const logSeq = this.log.seq;
    const captured = [...this.dirty].map((id) => structuredClone(this.plans.get(id)!));
    this.dirty.clear();
    await this.log.durableNow();
    for (const plan of captured) await this.snapshots.write({ logSeq, plan });
  }

  /** Drains the log and writes a final snapshot, for a clean shutdown. */
  async close(): Promise<void> {
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = undefined;
    await this.log.whenIdle();
    await this.snapshotting;
    if (this.dirty.size) await this.writeSnapshots();
    await this.log.close();
  }
}

/** Parses, in place, the lines restore left unparsed. */
function parsed(list: Array<LogEntry | string> | undefined): readonly LogEntry[] {
  if (!list) return [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item === 'string') list[i] = parseLine(item, NaN);
  }
  return list as LogEntry[];
}

function by(actor: Actor) {
  return { id: actor.id, username: actor.username };
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> | undefined {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (source[k] !== undefined && source[k] !== '') out[k] = source[k];
  return Object.keys(out).length ? out : undefined;
}

function defaultFatal(error: Error): void {
  console.error('FATAL: the event log could not be written; stopping so nothing unsaved is served.', error);
  process.exit(70);
}
