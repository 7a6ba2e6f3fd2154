import { AppError } from '../errors';

/**
 * How many office files one instance inflates and parses at once. Each is bounded (limits.ts), but
 * a bounded cost times every request at once is not: past `active`, requests wait their turn in
 * order; past `waiting` more, they are refused with 429 and Retry-After, holding nothing.
 */
export class ParseGate {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    readonly active: number,
    readonly waiting: number,
    /** What Retry-After says: about one parse of a full file. */
    readonly retryAfterSeconds = 2,
  ) {}

  get busy(): number {
    return this.running;
  }
  get queued(): number {
    return this.queue.length;
  }

  /** A slot, or a 429 when `active` run and `waiting` wait; call the returned release exactly once. */
  async enter(): Promise<() => void> {
    if (this.running >= this.active) {
      if (this.queue.length >= this.waiting) {
        throw new AppError(
          'rate_limited',
          `Máy chủ đang đọc ${this.running + this.queue.length} tệp Office khác; vui lòng gửi lại sau ${this.retryAfterSeconds} giây.`,
          undefined,
          this.retryAfterSeconds,
        );
      }
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next in line, so `running` never dips below a waiter.
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    };
  }
}

/** One per instance: every reader of an uploaded office file shares it (readOfficeFile.ts). */
export const OFFICE_PARSE_GATE = new ParseGate(1, 4);
