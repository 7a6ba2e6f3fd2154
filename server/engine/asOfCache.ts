import { localDate } from '../../machines/dates';
import type { PlanRecord } from './records';

/**
 * Plans as of days already over, each rebuilt once. A rebuild reads the plan's whole history
 * (seconds at a million events), and reviews and dashboards ask for the same quarter-ends again and
 * again. History grows at the instant an event is accepted, so the plan at the end of a past day
 * cannot change; an entry dated on or before a cached day (an import, a pinned clock) drops it, and
 * a rebuild that such an entry overtook is not kept.
 */
export class AsOfCache {
  private readonly plans = new Map<string, PlanRecord>();
  /** Entries dated before today seen so far: a rebuild that ran across one is not cached. */
  private backdated = 0;
  /** Rebuilds running now: with none, and nothing cached, an accepted entry costs nothing here. */
  private rebuilding = 0;

  constructor(private readonly max = 16) {}

  async get(planId: string, date: string, today: string, rebuild: () => Promise<PlanRecord | undefined>): Promise<PlanRecord | undefined> {
    if (date >= today) return rebuild();
    const key = `${planId}\u0000${date}`;
    const hit = this.plans.get(key);
    if (hit) {
      // Most recently used last: the first key is the one to forget.
      this.plans.delete(key);
      this.plans.set(key, hit);
      return hit;
    }
    const seen = this.backdated;
    this.rebuilding++;
    let plan: PlanRecord | undefined;
    try {
      plan = await rebuild();
    } finally {
      this.rebuilding--;
    }
    if (plan && seen === this.backdated) {
      this.plans.set(key, plan);
      if (this.plans.size > this.max) this.plans.delete(this.plans.keys().next().value!);
    }
    return plan;
  }

  /** An entry of `planId` accepted now, dated `at`; `today` is asked only when something could change. */
  note(planId: string, at: string, today: () => string): void {
    if (!this.plans.size && !this.rebuilding) return;
    const day = localDate(at);
    if (day >= today()) return;
    this.backdated++;
    for (const key of [...this.plans.keys()]) {
      const [plan, date] = key.split('\u0000');
      if (plan === planId && date >= day) this.plans.delete(key);
    }
  }
}
