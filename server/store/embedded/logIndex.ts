import { readSync } from 'node:fs';
import type { EntryHead } from '../entries';

/**
 * Where each entry of the embedded log lives in the file, and its head, in typed arrays: about 30
 * bytes an entry however long its text, so a million-event history stays on disk and is read back
 * by offset when someone asks for it. Heads are stored as an index into a table of distinct
 * (kind, plan, task, stream) tuples and one of distinct types: a plan has a few hundred streams and
 * a dozen types, not a million.
 */
export class LogIndex {
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private seqs = new Float64Array(1024);
  private streams = new Uint32Array(1024);
  private types = new Uint16Array(1024);
  private readonly streamTable: Array<Pick<EntryHead, 'kind' | 'planId' | 'taskId' | 'streamId'>> = [];
  private readonly streamIds = new Map<string, number>();
  private readonly typeTable: string[] = [];
  private readonly typeIds = new Map<string, number>();
  /** Idempotency keys are few per entry and absent from most: kept aside, by line. */
  private readonly idem = new Map<number, { key: string; body: string }>();
  count = 0;

  push(head: EntryHead, offset: number, length: number): void {
    if (this.count === this.offsets.length) this.grow();
    const i = this.count++;
    this.offsets[i] = offset;
    this.lengths[i] = length;
    this.seqs[i] = head.seq;
    const streamKey = `${head.kind}\u0000${head.planId}\u0000${head.taskId ?? ''}\u0000${head.streamId ?? ''}`;
    let s = this.streamIds.get(streamKey);
    if (s === undefined) {
      s = this.streamTable.push({ kind: head.kind, planId: head.planId, taskId: head.taskId, streamId: head.streamId }) - 1;
      this.streamIds.set(streamKey, s);
    }
    this.streams[i] = s;
    let t = this.typeIds.get(head.type);
    if (t === undefined) {
      t = this.typeTable.push(head.type) - 1;
      this.typeIds.set(head.type, t);
    }
    this.types[i] = t;
    if (head.idem) this.idem.set(i, { key: head.idem.key, body: head.idem.body });
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
    const length = this.lengths[i];
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, buffer, done, length - done, this.offsets[i] + done);
      if (n === 0) throw new Error(`event log ended inside line ${i + 1}`);
      done += n;
    }
    return buffer.toString('utf8');
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
