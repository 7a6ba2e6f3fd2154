import { localDate } from '../../machines/dates';
import type { EntryHead, LogEntry } from '../store/entries';
import { passesFilter, type HeadFilter, type HistoryReader, type StreamTuple } from '../store/port';
import { applyEntry } from './apply';
import type { PlanDefinition, PlanRecord } from './records';

/** An entry; one left unparsed until read; or, with a store that reads by position, only its position. */
type Item = LogEntry | (() => LogEntry) | number;

/** Where history is read from when the index keeps none: the store's reader, up to what the engine has applied. */
export interface HistorySource {
  reader: HistoryReader;
  through: () => number;
}

/**
 * Every stream's history in log order, for the history routes and as-of reads. Entries restored from
 * a snapshot's range stay unparsed until first read, so a long history does not slow the start much.
 * With `load` (a store that reads entries back by position, like the embedded log's offset index)
 * the index holds positions only, restored and new entries alike, and reads each history from the
 * store when asked: memory does not grow with the history. With `source` (a store that reads
 * history by its own indexes, PostgreSQL) it holds no list at all, only which plan holds each task.
 * Reads are async either way, so callers need not know which.
 */
/** How many entries a paged read holds at once: a million-event history is never all in memory. */
export const HISTORY_PAGE = 4096;

/** A store that reads entries back by position (the embedded log's offset index). */
export interface PositionalReads {
  load: (seq: number) => LogEntry;
  /** Several positions at once (lines next to each other in one read). */
  loadMany?: (seqs: readonly number[]) => LogEntry[];
  /** The positions whose head passes a filter, judged from the store's index without reading. */
  matching?: (seqs: readonly number[], filter: HeadFilter) => number[];
}

export class HistoryIndex {
  constructor(
    private readonly positional?: PositionalReads,
    private readonly source?: HistorySource,
  ) {}

  private readonly byTask = new Map<string, Item[]>();
  private readonly byPlan = new Map<string, Item[]>();
  private readonly byStream = new Map<string, Item[]>();
  /** Which plan holds each task. */
  readonly taskPlan = new Map<string, string>();

  /** Places an entry; a plan CREATE must come parsed (its definition names the plan's tasks). */
  add(head: EntryHead | LogEntry, load?: () => LogEntry): void {
    if (head.type === 'CREATE' && head.kind === 'plan') {
      for (const t of ((head as LogEntry).payload!.definition as PlanDefinition).tasks) this.taskPlan.set(t.id, head.planId);
    }
    if (this.source) {
      if (head.taskId) this.taskPlan.set(head.taskId, head.planId);
      return;
    }
    const item: Item = this.positional ? head.seq : (load ?? (head as LogEntry));
    for (const list of this.listsOf(head)) list.push(item);
  }

  /**
   * The lists an entry of this stream belongs in (its plan's, its task's or its stream's). A
   * start-up over columns looks them up once per stream and pushes positions straight in.
   */
  listsOf(stream: StreamTuple): Item[][] {
    const lists = [listIn(this.byPlan, stream.planId)];
    if (stream.streamId) lists.push(listIn(this.byStream, `${stream.kind}/${stream.streamId}`));
    if (stream.taskId) {
      this.taskPlan.set(stream.taskId, stream.planId);
      lists.push(listIn(this.byTask, stream.taskId));
    }
    return lists;
  }

  /** Every entry naming the task: its own stream and plan entries about it (CHANGE_DEADLINE, …). */
  async task(taskId: string): Promise<readonly LogEntry[]> {
    if (this.source) return this.source.reader.task(taskId, this.source.through());
    return this.parsed(this.byTask.get(taskId));
  }

  async plan(planId: string): Promise<readonly LogEntry[]> {
    if (this.source) return this.source.reader.plan(planId, this.source.through());
    return this.parsed(this.byPlan.get(planId));
  }

  /** A stream of a kind other than plan and task (an inspection, a finding, a review). */
  async stream(kind: string, id: string): Promise<readonly LogEntry[]> {
    if (this.source) return this.source.reader.stream(kind, id, this.source.through());
    return this.parsed(this.byStream.get(`${kind}/${id}`));
  }

  /**
   * A plan's entries oldest first, a page at a time (HISTORY_PAGE), as far as the engine had applied
   * when the read began: what a rebuild over the whole history (as-of, trend, reviews) walks, so
   * memory holds one page, not the history.
   */
  async *planPages(planId: string, size = HISTORY_PAGE, filter?: HeadFilter): AsyncGenerator<readonly LogEntry[]> {
    if (this.source) {
      const through = this.source.through();
      for (let after = 0; ; ) {
        const page = await this.source.reader.planPage(planId, after, through, size, filter);
        if (page.length) yield page;
        if (page.length < size) return;
        after = page[page.length - 1].seq;
      }
    }
    const list = this.byPlan.get(planId) ?? [];
    const end = list.length;
    const matching = this.positional?.matching;
    for (let i = 0; i < end; i += size) {
      let slice = list.slice(i, Math.min(end, i + size));
      // Only what passes is read from disk, when the store can tell from its index.
      if (filter && matching && slice.every((item) => typeof item === 'number')) slice = matching(slice as number[], filter);
      const page = this.parsed(slice);
      const kept = filter && !matching ? page.filter((e) => passesFilter(e.kind, e.type, filter)) : page;
      if (kept.length) yield kept;
    }
  }

  /** Positions are read from the store each time (nothing kept); restored entries are parsed once, in place. */
  private parsed(list: Item[] | undefined): readonly LogEntry[] {
    if (!list) return [];
    const load = this.positional?.load;
    const loadMany = this.positional?.loadMany;
    if (load && loadMany && list.every((item) => typeof item === 'number')) return loadMany(list as number[]);
    if (load) return list.map((item) => (typeof item === 'number' ? load(item) : (item as LogEntry)));
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (typeof item === 'function') list[i] = item();
    }
    return list as LogEntry[];
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

function listIn(map: Map<string, Item[]>, key: string): Item[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}
