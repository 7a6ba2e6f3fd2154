import { localDate } from '../../machines/dates';
import type { LogEntry } from '../store/entries';
import type { HeadFilter, HistoryReader } from '../store/port';
import { applyEntry } from './apply';
import type { PlanRecord } from './records';

/** How many entries a paged read holds at once: a million-event history is never all in memory. */
export const HISTORY_PAGE = 4096;

/**
 * Every stream's history in log order, for the history routes, as-of reads and idempotent replays,
 * read from the store by its own index (the one history path of the port) and bounded by what the
 * engine has applied (`through`), so a history never shows an entry the engine's state does not.
 * The engine keeps no per-entry list: memory does not grow with the history.
 */
export class History {
  constructor(
    private readonly reader: HistoryReader,
    private readonly through: () => number,
  ) {}

  /** Every entry naming the task: its own stream and plan entries about it (CHANGE_DEADLINE, …). */
  task(taskId: string): Promise<readonly LogEntry[]> {
    return this.reader.task(taskId, this.through());
  }

  plan(planId: string): Promise<readonly LogEntry[]> {
    return this.reader.plan(planId, this.through());
  }

  /** One stream of any kind (an inspection, a finding, a review, …). */
  stream(kind: string, id: string): Promise<readonly LogEntry[]> {
    return this.reader.stream(kind, id, this.through());
  }

  /**
   * A plan's entries oldest first, a page at a time (HISTORY_PAGE), as far as the engine had applied
   * when the read began: what a rebuild over the whole history (as-of, trend, reviews) walks, so
   * memory holds one page, not the history.
   */
  async *planPages(planId: string, size = HISTORY_PAGE, filter?: HeadFilter): AsyncGenerator<readonly LogEntry[]> {
    const through = this.through();
    for (let after = 0; ; ) {
      const page = await this.reader.planPage(planId, after, through, size, filter);
      if (page.length) yield page;
      if (page.length < size) return;
      after = page[page.length - 1].seq;
    }
  }

  /**
   * The plan as it stood at the end of an agency-local day, rebuilt from its history with the same
   * reducer that built the live state: what a review of a past period must show.
   */
  async planAsOf(planId: string, date: string): Promise<PlanRecord | undefined> {
    const rebuilt = new Map<string, PlanRecord>();
    for await (const page of this.planPages(planId)) {
      for (const entry of page) if (localDate(entry.at) <= date) applyEntry(rebuilt, entry);
    }
    return rebuilt.get(planId);
  }

  /** The plan exactly as the entry at position `seq` left it, rebuilt from its history. */
  async planThrough(planId: string, seq: number): Promise<PlanRecord | undefined> {
    const rebuilt = new Map<string, PlanRecord>();
    for await (const page of this.planPages(planId)) {
      for (const entry of page) {
        if (entry.seq > seq) return rebuilt.get(planId);
        applyEntry(rebuilt, entry);
      }
    }
    return rebuilt.get(planId);
  }
}
