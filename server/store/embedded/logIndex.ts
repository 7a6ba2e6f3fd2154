import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync, readSync } from 'node:fs';
import { streamKey, streamOf } from '../entries';
import type { EntryHead } from '../entries';
import { passesFilter, type HeadFilter } from '../port';
import { sha256 } from '../sha256';

/** Version of the saved index file's layout. */
export const INDEX_FORMAT = 1;
/** The most one read of consecutive lines takes (readMany). */
const RUN_BYTES = 4 << 20;

const fingerprint = (text: string) => sha256(text, 'hex');
const bytes = (a: Float64Array | Uint32Array | Uint16Array, n: number) => Buffer.from(a.buffer, 0, n * a.BYTES_PER_ELEMENT);

/** Line numbers of one history (a plan's, a task's, a stream's), ascending, in a growable typed array. */
export class Rows {
  private rows = new Uint32Array(8);
  length = 0;

  push(row: number): void {
    if (this.length === this.rows.length) {
      const grown = new Uint32Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    this.rows[this.length++] = row;
  }

  at(k: number): number {
    return this.rows[k];
  }
}

type Tuple = Pick<EntryHead, 'kind' | 'planId' | 'taskId' | 'streamId'>;

/**
 * Where each entry of the embedded log lives in the file, and its head, in typed arrays: about 30
 * bytes an entry however long its text, so a million-event history stays on disk and is read back
 * by offset when someone asks for it. Heads are stored as an index into a table of distinct
 * (kind, plan, task, stream) tuples and one of distinct types: a plan has a few hundred streams and
 * a dozen types, not a million. Each plan's, task's and stream's lines are listed (Rows), and each
 * Idempotency-Key's latest line: the history reads of the store port, answered from here.
 */
export class LogIndex {
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private seqs = new Float64Array(1024);
  private streams = new Uint32Array(1024);
  private types = new Uint16Array(1024);
  private readonly streamTable: Tuple[] = [];
  private readonly streamIds = new Map<string, number>();
  private readonly typeTable: string[] = [];
  private readonly typeIds = new Map<string, number>();
  /** Idempotency keys are few per entry and absent from most: kept aside, by line. */
  private readonly idem = new Map<number, { key: string; body: string }>();
  /** Each plan's, task's (entries naming it) and stream's lines. */
  readonly byPlan = new Map<string, Rows>();
  readonly byTask = new Map<string, Rows>();
  readonly byStream = new Map<string, Rows>();
  /** The latest line accepted with each Idempotency-Key. */
  readonly byKey = new Map<string, number>();
  /** The lists a line of each tuple goes in, looked up once per tuple. */
  private readonly listsOfTuple: Rows[][] = [];
  count = 0;

  push(head: EntryHead, offset: number, length: number): void {
    if (this.count === this.offsets.length) this.grow();
    const i = this.count++;
    this.offsets[i] = offset;
    this.lengths[i] = length;
    this.seqs[i] = head.seq;
    const tupleKey = `${head.kind}\u0000${head.planId}\u0000${head.taskId ?? ''}\u0000${head.streamId ?? ''}`;
    let s = this.streamIds.get(tupleKey);
    if (s === undefined) s = this.addTuple({ kind: head.kind, planId: head.planId, taskId: head.taskId, streamId: head.streamId }, tupleKey);
    this.streams[i] = s;
    for (const list of this.listsOfTuple[s]) list.push(i);
    let t = this.typeIds.get(head.type);
    if (t === undefined) {
      t = this.typeTable.push(head.type) - 1;
      this.typeIds.set(head.type, t);
    }
    this.types[i] = t;
    if (head.idem) {
      this.idem.set(i, { key: head.idem.key, body: head.idem.body });
      this.byKey.set(head.idem.key, i);
    }
  }

  private addTuple(tuple: Tuple, key: string): number {
    const s = this.streamTable.push(tuple) - 1;
    this.streamIds.set(key, s);
    const lists = [listIn(this.byPlan, tuple.planId), listIn(this.byStream, streamKey(streamOf(tuple)))];
    if (tuple.taskId) lists.push(listIn(this.byTask, tuple.taskId));
    this.listsOfTuple.push(lists);
    return s;
  }

  /** The tuple (kind, plan, task, stream) of line `i`. */
  tuple(i: number): Tuple {
    return this.streamTable[this.streams[i]];
  }

  head(i: number): EntryHead {
    const s = this.streamTable[this.streams[i]];
    const idem = this.idem.get(i);
    return { seq: this.seqs[i], kind: s.kind, planId: s.planId, taskId: s.taskId, streamId: s.streamId, type: this.typeTable[this.types[i]], ...(idem ? { idem } : {}) };
  }

  seq(i: number): number {
    return this.seqs[i];
  }

  /** The line holding global position `seq` (-1 when there is none). Positions only grow: binary search. */
  find(seq: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = this.seqs[mid];
      if (s === seq) return mid;
      if (s < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The text of line `i` (without its newline), read from the file. */
  read(fd: number, i: number): string {
    return readBytes(fd, this.offsets[i], this.lengths[i], i).toString('utf8');
  }

  /**
   * The texts of several lines, in the order of `rows` (ascending): lines that lie back to back in
   * the file are read together, up to RUN_BYTES at a time, so a history of thousands of entries is
   * a few reads rather than one system call per entry.
   */
  readMany(fd: number, rows: readonly number[]): string[] {
    const out: string[] = [];
    for (let k = 0; k < rows.length; ) {
      // A run: the following rows that continue the file where the previous one ended.
      let end = k + 1;
      let bytes = this.lengths[rows[k]] + 1;
      while (end < rows.length && bytes < RUN_BYTES && this.offsets[rows[end]] === this.offsets[rows[end - 1]] + this.lengths[rows[end - 1]] + 1) {
        bytes += this.lengths[rows[end]] + 1;
        end++;
      }
      const start = this.offsets[rows[k]];
      const buffer = readBytes(fd, start, bytes, rows[k]);
      for (let j = k; j < end; j++) {
        const at = this.offsets[rows[j]] - start;
        out.push(buffer.toString('utf8', at, at + this.lengths[rows[j]]));
      }
      k = end;
    }
    return out;
  }

  /** Does line `i`'s head pass the filter? Read from the index's columns, not the file. */
  passes(i: number, filter: HeadFilter): boolean {
    return passesFilter(this.streamTable[this.streams[i]].kind, this.typeTable[this.types[i]], filter);
  }

  /** Each stream's version (its number of entries), from the index alone. */
  versions(): Map<string, number> {
    const perTuple = new Uint32Array(this.streamTable.length);
    for (let i = 0; i < this.count; i++) perTuple[this.streams[i]]++;
    const versions = new Map<string, number>();
    this.streamTable.forEach((tuple, t) => {
      const key = streamKey(streamOf(tuple));
      versions.set(key, (versions.get(key) ?? 0) + perTuple[t]);
    });
    return versions;
  }

  /**
   * Saves the index beside the log (a cache, like the snapshots): the next start reads it instead
   * of scanning every line, and scans only what was appended after `size`. The text of the last
   * line it covers is fingerprinted: that line ends in its chain hash, which depends on every line
   * before it, so an index that does not belong to this log is never used.
   */
  save(path: string, fd: number, size: number): void {
    if (!this.count) return;
    const header = Buffer.from(
      JSON.stringify({
        v: INDEX_FORMAT, count: this.count, size, last: fingerprint(this.read(fd, this.count - 1)),
        streams: this.streamTable, types: this.typeTable, idem: [...this.idem],
      }),
    );
    const n = this.count;
    const parts = [
      Buffer.from(Uint32Array.of(header.length).buffer), header,
      bytes(this.offsets, n), bytes(this.lengths, n), bytes(this.seqs, n), bytes(this.streams, n), bytes(this.types, n),
    ];
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, Buffer.concat(parts), { mode: 0o600 });
    const tfd = openSync(tmp, 'r');
    fsyncSync(tfd);
    closeSync(tfd);
    renameSync(tmp, path);
  }

  /** The saved index if it is there, well-formed and belongs to the log open on `fd`; else undefined. */
  static load(path: string, fd: number, logSize: number): { index: LogIndex; size: number } | undefined {
    let file: Buffer;
    try {
      file = readFileSync(path);
    } catch {
      return undefined;
    }
    try {
      const headerLength = file.readUInt32LE(0);
      const header = JSON.parse(file.toString('utf8', 4, 4 + headerLength));
      if (header.v !== INDEX_FORMAT || !(header.size <= logSize) || !(header.count > 0)) return undefined;
      const n: number = header.count;
      let at = 4 + headerLength;
      const take = <T extends Float64Array | Uint32Array | Uint16Array>(Type: new (size: number) => T, width: number): T => {
        const out = new Type(Math.max(1024, n));
        Buffer.from(out.buffer).set(file.subarray(at, at + n * width));
        at += n * width;
        return out;
      };
      const index = new LogIndex();
      index.offsets = take(Float64Array, 8);
      index.lengths = take(Uint32Array, 4);
      index.seqs = take(Float64Array, 8);
      index.streams = take(Uint32Array, 4);
      index.types = take(Uint16Array, 2);
      if (at !== file.length) return undefined;
      index.count = n;
      for (const t of header.streams as Tuple[]) index.addTuple(t, `${t.kind}\u0000${t.planId}\u0000${t.taskId ?? ''}\u0000${t.streamId ?? ''}`);
      header.types.forEach((t: string, i: number) => {
        index.typeTable.push(t);
        index.typeIds.set(t, i);
      });
      for (const [i, idem] of header.idem as Array<[number, { key: string; body: string }]>) {
        index.idem.set(i, idem);
        index.byKey.set(idem.key, i);
      }
      // The history lists, one pass over the lines (not saved: they are the lines regrouped).
      const lists = index.listsOfTuple;
      const streams = index.streams;
      for (let i = 0; i < n; i++) for (const list of lists[streams[i]]) list.push(i);
      const lastEnd = index.offsets[n - 1] + index.lengths[n - 1] + 1;
      if (lastEnd !== header.size || fingerprint(index.read(fd, n - 1)) !== header.last) return undefined;
      return { index, size: header.size };
    } catch {
      return undefined;
    }
  }

  private grow(): void {
    const size = this.offsets.length * 2;
    const grown = <T extends Float64Array | Uint32Array | Uint16Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.offsets = grown(this.offsets);
    this.lengths = grown(this.lengths);
    this.seqs = grown(this.seqs);
    this.streams = grown(this.streams);
    this.types = grown(this.types);
  }
}

function listIn(map: Map<string, Rows>, key: string): Rows {
  let list = map.get(key);
  if (!list) map.set(key, (list = new Rows()));
  return list;
}

/** `length` bytes of the file from `start` (the text of line `row` onwards), read whole. */
function readBytes(fd: number, start: number, length: number, row: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, start + done);
    if (n === 0) throw new Error(`event log ended inside line ${row + 1}`);
    done += n;
  }
  return buffer;
}
