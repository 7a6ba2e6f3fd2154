import { isInspectionSource, type TaskSourceView } from '../../machines/api';
import type { StreamEvents } from '../../machines/api';
import type { Actor } from '../../machines/roles';
import { inspectionView } from '../engine/inspections/views';
import type { PlanRecord } from '../engine/records';
import type { LogEntry } from '../store/entries';

interface Receiver {
  actor: Actor;
  send<K extends keyof StreamEvents>(event: K, data: StreamEvents[K]): void;
}

/**
 * The `inspection` stream event: after an inspection or finding entry, and after a change to a
 * remediation task (VERIFY's availability follows the task), each changed inspection is sent once
 * per batch, computed for each receiving user (allowedEvents are theirs).
 */
export class InspectionFeed {
  private pending = new Map<string, { plan: PlanRecord; ids: Set<string> }>();

  /**
   * Notes what an applied entry changes. Returns the remediation tasks to send again: an
   * inspection or finding change can mark their cards (cancelled inspection, overdue finding).
   */
  note(entry: LogEntry, plan: PlanRecord): string[] {
    const id = inspectionIdOf(entry, plan);
    if (!id) return [];
    let p = this.pending.get(plan.id);
    if (!p) this.pending.set(plan.id, (p = { plan, ids: new Set() }));
    p.ids.add(id);
    if (entry.kind !== 'inspection' && entry.kind !== 'finding') return [];
    return plan.taskIds.filter((taskId) => inspectionOfSource(plan.tasks[taskId].source) === id);
  }

  flush(clients: Iterable<Receiver>, now: Date): void {
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const { plan, ids } of batch) {
      for (const client of clients) {
        for (const id of ids) {
          const inspection = plan.inspections?.[id];
          if (inspection) client.send('inspection', inspectionView(plan, inspection, client.actor, now));
        }
      }
    }
  }
}

/** The inspection an entry concerns, if any: its own stream, a finding's, or a remediation task's. */
function inspectionIdOf(entry: LogEntry, plan: PlanRecord): string | undefined {
  if (entry.kind === 'inspection') return entry.streamId;
  if (entry.kind === 'finding') return entry.payload?.inspectionId as string | undefined;
  if (entry.taskId && Object.hasOwn(plan.tasks, entry.taskId)) return inspectionOfSource(plan.tasks[entry.taskId].source);
  return undefined;
}

const inspectionOfSource = (source: TaskSourceView | undefined) => (source && isInspectionSource(source) ? source.inspectionId : undefined);
