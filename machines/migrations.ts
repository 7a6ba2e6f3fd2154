import { TASK_MACHINE_VERSION, TASK_STATES, type PersistedTaskMachine } from './task';

/**
 * Stored task snapshots are migrated one version at a time up to TASK_MACHINE_VERSION, so a store
 * written by an older build restores instead of crashing. Each step has its own test and fixture.
 */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

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

/** One stored machine kind: its current version, its steps up to it, and what a readable one looks like. */
export interface MigrationPath<T> {
  kind: string;
  version: number;
  steps: Record<number, Migration>;
  readable(snapshot: Record<string, unknown>): boolean;
}

/** Upgrades a stored snapshot one step at a time (an unversioned one is v1); never modifies its input. */
export function migrateSnapshot<T>(path: MigrationPath<T>, stored: Record<string, unknown>): T {
  const unreadable = () => new SnapshotMigrationError(`unreadable ${path.kind} snapshot: ${JSON.stringify(stored)}`);
  if (typeof stored !== 'object' || stored === null) throw unreadable();
  let current = stored;
  let v = typeof current.v === 'number' ? current.v : 1;
  while (v < path.version) {
    const step = path.steps[v];
    if (!step) throw new SnapshotMigrationError(`no migration from ${path.kind} machine v${v}`);
    current = step(current);
    v = current.v as number;
  }
  if (v > path.version) {
    throw new SnapshotMigrationError(`${path.kind} snapshot v${v} is newer than this build (v${path.version})`);
  }
  if (!path.readable(current)) throw unreadable();
  // An unversioned snapshot read as the current version is stored with its version from now on.
  return (current.v === v ? current : { ...current, v }) as unknown as T;
}

const TASK_PATH: MigrationPath<PersistedTaskMachine> = {
  kind: 'task',
  version: TASK_MACHINE_VERSION,
  steps: TASK_MIGRATIONS,
  readable: (snap) =>
    TASK_STATES.includes(snap.value as PersistedTaskMachine['value']) &&
    typeof (snap.context as PersistedTaskMachine['context'] | undefined)?.ownerUnitId === 'string',
};

export function migrateTaskSnapshot(stored: Record<string, unknown>): PersistedTaskMachine {
  return migrateSnapshot(TASK_PATH, stored);
}
