import { z } from 'zod';

/**
 * One accepted event as the store keeps it: the same shape in the embedded log (one JSON object per
 * line) and in PostgreSQL (the `body` column). Streams are named by kind and id; kinds are open, so
 * a new machine adds a kind (and its payload schema below) without touching either store.
 */
export interface LogEntry {
  /** Global position: the order every store and every reader agrees on. */
  seq: number;
  at: string;
  /** Stream kind: 'plan', 'task', 'inspection', 'finding', 'review', … */
  kind: string;
  /** Every stream belongs to a plan (its year and agency); snapshots are kept per plan. */
  planId: string;
  /** The task a task event or a task-scoped plan amendment is about. */
  taskId?: string;
  /** Id within the kind, for kinds other than plan (the plan id) and task (the task id). */
  streamId?: string;
  type: string;
  /** Version of the stream after this entry (1 for a stream's first); absent in logs written before the store port. */
  sv?: number;
  by: { id: string; username: string };
  from: string;
  to: string;
  /** Version of the machine that accepted it. */
  mv: number;
  payload?: Record<string, unknown>;
  /** The machine snapshot after the event, so state is rebuilt from the log without re-deciding. */
  snapshot?: Record<string, unknown>;
  /** Idempotency-Key of the request that made it and the hash of that request's body. */
  idem?: { key: string; body: string };
  /**
   * Embedded log only: set on every entry of a multi-entry commit but its last, so a crash that
   * leaves part of a commit on disk is recognised on start and the partial commit cut off.
   */
  more?: true;
}

/** What a decider produces: the store assigns seq, sv and the hash. */
export type NewLogEntry = Omit<LogEntry, 'seq' | 'sv' | 'more'>;

export type EntryHead = Pick<LogEntry, 'seq' | 'kind' | 'planId' | 'taskId' | 'streamId' | 'type' | 'idem'>;

export interface StreamRef {
  kind: string;
  id: string;
}

/** The stream an entry was appended to. */
export function streamOf(e: Pick<LogEntry, 'kind' | 'planId' | 'taskId' | 'streamId'>): StreamRef {
  if (e.kind === 'plan') return { kind: 'plan', id: e.planId };
  if (e.kind === 'task') return { kind: 'task', id: e.taskId! };
  return { kind: e.kind, id: e.streamId! };
}

export const streamKey = (s: StreamRef) => `${s.kind}\u0000${s.id}`;

// The envelope is checked whenever an entry is read back from disk or database; payloads are checked
// per kind by the schemas registered below, so a damaged or foreign entry is named, not half-applied.
const Envelope = z.object({
  seq: z.number().int().positive(),
  at: z.string().min(1),
  kind: z.string().regex(/^[a-z][a-zA-Z]*$/),
  planId: z.string().min(1),
  taskId: z.string().optional(),
  streamId: z.string().optional(),
  type: z.string().regex(/^[A-Z][A-Z_]*$/),
  sv: z.number().int().positive().optional(),
  by: z.object({ id: z.string(), username: z.string() }),
  from: z.string(),
  to: z.string(),
  mv: z.number().int().nonnegative(),
  payload: z.record(z.string(), z.unknown()).optional(),
  snapshot: z.record(z.string(), z.unknown()).optional(),
  idem: z.object({ key: z.string(), body: z.string() }).optional(),
  more: z.literal(true).optional(),
  hash: z.string().optional(),
});

const payloadSchemas = new Map<string, z.ZodType>();

/** A kind's payload schema (a discriminated union on `type` is the usual shape). */
export function registerPayloadSchema(kind: string, schema: z.ZodType): void {
  payloadSchemas.set(kind, schema);
}

export class DamagedEntryError extends Error {}

/** Validates a parsed entry: its envelope, the stream id its kind needs, and its kind's payload. */
export function checkEntry(raw: unknown, where: string): LogEntry {
  const parsed = Envelope.safeParse(raw);
  if (!parsed.success) throw new DamagedEntryError(`${where}: not an event entry (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})`);
  const { hash: _hash, more: _more, ...entry } = parsed.data;
  if (entry.kind === 'task' && !entry.taskId) throw new DamagedEntryError(`${where}: task entry without taskId`);
  if (entry.kind !== 'task' && entry.kind !== 'plan' && !entry.streamId) throw new DamagedEntryError(`${where}: ${entry.kind} entry without streamId`);
  const schema = payloadSchemas.get(entry.kind);
  if (schema) {
    const p = schema.safeParse({ type: entry.type, ...entry.payload });
    if (!p.success) throw new DamagedEntryError(`${where}: ${entry.kind} ${entry.type} payload: ${p.error.issues[0].path.join('.')} ${p.error.issues[0].message}`);
  }
  return entry as LogEntry;
}

export function parseEntry(text: string, where: string): LogEntry {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DamagedEntryError(`${where} is not valid JSON; the store is damaged`);
  }
  return checkEntry(raw, where);
}

// The body is written with seq, at, kind, planId, taskId?, streamId?, type first, in this order
// (JSON.stringify keeps insertion order), so a reader can index an entry without parsing the rest.
const HEAD = /^\{"seq":(\d+),"at":"[^"]*","kind":"([a-zA-Z]+)","planId":"([^"\\]*)"(?:,"taskId":"([^"\\]*)")?(?:,"streamId":"([^"\\]*)")?,"type":"([A-Z_]+)"(?:,"more":true)?(?:,"idem":\{"key":"([^"\\]*)","body":"([^"\\]*)"\})?/;

/** The head fields of an entry's text; falls back to a full parse where it cannot read them cheaply. */
export function peekEntry(text: string, where: string): EntryHead {
  const m = HEAD.exec(text);
  if (m) return { seq: Number(m[1]), kind: m[2], planId: m[3], taskId: m[4], streamId: m[5], type: m[6], ...(m[7] === undefined ? {} : { idem: { key: m[7], body: m[8] } }) };
  return parseEntry(text, where);
}

/** An entry's canonical text, head fields first (see HEAD). */
export function entryBody(entry: LogEntry): string {
  const { seq, at, kind, planId, taskId, streamId, type, more, idem, ...rest } = entry;
  // Built field by field rather than with spreads: this runs on every commit.
  const body: Record<string, unknown> = { seq, at, kind, planId };
  if (taskId !== undefined) body.taskId = taskId;
  if (streamId !== undefined) body.streamId = streamId;
  body.type = type;
  if (more) body.more = more;
  if (idem) body.idem = { key: idem.key, body: idem.body };
  for (const key in rest) body[key] = rest[key as keyof typeof rest];
  return JSON.stringify(body);
}

const HASH_SUFFIX = /,"hash":"([0-9a-f]{64})"\}$/;

/** The stored text of an entry: its body with its chain hash as the last field. */
export function withHash(body: string, hash: string): string {
  return `${body.slice(0, -1)},"hash":"${hash}"}`;
}

/** Splits a stored text back into the body that was hashed and the hash (none before the store port). */
export function splitHash(text: string): { body: string; hash?: string } {
  const m = HASH_SUFFIX.exec(text);
  return m ? { body: text.slice(0, m.index) + '}', hash: m[1] } : { body: text };
}

/** Part of a multi-entry commit that is not its last entry (see `more`). */
export const continuesCommit = (text: string) => /"type":"[A-Z_]+","more":true/.test(text.slice(0, 400));
