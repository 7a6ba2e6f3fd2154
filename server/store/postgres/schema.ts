import type { PoolClient } from 'pg';

/**
 * The PostgreSQL schema, created and upgraded at start by versioned migrations, one step at a time,
 * under an advisory lock so two instances starting together do not both apply a step.
 * Never edit a released step: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the event log. One table, global position, and a unique (stream, version) so the database,
  // not one process's memory, decides a race between instances.
  `CREATE TABLE tiendo_events (
     position bigint PRIMARY KEY,
     stream_kind text NOT NULL,
     stream_id text NOT NULL,
     stream_version integer NOT NULL,
     plan_id text NOT NULL,
     type text NOT NULL,
     at timestamptz NOT NULL,
     body text NOT NULL,
     hash text NOT NULL,
     UNIQUE (stream_kind, stream_id, stream_version)
   );
   CREATE TABLE tiendo_snapshots (
     plan_id text PRIMARY KEY,
     log_seq bigint NOT NULL,
     body jsonb NOT NULL
   );`,
  // 2: accounts, sessions and login throttling, shared by every instance: a login on one instance
  // is valid on the others, a logout anywhere ends the session everywhere, the limit counts across.
  `CREATE TABLE tiendo_users (
     id text PRIMARY KEY,
     username text NOT NULL UNIQUE,
     body jsonb NOT NULL
   );
   CREATE TABLE tiendo_sessions (
     token_hash text PRIMARY KEY,
     user_id text NOT NULL REFERENCES tiendo_users (id) ON DELETE CASCADE,
     expires_at timestamptz NOT NULL
   );
   CREATE INDEX tiendo_sessions_user ON tiendo_sessions (user_id);
   CREATE TABLE tiendo_login_attempts (
     key text PRIMARY KEY,
     count integer NOT NULL,
     reset_at timestamptz NOT NULL
   );`,
  // 3: history read from the database instead of held in memory: the task an entry names and the
  // Idempotency-Key it was accepted with, as columns (copied from the body, which stays the record),
  // and indexes for a task's, a plan's and a key's entries in log order. Rows with neither field
  // (most of a log) keep NULLs and are not rewritten; the LIKE only narrows, the JSON decides.
  `ALTER TABLE tiendo_events ADD COLUMN task_id text, ADD COLUMN idem_key text, ADD COLUMN idem_body text;
   UPDATE tiendo_events
      SET task_id = body::jsonb ->> 'taskId',
          idem_key = body::jsonb #>> '{idem,key}',
          idem_body = body::jsonb #>> '{idem,body}'
    WHERE body LIKE '%"taskId"%' OR body LIKE '%"idem"%';
   CREATE INDEX tiendo_events_task ON tiendo_events (task_id, position) WHERE task_id IS NOT NULL;
   CREATE INDEX tiendo_events_plan ON tiendo_events (plan_id, position);
   CREATE INDEX tiendo_events_idem ON tiendo_events (idem_key, position) WHERE idem_key IS NOT NULL;`,
  // 4: snapshots as json, not jsonb: jsonb reorders an object's keys, so a plan restored from it
  // serialised in another field order than the same plan rebuilt from the log. json keeps the text
  // as written. (Rows converted here keep jsonb's order until their plan's next snapshot.)
  `ALTER TABLE tiendo_snapshots ALTER COLUMN body TYPE json USING body::json;`,
  // 5: evidence files (server/files/pgFiles.ts), so every instance serves every file: the bytes by
  // sha256 in chunks (an upload streams in without being held whole), and one row per upload.
  `CREATE TABLE tiendo_file_blobs (
     sha256 text PRIMARY KEY,
     size bigint NOT NULL,
     stored_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE tiendo_file_chunks (
     sha256 text NOT NULL REFERENCES tiendo_file_blobs (sha256) ON DELETE CASCADE,
     n integer NOT NULL,
     data bytea NOT NULL,
     PRIMARY KEY (sha256, n)
   );
   CREATE TABLE tiendo_files (
     id text PRIMARY KEY,
     sha256 text NOT NULL REFERENCES tiendo_file_blobs (sha256),
     body jsonb NOT NULL
   );
   CREATE INDEX tiendo_files_sha256 ON tiendo_files (sha256);`,
];

const MIGRATION_LOCK = 7310_0001;

export async function migrate(client: PoolClient): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS tiendo_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM tiendo_schema');
    let version = rows[0].v ?? 0;
    for (; version < MIGRATIONS.length; version++) {
      await client.query('BEGIN');
      try {
        await client.query(MIGRATIONS[version]);
        await client.query('INSERT INTO tiendo_schema (version) VALUES ($1)', [version + 1]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
    return version;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
