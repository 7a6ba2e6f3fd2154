import { streamKey, streamOf, type EntryHead } from '../store/entries';
import type { EventStore } from '../store/port';
import { applyEntry } from './apply';
import type { PlanRecord } from './records';
import { readSnapshot } from './snapshotSchema';

/** What a start restores: the plans, each stream's version, and the plans changed past their snapshot. */
export interface Restored {
  plans: Map<string, PlanRecord>;
  versions: Map<string, number>;
  dirty: Set<string>;
}

/**
 * The one start path, the same for every store: the plans' snapshots, then what lies after them.
 * Everything up to the lowest snapshot is held by a snapshot, except the entries of plans without
 * one, which are replayed from their first entry. That skipped range's stream versions come from
 * the store (counted only up to there, so entries replayed later are not counted twice); entries
 * replayed that a plan's snapshot already holds are only counted, never read.
 */
export async function restore(store: EventStore): Promise<Restored> {
  const plans = new Map<string, PlanRecord>();
  const versions = new Map<string, number>();
  const dirty = new Set<string>();
  const last = await store.history.last();
  const loadedThrough = new Map<string, number>();
  for (const { source, data } of await store.snapshots.loadAll()) {
    const read = readSnapshot(data, last);
    if (!read.ok) {
      console.warn(`${source} not used, rebuilding from the log: ${read.reason}`);
      continue;
    }
    plans.set(read.snapshot.plan.id, read.snapshot.plan);
    loadedThrough.set(read.snapshot.plan.id, read.snapshot.logSeq);
  }
  let after = 0;
  if (loadedThrough.size) {
    const other = await store.history.firstOfPlansOtherThan([...loadedThrough.keys()]);
    after = Math.max(0, Math.min(...loadedThrough.values(), other === undefined ? Infinity : other - 1));
  }
  if (after > 0) for (const { kind, id, version } of await store.history.versionsThrough(after)) versions.set(streamKey({ kind, id }), version);
  const count = (head: EntryHead) => {
    const key = streamKey(streamOf(head));
    versions.set(key, (versions.get(key) ?? 0) + 1);
  };
  await store.replay(({ head, load }) => {
    count(head);
    if (head.seq <= (loadedThrough.get(head.planId) ?? 0)) return;
    applyEntry(plans, load());
    dirty.add(head.planId);
  }, after);
  return { plans, versions, dirty };
}
