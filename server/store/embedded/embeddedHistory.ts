import { streamKey, type LogEntry } from '../entries';
import type { HeadFilter, HistoryReader, StreamVersion } from '../port';
import type { LogIndex, Rows } from './logIndex';

/**
 * The embedded store's history reads, answered from its offset index (each plan's, task's and
 * stream's lines, each key's latest line) and read back from the file by offset: nothing per entry
 * is held but a line number. Nothing past what is durable (`durable()`) is ever answered.
 */
export class EmbeddedHistory implements HistoryReader {
  constructor(
    private readonly index: LogIndex,
    /** Lines (ascending) read and parsed: back-to-back lines in one read. */
    private readonly read: (rows: readonly number[]) => LogEntry[],
    private readonly durable: () => number,
  ) {}

  async task(taskId: string, through: number): Promise<LogEntry[]> {
    return this.upTo(this.index.byTask.get(taskId), through);
  }

  async plan(planId: string, through: number): Promise<LogEntry[]> {
    return this.upTo(this.index.byPlan.get(planId), through);
  }

  async planPage(planId: string, after: number, through: number, limit: number, filter: HeadFilter = {}): Promise<LogEntry[]> {
    const list = this.index.byPlan.get(planId);
    if (!list) return [];
    const bound = Math.min(through, this.durable());
    const rows: number[] = [];
    // Judged by the index's columns: only what passes is read from the file.
    for (let k = this.countThrough(list, after); k < list.length && rows.length < limit; k++) {
      const row = list.at(k);
      if (this.index.seq(row) > bound) break;
      if (this.index.passes(row, filter)) rows.push(row);
    }
    return this.read(rows);
  }

  async stream(kind: string, id: string, through: number): Promise<LogEntry[]> {
    return this.upTo(this.index.byStream.get(streamKey({ kind, id })), through);
  }

  async acceptedWithKey(key: string): Promise<LogEntry | undefined> {
    const row = this.index.byKey.get(key);
    if (row === undefined || this.index.seq(row) > this.durable()) return undefined;
    return this.read([row])[0];
  }

  async last(): Promise<number> {
    return this.durable();
  }

  async firstOfPlansOtherThan(planIds: readonly string[]): Promise<number | undefined> {
    let first: number | undefined;
    for (const [planId, list] of this.index.byPlan) {
      if (planIds.includes(planId) || !list.length) continue;
      const seq = this.index.seq(list.at(0));
      if (seq <= this.durable() && (first === undefined || seq < first)) first = seq;
    }
    return first;
  }

  async versionsThrough(through: number): Promise<StreamVersion[]> {
    const bound = Math.min(through, this.durable());
    const out: StreamVersion[] = [];
    for (const [key, list] of this.index.byStream) {
      const version = this.countThrough(list, bound);
      if (!version) continue;
      const cut = key.indexOf('\u0000');
      out.push({ kind: key.slice(0, cut), id: key.slice(cut + 1), version });
    }
    return out;
  }

  private upTo(list: Rows | undefined, through: number): LogEntry[] {
    if (!list) return [];
    const n = this.countThrough(list, Math.min(through, this.durable()));
    const rows: number[] = [];
    for (let k = 0; k < n; k++) rows.push(list.at(k));
    return this.read(rows);
  }

  /** How many of a list's lines lie at or before position `seq` (lines are in log order: binary search). */
  private countThrough(list: Rows, seq: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.index.seq(list.at(mid)) <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
