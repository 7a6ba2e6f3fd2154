import type pg from 'pg';
import { parseEntry, type LogEntry } from '../entries';
import type { HistoryReader, StreamVersion } from '../port';

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
    const { rows } = await this.pool.query<{ kind: string; id: string; version: number }>(
      `SELECT stream_kind AS kind, stream_id AS id, max(stream_version) AS version
         FROM tiendo_events WHERE position <= $1 GROUP BY 1, 2`,
      [through],
    );
    return rows;
  }

  private async entries(sql: string, params: unknown[]): Promise<LogEntry[]> {
    const { rows } = await this.pool.query<{ position: string; body: string }>(sql, params);
    return rows.map((r) => parseEntry(r.body, `event ${r.position}`));
  }
}
