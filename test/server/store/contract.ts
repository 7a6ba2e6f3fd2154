import { expect, it } from 'vitest';
import type { LogEntry, NewLogEntry } from '../../../server/store/entries';
import { verifyChain } from '../../../server/store/hashChain';
import { StreamConflictError, type EventStore } from '../../../server/store/port';

/**
 * The store port's contract as functions taking a store factory (Emmett's features.ts way): each
 * store's spec (embedded/contract.test.ts, postgres/contract.test.ts) calls the ones that apply to
 * it, so one contract covers every port method on both stores.
 */
export interface StoreFactory {
  /** A new, empty store; `again` opens another handle on the same data (a restart, or a second instance). */
  fresh(): Promise<{ store: EventStore; again(): Promise<EventStore>; tamper(seq: number): Promise<void> }>;
}

const by = { id: 'u-a', username: 'a' };
export const task = (taskId: string, type = 'START', i = 0, planId = 'p'): NewLogEntry => ({
  at: new Date(Date.UTC(2026, 0, 5, 2, 0, i)).toISOString(),
  kind: 'task', planId, taskId, type, by, from: 'notStarted', to: 'inProgress', mv: 2,
  snapshot: { v: 2, value: 'inProgress', context: { ownerUnitId: 'X' } },
});
const finding = (id: string): NewLogEntry => ({
  at: '2026-09-20T02:00:00.000Z', kind: 'finding', planId: 'p', streamId: id, type: 'RECORD',
  by, from: '', to: 'open', mv: 1, payload: { inspectionId: 'i1', description: 'Hồ sơ trễ hạn' },
});
const deadline = (taskId: string): NewLogEntry => ({
  at: '2026-03-01T02:00:00.000Z', kind: 'plan', planId: 'p', taskId, type: 'CHANGE_DEADLINE',
  by, from: 'issued', to: 'issued', mv: 1, payload: { deadline: '2026-12-31', previousDeadline: '2026-06-30' },
});

async function replayed(store: EventStore, after?: number): Promise<LogEntry[]> {
  const seen: LogEntry[] = [];
  await store.replay(({ head, load }) => {
    const entry = load();
    expect(head).toMatchObject({ seq: entry.seq, kind: entry.kind, planId: entry.planId, type: entry.type });
    seen.push(entry);
  }, after);
  return seen;
}

const seqs = (entries: readonly LogEntry[]) => entries.map((e) => e.seq);

export function testAppendAndReplay(factory: StoreFactory): void {
  it('appends in order with global positions and stream versions, delivers before answering, replays after a restart', async () => {
    const { store, again } = await factory.fresh();
    const delivered: number[] = [];
    store.subscribe((batch) => delivered.push(...batch.map((e) => e.seq)));
    const [a] = await store.append([{ entry: task('t1'), expectedVersion: 0 }]);
    expect(delivered).toEqual([1]);
    const [b] = await store.append([{ entry: task('t1', 'SUBMIT', 1), expectedVersion: 1 }]);
    const [c] = await store.append([{ entry: task('t2'), expectedVersion: 0 }]);
    expect([a, b, c].map((e) => [e.seq, e.sv])).toEqual([[1, 1], [2, 2], [3, 1]]);
    expect(delivered).toEqual([1, 2, 3]);
    expect(store.position).toBe(3);
    await store.close();

    const reopened = await again();
    expect((await replayed(reopened)).map((e) => [e.seq, e.taskId, e.type])).toEqual([[1, 't1', 'START'], [2, 't1', 'SUBMIT'], [3, 't2', 'START']]);
    expect(reopened.position).toBe(3);
    await reopened.close();
    const tail = await again();
    expect(seqs(await replayed(tail, 2))).toEqual([3]);
    await tail.close();
  });
}

export function testConflicts(factory: StoreFactory): void {
  it('refuses a stale expected version and writes nothing', async () => {
    const { store } = await factory.fresh();
    store.subscribe(() => {});
    await store.append([{ entry: task('t1'), expectedVersion: 0 }]);
    await expect(store.append([{ entry: task('t1', 'SUBMIT'), expectedVersion: 0 }])).rejects.toBeInstanceOf(StreamConflictError);
    await expect(store.append([{ entry: task('t9'), expectedVersion: 3 }])).rejects.toBeInstanceOf(StreamConflictError);
    expect(seqs(await store.history.stream('task', 't1', store.position))).toEqual([1]);
    const [next] = await store.append([{ entry: task('t2'), expectedVersion: 0 }]);
    expect(next.seq).toBe(2);
    await store.close();
  });

  it('commits several streams all or nothing', async () => {
    const { store, again } = await factory.fresh();
    store.subscribe(() => {});
    await store.append([{ entry: task('t1'), expectedVersion: 0 }]);
    // A finding and the task it creates, with the task's expectation stale: neither is written.
    const bad = store.append([{ entry: finding('f1'), expectedVersion: 0 }, { entry: task('t1', 'START'), expectedVersion: 0 }]);
    await expect(bad).rejects.toBeInstanceOf(StreamConflictError);
    expect(await store.history.stream('finding', 'f1', store.position)).toEqual([]);
    const good = await store.append([{ entry: finding('f1'), expectedVersion: 0 }, { entry: task('t2'), expectedVersion: 0 }]);
    expect(seqs(good)).toEqual([2, 3]);
    await store.close();
    const reopened = await again();
    expect((await replayed(reopened)).map((e) => e.kind)).toEqual(['task', 'finding', 'task']);
    await reopened.close();
  });
}

export function testReadRaw(factory: StoreFactory): void {
  it('reads everything after a global position, as stored', async () => {
    const { store } = await factory.fresh();
    store.subscribe(() => {});
    for (let i = 1; i <= 5; i++) await store.append([{ entry: task(`t${i}`), expectedVersion: 0 }]);
    const raw = [];
    for await (const r of store.readRaw(3)) raw.push(r);
    expect(raw.map((r) => r.seq)).toEqual([4, 5]);
    expect(JSON.parse(raw[0].body)).toMatchObject({ seq: 4, taskId: 't4' });
    expect(raw[0].hash).toMatch(/^[0-9a-f]{64}$/);
    await store.close();
  });
}

export function testSubscribers(factory: StoreFactory): void {
  it('delivers every commit to every subscriber in order, and stops delivering to one that unsubscribed', async () => {
    const { store } = await factory.fresh();
    const [first, second]: string[][] = [[], []];
    store.subscribe((batch) => first.push(...batch.map((e) => e.taskId!)));
    const stop = store.subscribe((batch) => second.push(...batch.map((e) => e.taskId!)));
    await store.append([{ entry: task('t1'), expectedVersion: 0 }]);
    await store.append([{ entry: task('t2'), expectedVersion: 0 }, { entry: task('t3'), expectedVersion: 0 }]);
    stop();
    await store.append([{ entry: task('t4'), expectedVersion: 0 }]);
    expect(first).toEqual(['t1', 't2', 't3', 't4']);
    expect(second).toEqual(['t1', 't2', 't3']);
    // A single writer is never behind; catching up finds nothing new.
    expect(await store.catchUp(store.position)).toBe(false);
    await store.close();
  });
}

/** For stores several instances share: each sees the other's commits, and the store decides their races. */
export function testSecondInstance(factory: StoreFactory): void {
  it('a second handle on the same data sees the first one’s commits and the first sees its; a race is decided once', async () => {
    const { store, again } = await factory.fresh();
    const first: string[] = [];
    store.subscribe((batch) => first.push(...batch.map((e) => e.taskId!)));
    await store.append([{ entry: task('t1'), expectedVersion: 0 }]);
    const other = await again();
    const second: string[] = [];
    await other.replay(() => {});
    other.subscribe((batch) => second.push(...batch.map((e) => e.taskId!)));
    await other.append([{ entry: task('t2'), expectedVersion: 0 }]);
    await store.append([{ entry: task('t3'), expectedVersion: 0 }]);
    expect(await other.catchUp(2)).toBe(true);
    expect(second).toEqual(['t2', 't3']);
    expect(first).toEqual(['t1', 't2', 't3']);
    // Ahead of what `other` has applied, a key is still found: the caller then catches up.
    const race = await Promise.allSettled([
      store.append([{ entry: task('t1', 'SUBMIT'), expectedVersion: 1 }]),
      other.append([{ entry: task('t1', 'SUBMIT'), expectedVersion: 1 }]),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    await other.close();
    await store.close();
  });
}

export function testSnapshots(factory: StoreFactory): void {
  it('keeps snapshots as data: the latest of each plan comes back as written, fields in their order', async () => {
    const { store } = await factory.fresh();
    // Not the schema's order, nor alphabetical, nor by length: as the engine built the records.
    const taskRecord = { id: 't', code: '1.1', areaId: 'a', title: 'Nhiệm vụ', deadline: '2026-12-15', planId: 'p', version: 2, machine: { v: 2, value: 'inProgress', context: { ownerUnitId: 'X' } } };
    const plan = {
      id: 'p', year: 2026, title: 'Kế hoạch', agency: { code: 'STP', name: 'Sở Tư pháp' }, areas: [], units: [], settings: {},
      version: 1, machine: { v: 1, value: 'issued', context: {} }, taskIds: ['t'], tasks: { t: taskRecord },
    };
    const newer = { ...plan, version: 2 };
    await store.snapshots.write({ logSeq: 2, plan });
    await store.snapshots.write({ logSeq: 3, plan: newer });
    await store.snapshots.write({ logSeq: 1, plan: { id: 'q' } });
    const loaded = (await store.snapshots.loadAll()).map((s) => s.data as { logSeq: number; plan: { id: string } });
    expect(loaded.map((s) => [s.plan.id, s.logSeq]).sort()).toEqual([['p', 3], ['q', 1]]);
    expect(JSON.stringify(loaded.find((s) => s.plan.id === 'p'))).toBe(JSON.stringify({ logSeq: 3, plan: newer }));
    await store.close();
  });
}

export function testHashChain(factory: StoreFactory): void {
  it('chains every entry to the one before it, and the verifier names the first one changed', async () => {
    const { store, again, tamper } = await factory.fresh();
    store.subscribe(() => {});
    await store.append([{ entry: task('t1'), expectedVersion: 0 }]);
    await store.append([{ entry: finding('f1'), expectedVersion: 0 }, { entry: task('t2'), expectedVersion: 0 }]);
    await store.append([{ entry: task('t3'), expectedVersion: 0 }]);
    expect(await verifyChain(store.readRaw())).toMatchObject({ ok: true, entries: 4, lastSeq: 4, unchained: 0 });
    await store.close();
    await tamper(3);
    const reopened = await again();
    expect(await verifyChain(reopened.readRaw())).toMatchObject({ ok: false, brokenAt: 3 });
    await reopened.close();
  });
}

/**
 * Every history read, on one log: two plans, a task with a plan entry about it, another stream
 * kind, keys (one used twice), read through several positions and again after a restart.
 */
export function testHistory(factory: StoreFactory): void {
  it('answers every history read from its own index, bounded by the position asked for', async () => {
    const { store, again } = await factory.fresh();
    store.subscribe(() => {});
    const keyed = (entry: NewLogEntry, key: string, body: string): NewLogEntry => ({ ...entry, idem: { key, body } });
    await store.append([{ entry: task('q1', 'START', 0, 'q'), expectedVersion: 0 }]); // 1
    await store.append([{ entry: task('t1'), expectedVersion: 0 }]); // 2
    await store.append([{ entry: deadline('t1'), expectedVersion: 0 }]); // 3: plan p, about t1
    await store.append([{ entry: keyed(task('t2'), 'k-1', 'h1'), expectedVersion: 0 }]); // 4
    await store.append([{ entry: finding('f1'), expectedVersion: 0 }, { entry: task('t1', 'SUBMIT', 1), expectedVersion: 1 }]); // 5, 6
    await store.append([{ entry: keyed(task('t2', 'SUBMIT', 2), 'k-1', 'h2'), expectedVersion: 1 }]); // 7: the key again
    await store.append([{ entry: task('q1', 'SUBMIT', 3, 'q'), expectedVersion: 1 }]); // 8

    const reads = async (s: EventStore) => {
      const h = s.history;
      expect(await h.last()).toBe(8);
      expect(seqs(await h.task('t1', 8))).toEqual([2, 3, 6]);
      expect(seqs(await h.task('t1', 5))).toEqual([2, 3]);
      expect(await h.task('nope', 8)).toEqual([]);
      expect(seqs(await h.plan('p', 8))).toEqual([2, 3, 4, 5, 6, 7]);
      expect(seqs(await h.plan('q', 7))).toEqual([1]);
      expect(seqs(await h.planPage('p', 0, 8, 2))).toEqual([2, 3]);
      expect(seqs(await h.planPage('p', 3, 8, 2))).toEqual([4, 5]);
      expect(seqs(await h.planPage('p', 5, 6, 10))).toEqual([6]);
      expect(seqs(await h.planPage('p', 0, 8, 10, { kinds: ['task'], types: ['SUBMIT'] }))).toEqual([6, 7]);
      expect(seqs(await h.planPage('p', 0, 8, 10, { kinds: ['finding'] }))).toEqual([5]);
      expect(seqs(await h.planPage('p', 0, 8, 10, { types: ['CHANGE_DEADLINE', 'RECORD'] }))).toEqual([3, 5]);
      expect(seqs(await h.stream('task', 't2', 8))).toEqual([4, 7]);
      expect(seqs(await h.stream('finding', 'f1', 8))).toEqual([5]);
      expect(seqs(await h.stream('plan', 'p', 8))).toEqual([3]);
      expect(seqs(await h.stream('finding', 'f1', 4))).toEqual([]);
      // The latest entry with the key, whole, whatever position the caller has reached.
      expect(await h.acceptedWithKey('k-1')).toMatchObject({ seq: 7, type: 'SUBMIT', idem: { key: 'k-1', body: 'h2' } });
      expect(await h.acceptedWithKey('k-none')).toBeUndefined();
      expect(await h.firstOfPlansOtherThan([])).toBe(1);
      expect(await h.firstOfPlansOtherThan(['q'])).toBe(2);
      expect(await h.firstOfPlansOtherThan(['p', 'q'])).toBeUndefined();
      const versions = async (through: number) => (await h.versionsThrough(through)).map((v) => `${v.kind}/${v.id}@${v.version}`).sort();
      expect(await versions(6)).toEqual(['finding/f1@1', 'plan/p@1', 'task/q1@1', 'task/t1@2', 'task/t2@1']);
      expect(await versions(2)).toEqual(['task/q1@1', 'task/t1@1']);
      // Entries read back whole, as appended.
      expect(await h.task('t1', 3)).toEqual([expect.objectContaining({ ...task('t1'), seq: 2, sv: 1 }), expect.objectContaining({ ...deadline('t1'), seq: 3, sv: 1 })]);
    };
    await reads(store);
    await store.close();
    const reopened = await again();
    await replayed(reopened);
    await reads(reopened);
    await reopened.close();
  });
}

/** Every part of the contract that holds for every store. */
export function storeContract(factory: StoreFactory): void {
  testAppendAndReplay(factory);
  testConflicts(factory);
  testReadRaw(factory);
  testSubscribers(factory);
  testSnapshots(factory);
  testHashChain(factory);
  testHistory(factory);
}
