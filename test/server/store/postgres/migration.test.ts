import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { entryBody, type LogEntry } from '../../../../server/store/entries';
import { chainHash, GENESIS } from '../../../../server/store/hashChain';
import { connectionConfig } from '../../../../server/store/postgres/connect';
import { PgStore } from '../../../../server/store/postgres/pgStore';
import { MIGRATIONS } from '../../../../server/store/postgres/schema';
import { dropSchema, freshSchema, pgUrl } from '../../../support/postgres';

/**
 * Schema step 3 adds the columns history is read by (task_id, idem_key, idem_body). A database
 * written by schema 2 has rows without them: the step fills them from each row's body.
 */
const url = pgUrl();
const by = { id: 'u-a', username: 'a' };
const snapshot = { v: 2, value: 'inProgress', context: { ownerUnitId: 'X' } };

const rows: LogEntry[] = [
  { seq: 1, sv: 1, at: '2026-01-05T02:00:00.000Z', kind: 'plan', planId: 'p', type: 'CLOSE', by, from: 'issued', to: 'closed', mv: 1 },
  { seq: 2, sv: 1, at: '2026-01-05T02:00:01.000Z', kind: 'task', planId: 'p', taskId: 't1', type: 'START', by, from: 'notStarted', to: 'inProgress', mv: 2, snapshot, idem: { key: 'k-1', body: 'h-1' } },
  { seq: 3, sv: 2, at: '2026-01-05T02:00:02.000Z', kind: 'plan', planId: 'p', taskId: 't1', type: 'CHANGE_DEADLINE', by, from: 'closed', to: 'closed', mv: 1, payload: { deadline: '2026-12-31', previousDeadline: '2026-06-30' } },
  { seq: 4, sv: 1, at: '2026-01-05T02:00:03.000Z', kind: 'task', planId: 'p', taskId: 't2', type: 'START', by, from: 'notStarted', to: 'inProgress', mv: 2, snapshot },
  { seq: 5, sv: 1, at: '2026-01-05T02:00:04.000Z', kind: 'finding', planId: 'p', streamId: 'f1', type: 'RECORD', by, from: '', to: 'open', mv: 1, payload: { note: 'taskId và idem chỉ trong nội dung' } },
];

describe.skipIf(!url)('PostgreSQL schema 2 → 3', () => {
  const schema = freshSchema();
  afterAll(() => dropSchema(url!, schema));

  it('backfills task_id and the idempotency columns on rows written by schema 2, and history reads them', async () => {
    const client = new pg.Client({ ...connectionConfig(url!), options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      // The database as a build with schema 2 left it: the same steps and bookkeeping migrate() does.
      await client.query('CREATE TABLE tiendo_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const [i, step] of MIGRATIONS.slice(0, 2).entries()) {
        await client.query(step);
        await client.query('INSERT INTO tiendo_schema (version) VALUES ($1)', [i + 1]);
      }
      let hash = GENESIS;
      for (const e of rows) {
        const body = entryBody(e);
        hash = chainHash(hash, body);
        await client.query(
          `INSERT INTO tiendo_events (position, stream_kind, stream_id, stream_version, plan_id, type, at, body, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [e.seq, e.kind, e.kind === 'task' ? e.taskId : e.kind === 'plan' ? e.planId : e.streamId, e.sv, e.planId, e.type, e.at, body, hash],
        );
      }
    } finally {
      await client.end();
    }

    const store = await PgStore.open(url!, { schema });
    try {
      const { rows: version } = await store.pool.query('SELECT max(version) AS v FROM tiendo_schema');
      expect(version[0].v).toBe(MIGRATIONS.length);
      const { rows: filled } = await store.pool.query('SELECT position::int AS seq, task_id, idem_key, idem_body FROM tiendo_events ORDER BY position');
      expect(filled).toEqual([
        { seq: 1, task_id: null, idem_key: null, idem_body: null },
        { seq: 2, task_id: 't1', idem_key: 'k-1', idem_body: 'h-1' },
        { seq: 3, task_id: 't1', idem_key: null, idem_body: null },
        { seq: 4, task_id: 't2', idem_key: null, idem_body: null },
        { seq: 5, task_id: null, idem_key: null, idem_body: null },
      ]);
      // The reads the engine makes, over the migrated rows.
      expect((await store.history.task('t1', 5)).map((e) => e.seq)).toEqual([2, 3]);
      expect((await store.history.task('t1', 2)).map((e) => e.seq)).toEqual([2]);
      expect((await store.history.plan('p', 5)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect((await store.history.stream('finding', 'f1', 5)).map((e) => e.seq)).toEqual([5]);
      expect(await store.history.acceptedWithKey('k-1')).toEqual(rows[1]);
      expect(await store.history.acceptedWithKey('k-none')).toBeUndefined();
      expect(await store.history.versionsThrough(3)).toEqual(
        expect.arrayContaining([{ kind: 'plan', id: 'p', version: 2 }, { kind: 'task', id: 't1', version: 1 }]),
      );
      expect(await store.history.firstOfPlansOtherThan([])).toBe(1);
      expect(await store.history.firstOfPlansOtherThan(['p'])).toBeUndefined();

      // Rows written now fill the columns themselves.
      const [added] = await store.append([{ entry: { ...rows[3], taskId: 't2', idem: { key: 'k-2', body: 'h-2' }, at: '2026-01-06T02:00:00.000Z' }, expectedVersion: 1 }]);
      expect(await store.history.acceptedWithKey('k-2')).toEqual(added);
      expect((await store.history.task('t2', added.seq)).map((e) => e.seq)).toEqual([4, added.seq]);
    } finally {
      await store.close();
    }
  });
});
