import type pg from 'pg';
import { parseEntry, type LogEntry } from '../entries';
import type { HeadFilter, HistoryReader, StreamVersion } from '../port';

/**
 * History read from tiendo_events by its indexes (schema step 3): a task's entries by task_id, a
 * plan's by plan_id, another stream's by (kind, id), an idempotency key's by idem_key, each in log
 * order and bounded by the caller's position. The engine keeps none of it in memory.
 */
export class PgHistory implements HistoryReader {
  constructor(private readonly pool: pg.Pool) {}

  task(taskId: string, through: number): Promise<LogEntry[]> {
    return this.entries('SELECT position, body FROM tiendo_events WHERE task_id = $1 AND position <= $2 ORDER BY position', [taskId, through]);
  }

  plan(planId: string, through: number): Promise<LogEntry[]> {
    return this.entries('SELECT position, body FROM tiendo_events WHERE plan_id = $1 AND position <= $2 ORDER BY position', [planId, through]);
  }

  planPage(planId: string, after: number, through: number, limit: number, filter: HeadFilter = {}): Promise<LogEntry[]> {
    return this.entries(
      `SELECT position, body FROM tiendo_events
        WHERE plan_id = $1 AND position > $2 AND position <= $3
          AND ($5::text[] IS NULL OR stream_kind = ANY($5)) AND ($6::text[] IS NULL OR type = ANY($6))
        ORDER BY position LIMIT $4`,
      [planId, after, through, limit, filter.kinds ?? null, filter.types ?? null],
    );
  }

  stream(kind: string, id: string, through: number): Promise<LogEntry[]> {
    return this.entries(
      'SELECT position, body FROM tiendo_events WHERE stream_kind = $1 AND stream_id = $2 AND position <= $3 ORDER BY position',
      [kind, id, through],
    );
  }

  async acceptedWithKey(key: string): Promise<LogEntry | undefined> {
    // The latest, as the embedded engine's map (later entries overwrite earlier ones) answers.
    const [entry] = await this.entries('SELECT position, body FROM tiendo_events WHERE idem_key = $1 ORDER BY position DESC LIMIT 1', [key]);
    return entry;
  }

  async last(): Promise<number> {
    const { rows } = await this.pool.query<{ p: string | null }>('SELECT max(position) AS p FROM tiendo_events');
    return Number(rows[0].p ?? 0);
  }

  async firstOfPlansOtherThan(planIds: readonly string[]): Promise<number | undefined> {
    // The distinct plans by a walk down the (plan_id, position) index, one probe per plan (a
    // province has a handful), rather than a scan of every row; then each plan's first position.
    const { rows } = await this.pool.query<{ p: string | null }>(
      `WITH RECURSIVE plans(id) AS (
         SELECT min(plan_id) FROM tiendo_events
         UNION ALL
         SELECT (SELECT min(plan_id) FROM tiendo_events WHERE plan_id > plans.id) FROM plans WHERE plans.id IS NOT NULL
       )
       SELECT min((SELECT min(position) FROM tiendo_events e WHERE e.plan_id = plans.id)) AS p
         FROM plans WHERE plans.id IS NOT NULL AND NOT (plans.id = ANY($1::text[]))`,
      [planIds],
    );
    return rows[0].p === null ? undefined : Number(rows[0].p);
  }

  async versionsThrough(through: number): Promise<StreamVersion[]> {
    // A loose index scan over the (stream_kind, stream_id, stream_version) unique index: hop from
    // one stream to the next, then read each stream's last version at or before `through` from its
    // end. A few index probes per stream, where GROUP BY read every row (a million-event start
    // spent most of its time here).
    const { rows } = await this.pool.query<{ kind: string; id: string; version: number }>(
      `WITH RECURSIVE streams AS (
         (SELECT stream_kind, stream_id FROM tiendo_events ORDER BY stream_kind, stream_id LIMIT 1)
         UNION ALL
         SELECT next.stream_kind, next.stream_id FROM streams, LATERAL (
           SELECT e.stream_kind, e.stream_id FROM tiendo_events e
            WHERE (e.stream_kind, e.stream_id) > (streams.stream_kind, streams.stream_id)
            ORDER BY e.stream_kind, e.stream_id LIMIT 1
         ) next
       )
       SELECT streams.stream_kind AS kind, streams.stream_id AS id, last.stream_version AS version
         FROM streams, LATERAL (
           SELECT e.stream_version FROM tiendo_events e
            WHERE e.stream_kind = streams.stream_kind AND e.stream_id = streams.stream_id AND e.position <= $1
            ORDER BY e.stream_version DESC LIMIT 1
         ) last`,
      [through],
    );
    return rows;
  }

  private async entries(sql: string, params: unknown[]): Promise<LogEntry[]> {
    const { rows } = await this.pool.query<{ position: string; body: string }>(sql, params);
    return rows.map((r) => parseEntry(r.body, `event ${r.position}`));
  }
}
