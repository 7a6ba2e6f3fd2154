import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { PlanSnapshot, SnapshotPort, StoredSnapshot } from '../port';

/**
 * One lowdb file per plan (`DATA_DIR/plans/<plan>.json`) holding its state as of log entry
 * `logSeq`. A cache: a file that is not JSON is skipped here; the engine judges the rest.
 */
export class SnapshotFiles implements SnapshotPort {
  private readonly dir: string;
  private readonly files = new Map<string, Low<unknown>>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'plans');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  private file(planId: string): Low<unknown> {
    let db = this.files.get(planId);
    if (!db) {
      // The plain JSONFile adapter on purpose: lowdb's preset helper swaps in memory under NODE_ENV=test.
      db = new Low<unknown>(new JSONFile(join(this.dir, `${encodeURIComponent(planId)}.json`)), null);
      this.files.set(planId, db);
    }
    return db;
  }

  async loadAll(): Promise<StoredSnapshot[]> {
    const found: StoredSnapshot[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith('.json')) continue;
      const db = this.file(decodeURIComponent(name.slice(0, -5)));
      try {
        await db.read();
      } catch (e) {
        console.warn(`snapshot ${name} unreadable, rebuilding from the log: ${(e as Error).message}`);
        continue;
      }
      if (db.data !== null) found.push({ source: `snapshot ${name}`, data: db.data });
    }
    return found;
  }

  async write(snapshot: PlanSnapshot): Promise<void> {
    const db = this.file(snapshot.plan.id);
    db.data = snapshot;
    await db.write();
  }
}
