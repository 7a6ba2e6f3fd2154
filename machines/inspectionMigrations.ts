import {
  FINDING_STATES,
  INSPECTION_MACHINE_VERSION,
  INSPECTION_STATES,
  type PersistedFindingMachine,
  type PersistedInspectionMachine,
} from './inspection';
import { migrateSnapshot, type Migration, type MigrationPath } from './migrations';

/**
 * Stored inspection and finding snapshots, migrated one version at a time up to
 * INSPECTION_MACHINE_VERSION exactly as task snapshots are (machines/migrations.ts). v1 is the
 * first version, so there is no step yet: when the machines change, add `1: (old) => …` here with
 * a fixture and a test, and bump the version.
 */
const INSPECTION_MIGRATIONS: Record<number, Migration> = {};
const FINDING_MIGRATIONS: Record<number, Migration> = {};

const isString = (value: unknown) => typeof value === 'string';
const context = (snap: Record<string, unknown>) => (snap.context ?? {}) as Record<string, unknown>;

const INSPECTION_PATH: MigrationPath<PersistedInspectionMachine> = {
  kind: 'inspection',
  version: INSPECTION_MACHINE_VERSION,
  steps: INSPECTION_MIGRATIONS,
  readable: (snap) => {
    const c = context(snap);
    return (
      INSPECTION_STATES.includes(snap.value as PersistedInspectionMachine['value']) &&
      isString(c.planId) &&
      isString(c.targetUnitId) &&
      isString(c.leadUserId) &&
      Array.isArray(c.teamUserIds) &&
      c.teamUserIds.every(isString)
    );
  },
};

const FINDING_PATH: MigrationPath<PersistedFindingMachine> = {
  kind: 'finding',
  version: INSPECTION_MACHINE_VERSION,
  steps: FINDING_MIGRATIONS,
  readable: (snap) => {
    const c = context(snap);
    return FINDING_STATES.includes(snap.value as PersistedFindingMachine['value']) && isString(c.areaId) && isString(c.description);
  },
};

export function migrateInspectionSnapshot(stored: Record<string, unknown>): PersistedInspectionMachine {
  return migrateSnapshot(INSPECTION_PATH, stored);
}

export function migrateFindingSnapshot(stored: Record<string, unknown>): PersistedFindingMachine {
  return migrateSnapshot(FINDING_PATH, stored);
}
