import type { LiveTimers } from '../../server/live/timers';

/**
 * Timers that run only when the test moves time on: `advance` fires, in order and at once, every
 * callback that falls due, so heartbeats and expiries are tested without waiting for them.
 */
export class ManualTimers implements LiveTimers {
  private at: number;
  private next = 0;
  private readonly due = new Map<number, { when: number; every?: number; fn: () => void }>();

  constructor(start: Date | number = Date.now()) {
    this.at = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.at;
  }

  every(ms: number, fn: () => void): () => void {
    return this.schedule({ when: this.at + ms, every: ms, fn });
  }

  after(ms: number, fn: () => void): () => void {
    return this.schedule({ when: this.at + Math.max(0, ms), fn });
  }

  /** Moves the clock `ms` on, firing what falls due on the way (each at its own instant). */
  advance(ms: number): void {
    const end = this.at + ms;
    for (;;) {
      let first: [number, { when: number; every?: number; fn: () => void }] | undefined;
      for (const entry of this.due) if (entry[1].when <= end && (!first || entry[1].when < first[1].when)) first = entry;
      if (!first) break;
      const [id, timer] = first;
      this.at = timer.when;
      if (timer.every) timer.when += timer.every;
      else this.due.delete(id);
      timer.fn();
    }
    this.at = end;
  }

  /** How many timers are waiting (a closed stream leaves none behind). */
  get pending(): number {
    return this.due.size;
  }

  private schedule(timer: { when: number; every?: number; fn: () => void }): () => void {
    const id = this.next++;
    this.due.set(id, timer);
    return () => this.due.delete(id);
  }
}
