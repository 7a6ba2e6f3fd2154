import type { PlanRecord } from './records';
import type { SnapshotPort } from '../store/port';

/**
 * Rewrites the snapshot of each changed plan about once per `delayMs`, never per event. Memory only
 * holds durable entries (the engine applies after the store acknowledges), so a snapshot taken now is
 * never ahead of the log.
 */
export class SnapshotScheduler {
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

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
    }, this.delayMs);
    this.timer.unref();
  }

  private async write(): Promise<void> {
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
