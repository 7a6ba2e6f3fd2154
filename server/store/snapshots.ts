import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { migrateTaskSnapshot } from '../../machines/migrations';
import type { PlanRecord } from '../engine/records';

/**
 * One lowdb file per plan holding its state as of log entry `logSeq`. A cache: anything missing,
 * unreadable or ahead of the log is ignored and rebuilt from the event log.
 */
export interface PlanSnapshotFile {
  logSeq: number;
  plan: PlanRecord;
}

export class SnapshotStore {
  private readonly dir: string;
  private readonly files = new Map<string, Low<PlanSnapshotFile | null>>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'plans');
    mkdirSync(this.dir, { recursive: true });
  }

  private file(planId: string): Low<PlanSnapshotFile | null> {
    let db = this.files.get(planId);
    if (!db) {
      // The plain JSONFile adapter on purpose: lowdb's preset helper swaps in memory under NODE_ENV=test.
      db = new Low<PlanSnapshotFile | null>(new JSONFile(join(this.dir, `${encodeURIComponent(planId)}.json`)), null);
      this.files.set(planId, db);
    }
    return db;
  }

  /** Readable snapshots, with task machines migrated to the current version. */
  async loadAll(maxSeq: number): Promise<PlanSnapshotFile[]> {
    const found: PlanSnapshotFile[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith('.json')) continue;
      const db = this.file(decodeURIComponent(name.slice(0, -5)));
      try {
        await db.read();
      } catch (e) {
        console.warn(`snapshot ${name} unreadable, rebuilding from the log: ${(e as Error).message}`);
        continue;
      }
      const snap = db.data;
      if (!snap || typeof snap.logSeq !== 'number' || snap.logSeq > maxSeq) continue;
      for (const task of Object.values(snap.plan.tasks)) {
        task.machine = migrateTaskSnapshot(task.machine as unknown as Record<string, unknown>);
      }
      found.push(snap);
    }
    return found;
  }

  async write(snapshot: PlanSnapshotFile): Promise<void> {
    const db = this.file(snapshot.plan.id);
    db.data = snapshot;
    await db.write();
  }
}
