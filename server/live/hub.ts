import type { StreamEvents } from '../../machines/api';
import type { Actor } from '../../machines/roles';
import type { Engine } from '../engine/engine';
import type { PlanRecord } from '../engine/records';
import { progressOf, taskView } from '../engine/views';
import { InspectionFeed } from './inspectionFeed';
import { realTimers, type LiveTimers } from './timers';

export interface LiveClient {
  actor: Actor;
  /** The session the stream was opened with (its token hash). */
  sessionHash: string;
  /** One event for this client alone (its own view); shared bytes go through `write`. */
  send<K extends keyof StreamEvents>(event: K, data: StreamEvents[K]): void;
  /** Writes SSE frames already encoded (once for every client that gets the same bytes). */
  write(frames: Uint8Array): void;
  /** Ends the stream now (logout, expiry, disabled user, or too much unread). */
  close(): void;
}

const encoder = new TextEncoder();

/** Server-Sent Events frames, encoded once: `event: …` / `data: …` / blank line each (JSON has no newlines). */
export function sseFrames(events: ReadonlyArray<{ event: string; text: string }>): Uint8Array {
  return encoder.encode(events.map(({ event, text }) => `event: ${event}\ndata: ${text}\n\n`).join(''));
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
  private dropCount = 0;
  private readonly inspections = new InspectionFeed();

  /** The wall clock and timers its streams run on (liveStream.ts): real ones unless a test moves time. */
  readonly timers: LiveTimers;

  constructor(
    private readonly engine: Engine,
    options: { timers?: LiveTimers } = {},
  ) {
    this.timers = options.timers ?? realTimers;
    engine.onCommit((entry, plan) => {
      if (!this.clients.size) return;
      let p = this.pending.get(plan.id);
      if (!p) this.pending.set(plan.id, (p = { plan, taskIds: new Set(), planChanged: false }));
      if (entry.taskId) p.taskIds.add(entry.taskId);
      // Catalogue changes (units, areas renamed or merged) change the plan as boards show it.
      if (entry.kind === 'plan' || entry.kind === 'catalogue') p.planChanged = true;
      for (const id of this.inspections.note(entry, plan)) p.taskIds.add(id);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  get size(): number {
    return this.clients.size;
  }

  /** Streams dropped because their reader fell too far behind (see liveStream.ts). */
  get drops(): number {
    return this.dropCount;
  }

  add(client: LiveClient): () => void {
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  /** A stream whose unread backlog passed the bound (it frees itself): forgotten and counted. */
  drop(client: LiveClient): void {
    this.clients.delete(client);
    this.dropCount++;
  }

  /**
   * One event for every open stream of one user (all their tabs and devices), serialised and encoded
   * once; nothing when they have none open here.
   */
  sendToUser<K extends keyof StreamEvents>(userId: string, event: K, data: StreamEvents[K]): void {
    let frames: Uint8Array | undefined;
    for (const client of this.clients) {
      if (client.actor.id !== userId) continue;
      frames ??= sseFrames([{ event, text: JSON.stringify(data) }]);
      client.write(frames);
    }
  }

  /** Closes every stream of one session (logout here or on another instance, expiry). */
  closeSession(sessionHash: string): void {
    this.closeWhere((c) => c.sessionHash === sessionHash);
  }

  /** Closes every stream of one user (disabled, sessions revoked). */
  closeUser(userId: string): void {
    this.closeWhere((c) => c.actor.id === userId);
  }

  private closeWhere(match: (c: LiveClient) => boolean): void {
    for (const client of [...this.clients]) {
      if (!match(client)) continue;
      this.clients.delete(client);
      client.close();
    }
  }

  /**
   * A task's view differs between clients only by allowedEvents, which depends on the caller's role
   * and unit alone: each changed task is built and serialised once per distinct (role, unit) among
   * the open streams, and progress once for all, so a move costs writing bytes per board, not
   * building and stringifying a view per board.
   */
  private flush(): void {
    this.scheduled = false;
    const batch = [...this.pending.values()];
    this.pending.clear();
    const now = this.engine.clock();
    const groups = new Map<string, LiveClient[]>();
    for (const client of this.clients) {
      const key = `${client.actor.role}\u0000${client.actor.unitId ?? ''}`;
      const group = groups.get(key);
      if (group) group.push(client);
      else groups.set(key, [client]);
    }
    for (const { plan, taskIds, planChanged } of batch) {
      const progress = { event: 'progress', text: JSON.stringify({ planId: plan.id, ...progressOf(plan, now) }) };
      const planEvent = { event: 'plan', text: JSON.stringify({ planId: plan.id }) };
      for (const group of groups.values()) {
        // One buffer per group: each board's share of a move is one write of shared bytes.
        const frames = sseFrames([
          ...[...taskIds].map((id) => ({ event: 'task', text: JSON.stringify(taskView(plan, plan.tasks[id], group[0].actor, now)) })),
          progress,
          ...(planChanged ? [planEvent] : []),
        ]);
        for (const client of group) client.write(frames);
      }
    }
    this.inspections.flush(this.clients, now);
  }
}
