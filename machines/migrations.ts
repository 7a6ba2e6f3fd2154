import { TASK_MACHINE_VERSION, TASK_STATES, type PersistedTaskMachine } from './task';

/**
 * Stored task snapshots are migrated one version at a time up to TASK_MACHINE_VERSION, so a store
 * written by an older build restores instead of crashing. Each step has its own test and fixture.
 */
type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

const TASK_MIGRATIONS: Record<number, Migration> = {
  // v1 (pre-release) called the review state `submitted` and kept the owner as `context.unit`.
  1: (old) => {
    const context = { ...(old.context as Record<string, unknown>) };
    const { unit, ...rest } = context;
    return {
      v: 2,
      value: old.value === 'submitted' ? 'inReview' : old.value,
      context: { ownerUnitId: unit, ...rest },
    };
  },
};

export class SnapshotMigrationError extends Error {}

export function migrateTaskSnapshot(stored: Record<string, unknown>): PersistedTaskMachine {
  if (typeof stored !== 'object' || stored === null) {
    throw new SnapshotMigrationError(`unreadable task snapshot: ${JSON.stringify(stored)}`);
  }
  let current = stored;
  let v = typeof current.v === 'number' ? current.v : 1;
  while (v < TASK_MACHINE_VERSION) {
    const step = TASK_MIGRATIONS[v];
    if (!step) throw new SnapshotMigrationError(`no migration from task machine v${v}`);
    current = step(current);
    v = current.v as number;
  }
  if (v > TASK_MACHINE_VERSION) {
    throw new SnapshotMigrationError(`task snapshot v${v} is newer than this build (v${TASK_MACHINE_VERSION})`);
  }
  const snap = current as unknown as PersistedTaskMachine;
  if (!TASK_STATES.includes(snap.value) || typeof snap.context?.ownerUnitId !== 'string') {
    throw new SnapshotMigrationError(`unreadable task snapshot: ${JSON.stringify(stored)}`);
  }
  return snap;
}
