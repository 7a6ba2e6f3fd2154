import type pg from 'pg';
import type { PlanSnapshot, SnapshotPort, StoredSnapshot } from '../port';

/** Plan snapshots in a table: a cache, exactly as the embedded store's files are. */
export class PgSnapshots implements SnapshotPort {
  constructor(private readonly pool: pg.Pool) {}

  async loadAll(): Promise<StoredSnapshot[]> {
    const { rows } = await this.pool.query<{ plan_id: string; body: unknown }>('SELECT plan_id, body FROM tiendo_snapshots');
    return rows.map((row) => ({ source: `snapshot of plan ${row.plan_id}`, data: row.body }));
  }

  /** Several instances write snapshots; the one further along the log wins. */
  async write(snapshot: PlanSnapshot): Promise<void> {
    await this.pool.query(
      `INSERT INTO tiendo_snapshots (plan_id, log_seq, body) VALUES ($1, $2, $3)
       ON CONFLICT (plan_id) DO UPDATE SET log_seq = EXCLUDED.log_seq, body = EXCLUDED.body
       WHERE tiendo_snapshots.log_seq <= EXCLUDED.log_seq`,
      [snapshot.plan.id, snapshot.logSeq, JSON.stringify(snapshot)],
    );
  }
}
