import { existsSync, readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Directive, Review } from '../../machines/api';

/**
 * Reviews, as an append-only list of entries (a review created with its frozen content; a
 * directive added), folded into memory. Until the engine's store port takes a `review` stream
 * kind, the entries go to their own fsync'd file, `DATA_DIR/reviews.ndjson`; the entry shapes are
 * the payloads the log will carry then, so moving them is a change of writer, not of format.
 */
export type ReviewEntry =
  | { type: 'REVIEW_CREATED'; at: string; review: Review }
  | { type: 'DIRECTIVE_ADDED'; at: string; reviewId: string; directive: Directive };

const FILE = 'reviews.ndjson';

export class ReviewStore {
  private readonly reviews = new Map<string, Review>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: FileHandle | undefined) {}

  /** Reviews in memory only, until main.ts passes a durable store (see the lead's wiring note). */
  static memory(): ReviewStore {
    return new ReviewStore(undefined);
  }

  static async open(dataDir: string): Promise<ReviewStore> {
    const path = join(dataDir, FILE);
    const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
    const store = new ReviewStore(await open(path, 'a'));
    for (const [i, line] of lines.entries()) {
      if (!line) continue;
      try {
        store.apply(JSON.parse(line) as ReviewEntry);
      } catch (e) {
        // Only a torn last line (never acknowledged) may be unreadable.
        if (i < lines.length - 1 && lines.slice(i + 1).some(Boolean)) throw e;
      }
    }
    return store;
  }

  list(planId: string): Review[] {
    return [...this.reviews.values()].filter((r) => r.planId === planId);
  }

  get(id: string): Review | undefined {
    return this.reviews.get(id);
  }

  count(planId: string): number {
    return this.list(planId).length;
  }

  /** Resolves once the entry is durable; memory changes only then, so a failed write changes nothing. */
  async append(entry: ReviewEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    const write = this.writing.then(async () => {
      if (!this.file) return;
      await this.file.write(line);
      await this.file.datasync();
    });
    this.writing = write.catch(() => undefined);
    await write;
    this.apply(entry);
  }

  private apply(entry: ReviewEntry): void {
    if (entry.type === 'REVIEW_CREATED') this.reviews.set(entry.review.id, entry.review);
    else this.reviews.get(entry.reviewId)?.directives.push(entry.directive);
  }

  async close(): Promise<void> {
    await this.writing;
    await this.file?.close();
  }
}
