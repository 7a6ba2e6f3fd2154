import type { PlanRecord } from './records';
import type { SnapshotPort } from '../store/port';

/** The longest a changed plan waits for its snapshot, however long writing one takes. */
export const MAX_SNAPSHOT_DELAY_MS = 60_000;
/** A snapshot may take at most this share of the time between two of them. */
const SNAPSHOT_SHARE = 1 / 100;

/**
 * How long changes wait before the next snapshot: `baseMs`, or longer when the last write took long.
 * A snapshot copies and serialises a whole plan (its notifications included, which grow with every
 * move) on the one JavaScript thread; under a steady load a write every second took 6–9 % of the
 * server's time (bench:profile), for a cache the log makes good anyway. Backing off to 100 × the
 * last write's duration (start to finish, so the waits of a loaded server count too) keeps it near
 * 1 %, while a restart after a crash still replays at most MAX_SNAPSHOT_DELAY_MS of events past it.
 */
export function nextSnapshotDelay(baseMs: number, lastWriteMs: number): number {
  return Math.max(baseMs, Math.min(MAX_SNAPSHOT_DELAY_MS, Math.round(lastWriteMs / SNAPSHOT_SHARE)));
}

/**
 * Rewrites the snapshot of each changed plan about once per `delayMs` (longer while writes are slow:
 * nextSnapshotDelay), never per event. Memory only holds durable entries (the engine applies after
 * the store acknowledges), so a snapshot taken now is never ahead of the log.
 */
export class SnapshotScheduler {
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** How long the last write took, start to finish (its waits under load included: that is when to back off). */
  private lastWriteMs = 0;

  constructor(
    private readonly snapshots: SnapshotPort,
    private readonly plan: (id: string) => PlanRecord | undefined,
    private readonly position: () => number,
    private readonly delayMs: number,
  ) {}

  markDirty(planId: string): void {
    this.dirty.add(planId);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writing = this.writing.then(() => this.write()).catch((e) => console.warn(`snapshot not written (the log has everything): ${(e as Error).message}`));
    }, nextSnapshotDelay(this.delayMs, this.lastWriteMs));
    this.timer.unref();
  }

  private async write(): Promise<void> {
    const started = performance.now();
    try {
      await this.writeDirty();
    } finally {
      this.lastWriteMs = performance.now() - started;
    }
  }

  private async writeDirty(): Promise<void> {
    const logSeq = this.position();
    const captured = [...this.dirty].flatMap((id) => {
      const plan = this.plan(id);
      return plan ? [structuredClone(plan)] : [];
    });
    this.dirty.clear();
    for (const plan of captured) await this.snapshots.write({ logSeq, plan });
  }

  /** Writes what is pending now, for a clean shutdown. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
    if (this.dirty.size) await this.write();
  }
}
