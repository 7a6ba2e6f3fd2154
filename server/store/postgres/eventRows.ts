import type pg from 'pg';
import { streamOf, type LogEntry } from '../entries';

/** One row of tiendo_events: the entry, its position, stream version, stored body and chain hash. */
export interface EventRow {
  seq: number;
  sv: number;
  entry: LogEntry;
  body: string;
  hash: string;
}

/**
 * Inserts rows in one statement (arrays unnested server-side), filling the columns the database
 * reads history by (stream, plan, task, idempotency key) from the entry. `append` and `importRaw`
 * both write through here, so no path can leave those columns empty.
 */
export async function insertEvents(client: pg.PoolClient, rows: readonly EventRow[]): Promise<void> {
  if (!rows.length) return;
  const cols: unknown[][] = Array.from({ length: 12 }, () => []);
  for (const { seq, sv, entry, body, hash } of rows) {
    const ref = streamOf(entry);
    const values = [seq, ref.kind, ref.id, sv, entry.planId, entry.type, entry.at, body, hash, entry.taskId ?? null, entry.idem?.key ?? null, entry.idem?.body ?? null];
    values.forEach((v, i) => cols[i].push(v));
  }
  await client.query(
    `INSERT INTO tiendo_events (position, stream_kind, stream_id, stream_version, plan_id, type, at, body, hash, task_id, idem_key, idem_body)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])`,
    cols,
  );
}
