import type pg from 'pg';
import { entryBody, parseEntry, peekEntry, streamKey, streamOf, type LogEntry, type StreamRef } from '../entries';
import { chainHash, GENESIS, type RawEntry } from '../hashChain';
import { StreamConflictError, type Append, type CommitListener, type EventStore, type ReplayItem } from '../port';
import { channel, createClient, createPool, ensureSchema, inTransaction, type PgTarget } from './connect';
import { insertEvents, type EventRow } from './eventRows';
import { PgHistory } from './pgHistory';
import { PgSnapshots } from './pgSnapshots';
import { migrate } from './schema';

/** An entry copied as stored, with the stream version and chain hash it has (computed for old entries). */
export type CopiedEntry = EventRow;

/** Held for the length of one commit: commits get their positions and hashes one at a time. */
const APPEND_LOCK = 7310_0002;
const PAGE = 5000;

/**
 * The store for a province: PostgreSQL through node-postgres, chosen by DATABASE_URL. One
 * transaction per commit; positions and the hash chain are assigned under a transaction-scoped
 * advisory lock, and a unique (stream, version) constraint makes the database the judge of races
 * between instances. Other instances' commits arrive by LISTEN/NOTIFY (the notification only says
 * "read after your position"; the table is the truth, so a missed notification costs latency, not
 * data: a slow poll covers a dropped listener).
 */
export class PgStore implements EventStore {
  readonly snapshots: PgSnapshots;
  readonly history: PgHistory;
  private readonly listeners = new Set<CommitListener>();
  private delivered = 0;
  /** Entries this process committed, by position, delivered as the same objects the caller gets. */
  private readonly own = new Map<number, LogEntry>();
  private catching: Promise<void> | undefined;
  private again = false;
  private listener: pg.Client | undefined;
  private poll: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    readonly pool: pg.Pool,
    readonly target: PgTarget,
  ) {
    this.snapshots = new PgSnapshots(pool);
    this.history = new PgHistory(pool);
  }

  static async open(url: string, opts: { schema?: string; pollMs?: number } = {}): Promise<PgStore> {
    const target: PgTarget = { url, schema: opts.schema };
    await ensureSchema(target);
    const pool = createPool(target);
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
    const store = new PgStore(pool, target);
    store.poll = setInterval(() => void store.catchUp(store.delivered).catch(() => {}), opts.pollMs ?? 2000);
    store.poll.unref();
    return store;
  }

  get position(): number {
    return this.delivered;
  }

  async append(appends: readonly Append[]): Promise<LogEntry[]> {
    let entries: LogEntry[];
    try {
      entries = await inTransaction(this.pool, (client) => this.insert(client, appends));
    } catch (e) {
      if ((e as { code?: string }).code === '23505') {
        // Another instance took the stream version between our check and insert.
        const { entry, expectedVersion } = appends[0];
        throw new StreamConflictError(streamOf(entry), expectedVersion, undefined);
      }
      throw e;
    }
    for (const e of entries) this.own.set(e.seq, e);
    await this.catchUpTo(entries[entries.length - 1].seq);
    return entries;
  }

  private async insert(client: pg.PoolClient, appends: readonly Append[]): Promise<LogEntry[]> {
    await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
    const streams = new Map<string, { ref: StreamRef; expected: number }>();
    for (const { entry, expectedVersion } of appends) {
      const ref = streamOf(entry);
      if (!streams.has(streamKey(ref))) streams.set(streamKey(ref), { ref, expected: expectedVersion });
    }
    const refs = [...streams.values()];
    const { rows: current } = await client.query<{ k: string; i: string; v: number }>(
      `SELECT s.k, s.i, coalesce(max(e.stream_version), 0)::int AS v
         FROM unnest($1::text[], $2::text[]) AS s(k, i)
         LEFT JOIN tiendo_events e ON e.stream_kind = s.k AND e.stream_id = s.i
        GROUP BY s.k, s.i`,
      [refs.map((s) => s.ref.kind), refs.map((s) => s.ref.id)],
    );
    const versions = new Map(current.map((r) => [streamKey({ kind: r.k, id: r.i }), r.v]));
    for (const s of refs) {
      const actual = versions.get(streamKey(s.ref)) ?? 0;
      if (actual !== s.expected) throw new StreamConflictError(s.ref, s.expected, actual);
    }
    const { rows: last } = await client.query<{ position: string; hash: string }>(
      'SELECT position, hash FROM tiendo_events ORDER BY position DESC LIMIT 1',
    );
    let position = last.length ? Number(last[0].position) : 0;
    let hash = last.length ? last[0].hash : GENESIS;
    const entries: LogEntry[] = [];
    const rows: EventRow[] = [];
    for (const { entry } of appends) {
      const key = streamKey(streamOf(entry));
      const sv = versions.get(key)! + 1;
      versions.set(key, sv);
      const full: LogEntry = { ...entry, seq: ++position, sv };
      const body = entryBody(full);
      hash = chainHash(hash, body);
      entries.push(full);
      rows.push({ seq: full.seq, sv, entry: full, body, hash });
    }
    await insertEvents(client, rows);
    await client.query('SELECT pg_notify($1, $2)', [channel(this.target, 'events'), String(position)]);
    return entries;
  }

  subscribe(listener: CommitListener): () => void {
    this.listeners.add(listener);
    void this.listen();
    return () => this.listeners.delete(listener);
  }

  /** A dedicated connection that wakes this instance when another one commits. */
  private async listen(): Promise<void> {
    if (this.listener || this.closed) return;
    const client = createClient(this.target);
    this.listener = client;
    client.on('notification', () => void this.catchUp(this.delivered).catch(() => {}));
    client.on('error', () => {
      // Dropped: reconnect; the poll covers the gap.
      this.listener = undefined;
      client.end().catch(() => {});
      if (!this.closed) setTimeout(() => void this.listen(), 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel(this.target, 'events')}`);
    } catch {
      this.listener = undefined;
      if (!this.closed) setTimeout(() => void this.listen(), 1000).unref();
    }
  }

  async catchUp(seenPosition: number): Promise<boolean> {
    await this.catchUpTo(Infinity);
    return this.delivered > seenPosition;
  }

  /** Delivers, in order and one reader at a time, everything committed after what was delivered. */
  private catchUpTo(target: number): Promise<void> {
    if (this.delivered >= target) return Promise.resolve();
    if (this.catching) {
      this.again = true;
      return this.catching.then(() => this.catchUpTo(target));
    }
    this.catching = (async () => {
      try {
        do {
          this.again = false;
          await this.deliverNew();
        } while (this.again);
      } finally {
        this.catching = undefined;
      }
    })();
    return this.catching;
  }

  private async deliverNew(): Promise<void> {
    if (!this.listeners.size) return;
    for (;;) {
      const { rows } = await this.pool.query<{ position: string; body: string }>(
        'SELECT position, body FROM tiendo_events WHERE position > $1 ORDER BY position LIMIT $2',
        [this.delivered, PAGE],
      );
      if (!rows.length) return;
      const batch = rows.map((r) => {
        const seq = Number(r.position);
        const mine = this.own.get(seq);
        this.own.delete(seq);
        return mine ?? parseEntry(r.body, `event ${seq}`);
      });
      this.delivered = batch[batch.length - 1].seq;
      for (const listener of this.listeners) listener(batch);
      if (rows.length < PAGE) return;
    }
  }

  async replay(visit: (item: ReplayItem) => void, after = 0): Promise<void> {
    // What the engine restored from snapshots (and counted with versionsThrough) is not read at all.
    this.delivered = Math.max(this.delivered, after);
    for (;;) {
      const { rows } = await this.pool.query<{ position: string; body: string }>(
        'SELECT position, body FROM tiendo_events WHERE position > $1 ORDER BY position LIMIT $2',
        [this.delivered, PAGE],
      );
      for (const r of rows) {
        const where = `event ${r.position}`;
        // Parsed only when the engine asks: entries a snapshot holds are placed by their head alone.
        const head = peekEntry(r.body, where);
        visit({ head, load: () => parseEntry(r.body, where) });
        this.delivered = Number(r.position);
      }
      if (rows.length < PAGE) return;
    }
  }

  async *readRaw(after = 0): AsyncIterable<RawEntry> {
    let from = after;
    for (;;) {
      const { rows } = await this.pool.query<{ position: string; body: string; hash: string }>(
        'SELECT position, body, hash FROM tiendo_events WHERE position > $1 ORDER BY position LIMIT $2',
        [from, PAGE],
      );
      for (const r of rows) yield { seq: Number(r.position), body: r.body, hash: r.hash };
      if (rows.length < PAGE) return;
      from = Number(rows[rows.length - 1].position);
    }
  }

  /**
   * Writes entries copied from another store verbatim (positions, bodies, hashes) in one
   * transaction, into an empty store only: `store:copy` and seeding use it.
   */
  async importRaw(entries: AsyncIterable<CopiedEntry> | Iterable<CopiedEntry>): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      let count = 0;
      await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM tiendo_events');
      if (Number(rows[0].n) > 0) throw new Error('the PostgreSQL store is not empty; refusing to copy into it');
      let batch: CopiedEntry[] = [];
      for await (const c of entries) {
        batch.push(c);
        count++;
        if (batch.length >= PAGE) {
          await insertEvents(client, batch);
          batch = [];
        }
      }
      await insertEvents(client, batch);
      return count;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poll);
    await this.catching;
    await this.listener?.end().catch(() => {});
    await this.pool.end();
  }
}
