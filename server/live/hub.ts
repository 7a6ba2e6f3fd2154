import type { StreamEvents } from '../../machines/api';
import type { Actor } from '../../machines/roles';
import type { Engine } from '../engine/engine';
import type { PlanRecord } from '../engine/records';
import { progressOf, taskView } from '../engine/views';

export interface LiveClient {
  actor: Actor;
  send<K extends keyof StreamEvents>(event: K, data: StreamEvents[K]): void;
}

/**
 * Pushes accepted changes to every open board. Changes committed in the same turn are sent
 * together: each changed task once (with the receiving user's allowedEvents) and each plan's
 * progress once, computed once for all clients.
 */
export class Hub {
  private readonly clients = new Set<LiveClient>();
  private pending = new Map<string, { plan: PlanRecord; taskIds: Set<string>; planChanged: boolean }>();
  private scheduled = false;

  constructor(private readonly engine: Engine) {
    engine.onCommit((entry, plan) => {
      if (!this.clients.size) return;
      let p = this.pending.get(plan.id);
      if (!p) this.pending.set(plan.id, (p = { plan, taskIds: new Set(), planChanged: false }));
      if (entry.taskId) p.taskIds.add(entry.taskId);
      if (entry.kind === 'plan') p.planChanged = true;
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  get size(): number {
    return this.clients.size;
  }

  add(client: LiveClient): () => void {
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  private flush(): void {
    this.scheduled = false;
    const batch = [...this.pending.values()];
    this.pending.clear();
    const now = this.engine.clock();
    for (const { plan, taskIds, planChanged } of batch) {
      const progress = { planId: plan.id, ...progressOf(plan, now) };
      for (const client of this.clients) {
        for (const id of taskIds) client.send('task', taskView(plan, plan.tasks[id], client.actor, now));
        client.send('progress', progress);
        if (planChanged) client.send('plan', { planId: plan.id });
      }
    }
  }
}
