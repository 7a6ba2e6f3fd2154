import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStore, LOG_FILE } from '../../../server/store/embedded/embeddedStore';
import type { LogEntry, NewLogEntry } from '../../../server/store/entries';
import { verifyChain } from '../../../server/store/hashChain';
import { StreamConflictError, type EventStore } from '../../../server/store/port';
import { connectionConfig } from '../../../server/store/postgres/connect';
import { PgStore } from '../../../server/store/postgres/pgStore';
import { dropSchema, freshSchema, pgUrl } from '../../support/postgres';

/**
 * One contract, two stores (the Emmett way): every property the engine relies on is checked here
 * against the embedded store and against PostgreSQL, from this one file.
 */
interface Harness {
  name: string;
  /** A new, empty store; `again` opens another handle on the same data (a restart, or a second instance). */
  fresh(): Promise<{ store: EventStore; again(): Promise<EventStore>; tamper(seq: number): Promise<void> }>;
}

const embedded: Harness = {
  name: 'embedded',
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-contract-'));
    return {
      store: await EmbeddedStore.open(dir),
      again: () => EmbeddedStore.open(dir),
      async tamper(seq) {
        const path = join(dir, LOG_FILE);
        const lines = readFileSync(path, 'utf8').split('\n');
        lines[seq - 1] = lines[seq - 1].replace('"from":"notStarted"', '"from":"inReview"');
        writeFileSync(path, lines.join('\n'));
      },
    };
  },
};

const url = pgUrl();
const schemas: string[] = [];
const postgres: Harness = {
  name: 'postgres',
  async fresh() {
    const schema = freshSchema();
    schemas.push(schema);
    return {
      store: await PgStore.open(url!, { schema }),
      again: () => PgStore.open(url!, { schema }),
      async tamper(seq) {
        const client = new pg.Client({ ...connectionConfig(url!), options: `-c search_path=${schema}` });
        await client.connect();
        await client.query(`UPDATE tiendo_events SET body = replace(body, '"from":"notStarted"', '"from":"inReview"') WHERE position = $1`, [seq]);
        await client.end();
      },
    };
  },
};
afterAll(async () => {
  for (const s of schemas) await dropSchema(url!, s);
});

const task = (taskId: string, type = 'START', i = 0): NewLogEntry => ({
  at: new Date(Date.UTC(2026, 0, 5, 2, 0, i)).toISOString(),
  kind: 'task', planId: 'p', taskId, type,
  by: { id: 'u-a', username: 'a' }, from: 'notStarted', to: 'inProgress', mv: 2,
  snapshot: { v: 2, value: 'inProgress', context: { ownerUnitId: 'X' } },
});
const finding = (id: string): NewLogEntry => ({
  at: '2026-09-20T02:00:00.000Z', kind: 'finding', planId: 'p', streamId: id, type: 'RECORD',
  by: { id: 'u-a', username: 'a' }, from: '', to: 'open', mv: 1, payload: { inspectionId: 'i1', description: 'Hồ sơ trễ hạn' },
});

async function collect(store: EventStore): Promise<LogEntry[]> {
  const seen: LogEntry[] = [];
  await store.replay(({ load }) => seen.push(load()));
  return seen;
}

for (const h of [embedded, postgres]) {
  describe.skipIf(h === postgres && !url)(`store contract: ${h.name}`, () => {
    it('appends in order with global positions and stream versions, and reads them back after a restart', async () => {
      const { store, again } = await h.fresh();
      const delivered: number[] = [];
      store.subscribe((batch) => delivered.push(...batch.map((e) => e.seq)));
      const [a] = await store.append([{ entry: task('t1'), expectedVersion: 0 }]);
      const [b] = await store.append([{ entry: task('t1', 'SUBMIT', 1), expectedVersion: 1 }]);
      const [c] = await store.append([{ entry: task('t2'), expectedVersion: 0 }]);
      expect([a, b, c].map((e) => [e.seq, e.sv])).toEqual([[1, 1], [2, 2], [3, 1]]);
      // Delivered to subscribers before append resolved, in order.
      expect(delivered).toEqual([1, 2, 3]);
      expect(store.position).toBe(3);
      expect((await store.readStream({ kind: 'task', id: 't1' })).map((e) => e.type)).toEqual(['START', 'SUBMIT']);
      await store.close();

      const reopened = await again();
      expect((await collect(reopened)).map((e) => [e.seq, e.taskId, e.type])).toEqual([[1, 't1', 'START'], [2, 't1', 'SUBMIT'], [3, 't2', 'START']]);
      expect(reopened.position).toBe(3);
      await reopened.close();
    });

    it('refuses a stale expected version and writes nothing', async () => {
      const { store } = await h.fresh();
      store.subscribe(() => {});
      await store.append([{ entry: task('t1'), expectedVersion: 0 }]);
      const stale = store.append([{ entry: task('t1', 'SUBMIT'), expectedVersion: 0 }]);
      await expect(stale).rejects.toBeInstanceOf(StreamConflictError);
      await expect(store.append([{ entry: task('t9'), expectedVersion: 3 }])).rejects.toBeInstanceOf(StreamConflictError);
      expect((await store.readStream({ kind: 'task', id: 't1' })).length).toBe(1);
      const [next] = await store.append([{ entry: task('t2'), expectedVersion: 0 }]);
      expect(next.seq).toBe(2);
      await store.close();
    });

    it('commits several streams all or nothing', async () => {
      const { store, again } = await h.fresh();
      store.subscribe(() => {});
      await store.append([{ entry: task('t1'), expectedVersion: 0 }]);
      // A finding and the task it creates, with the task's expectation stale: neither is written.
      const bad = store.append([
        { entry: finding('f1'), expectedVersion: 0 },
        { entry: task('t1', 'START'), expectedVersion: 0 },
      ]);
      await expect(bad).rejects.toBeInstanceOf(StreamConflictError);
      expect(await store.readStream({ kind: 'finding', id: 'f1' })).toEqual([]);
      const good = await store.append([
        { entry: finding('f1'), expectedVersion: 0 },
        { entry: task('t2'), expectedVersion: 0 },
      ]);
      expect(good.map((e) => e.seq)).toEqual([2, 3]);
      await store.close();
      const reopened = await again();
      expect((await collect(reopened)).map((e) => e.kind)).toEqual(['task', 'finding', 'task']);
      await reopened.close();
    });

    it('reads everything after a global position, as stored', async () => {
      const { store } = await h.fresh();
      store.subscribe(() => {});
      for (let i = 1; i <= 5; i++) await store.append([{ entry: task(`t${i}`), expectedVersion: 0 }]);
      const raw = [];
      for await (const r of store.readRaw(3)) raw.push(r);
      expect(raw.map((r) => r.seq)).toEqual([4, 5]);
      expect(JSON.parse(raw[0].body)).toMatchObject({ seq: 4, taskId: 't4' });
      expect(raw[0].hash).toMatch(/^[0-9a-f]{64}$/);
      await store.close();
    });

    it('delivers commits to every subscriber, those of another handle included once it catches up', async () => {
      const { store, again } = await h.fresh();
      const first: string[] = [];
      store.subscribe((batch) => first.push(...batch.map((e) => e.taskId!)));
      await store.append([{ entry: task('t1'), expectedVersion: 0 }]);
      if (h === embedded) {
        expect(first).toEqual(['t1']);
        await store.close();
        return;
      }
      // PostgreSQL: a second instance on the same database sees the first one's commits, and back.
      const other = await again();
      const second: string[] = [];
      await other.replay(() => {});
      other.subscribe((batch) => second.push(...batch.map((e) => e.taskId!)));
      await other.append([{ entry: task('t2'), expectedVersion: 0 }]);
      await store.append([{ entry: task('t3'), expectedVersion: 0 }]);
      await other.catchUp(0);
      expect(second).toEqual(['t2', 't3']);
      expect(first).toEqual(['t1', 't2', 't3']);
      // The database decides a race between the two: the same stream version is taken once.
      const race = await Promise.allSettled([
        store.append([{ entry: task('t1', 'SUBMIT'), expectedVersion: 1 }]),
        other.append([{ entry: task('t1', 'SUBMIT'), expectedVersion: 1 }]),
      ]);
      expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      await other.close();
      await store.close();
    });

    it('keeps snapshots as a cache: the right shape is loaded, a wrong one or one ahead of the log is not', async () => {
      const { store } = await h.fresh();
      const plan = {
        id: 'p', year: 2026, title: 'Kế hoạch', version: 1, machine: { v: 1, value: 'issued', context: {} },
        agency: { code: 'STP', name: 'Sở Tư pháp' }, areas: [], units: [], taskIds: [], tasks: {}, settings: {},
      };
      await store.snapshots.write({ logSeq: 2, plan: plan as never });
      expect((await store.snapshots.loadAll(5)).map((s) => s.plan.id)).toEqual(['p']);
      expect(await store.snapshots.loadAll(1)).toEqual([]);
      await store.snapshots.write({ logSeq: 3, plan: { ...plan, taskIds: ['ghost'] } as never });
      expect(await store.snapshots.loadAll(5)).toEqual([]);
      await store.close();
    });

    it('gives a snapshot back with its fields in the order they were written', async () => {
      const { store } = await h.fresh();
      // Not the schema's order, nor alphabetical, nor by length: as the engine built the records.
      const task = { id: 't', code: '1.1', areaId: 'a', title: 'Nhiệm vụ', deadline: '2026-12-15', planId: 'p', version: 2, machine: { v: 2, value: 'inProgress', context: { ownerUnitId: 'X' } } };
      const plan = {
        id: 'p', year: 2026, title: 'Kế hoạch', agency: { code: 'STP', name: 'Sở Tư pháp' }, areas: [], units: [], settings: {},
        version: 1, machine: { v: 1, value: 'issued', context: {} }, taskIds: ['t'], tasks: { t: task },
      };
      await store.snapshots.write({ logSeq: 1, plan: plan as never });
      const [loaded] = await store.snapshots.loadAll(1);
      expect(JSON.stringify(loaded.plan)).toBe(JSON.stringify(plan));
      await store.close();
    });

    it('chains every entry to the one before it, and the verifier names the first one changed', async () => {
      const { store, again, tamper } = await h.fresh();
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
  });
}
