import { describe, expect, it } from 'vitest';
import { INSPECTION_MACHINE_VERSION } from '../../machines/inspection';
import { allowedInspectionEvents } from '../../machines/inspectionDecision';
import { migrateFindingSnapshot, migrateInspectionSnapshot } from '../../machines/inspectionMigrations';
import { SnapshotMigrationError, migrateSnapshot, type MigrationPath } from '../../machines/migrations';
import { coordinator } from './actors';

const context = {
  planId: 'kh-cchc-2026',
  title: 'Kiểm tra',
  targetUnitId: 'HCTP',
  scheduledOn: '2026-09-15',
  teamUserIds: ['u-vanphong', 'u-thanhtra'],
  leadUserId: 'u-vanphong',
};

describe('inspection and finding snapshots', () => {
  it('this build is v1', () => {
    expect(INSPECTION_MACHINE_VERSION).toBe(1);
  });

  it('a current snapshot passes through unchanged and still decides', () => {
    const current = { v: 1, value: 'concluded', context: { ...context, remediationDeadline: '2026-10-15' } };
    const migrated = migrateInspectionSnapshot(structuredClone(current));
    expect(migrated).toEqual(current);
    expect(allowedInspectionEvents(migrated, coordinator, { unverifiedFindings: 0 })).toEqual(['CLOSE', 'CANCEL']);
    const f = { v: 1, value: 'remediated', context: { areaId: 'a3', description: 'x', recommendation: 'y', evidence: 'z' } };
    expect(migrateFindingSnapshot(structuredClone(f))).toEqual(f);
  });

  it('reads an unversioned snapshot as v1', () => {
    expect(migrateInspectionSnapshot({ value: 'planned', context })).toEqual({ v: 1, value: 'planned', context });
  });

  it.each([
    ['newer than this build', { v: 2, value: 'planned', context }, /newer than this build/],
    ['an unknown state', { v: 1, value: 'archived', context }, /unreadable inspection/],
    ['no team', { v: 1, value: 'planned', context: { ...context, teamUserIds: undefined } }, /unreadable inspection/],
    ['no context', { v: 1, value: 'planned' }, /unreadable inspection/],
    ['a version with no migration', { v: 0, value: 'planned', context }, /no migration from inspection machine v0/],
  ])('an inspection snapshot with %s throws', (_name, stored, message) => {
    expect(() => migrateInspectionSnapshot(stored as Record<string, unknown>)).toThrow(SnapshotMigrationError);
    expect(() => migrateInspectionSnapshot(stored as Record<string, unknown>)).toThrow(message);
  });

  it.each([
    ['an unknown state', { v: 1, value: 'closed', context: { areaId: 'a', description: 'd' } }],
    ['no description', { v: 1, value: 'open', context: { areaId: 'a' } }],
    ['not an object', null],
  ])('a finding snapshot with %s throws', (_name, stored) => {
    expect(() => migrateFindingSnapshot(stored as unknown as Record<string, unknown>)).toThrow(SnapshotMigrationError);
  });
});

describe('migrateSnapshot runs the steps of a path in order', () => {
  // The path the inspection machines will take at their first change: a step per version.
  const path: MigrationPath<{ v: number; value: string; context: { n: number } }> = {
    kind: 'demo',
    version: 3,
    steps: {
      1: (old) => ({ ...old, v: 2, value: old.value === 'a' ? 'b' : old.value }),
      2: (old) => ({ ...old, v: 3, context: { n: (old.context as { n: number }).n + 1 } }),
    },
    readable: (snap) => snap.value === 'b',
  };

  it('v1 → v3, without modifying what it was given', () => {
    const stored = { v: 1, value: 'a', context: { n: 1 } };
    const copy = structuredClone(stored);
    expect(migrateSnapshot(path, stored)).toEqual({ v: 3, value: 'b', context: { n: 2 } });
    expect(stored).toEqual(copy);
  });

  it('the result must be readable', () => {
    expect(() => migrateSnapshot(path, { v: 1, value: 'z', context: { n: 1 } })).toThrow(/unreadable demo snapshot/);
  });
});
