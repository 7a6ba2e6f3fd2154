import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SnapshotMigrationError, migrateTaskSnapshot } from '../../machines/migrations';
import { TASK_MACHINE_VERSION } from '../../machines/task';
import { allowedTaskEvents, decideTaskEvent, restoreTask } from '../../machines/taskDecision';
import { coordinator, headOf, leader } from './actors';

/** Read from disk each time, as a store would: a test must not be able to mutate another's input. */
function fixture(): Record<string, Record<string, unknown>> {
  const url = new URL('../fixtures/task-snapshot-v1.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')).snapshots;
}

describe('task snapshot v1 → v2', () => {
  it('this build is v2', () => {
    expect(TASK_MACHINE_VERSION).toBe(2);
  });

  it('renames `submitted` to `inReview` and `context.unit` to `ownerUnitId`, keeping the evidence', () => {
    expect(migrateTaskSnapshot(fixture().submitted)).toEqual({
      v: 2,
      value: 'inReview',
      context: { ownerUnitId: 'HCTP', evidence: 'Văn bản số 128/STP-HCTP ngày 25/06/2026' },
    });
  });

  it('keeps the other states and completedAt', () => {
    const f = fixture();
    expect(migrateTaskSnapshot(f.notStarted)).toEqual({ v: 2, value: 'notStarted', context: { ownerUnitId: 'HCTP' } });
    expect(migrateTaskSnapshot(f.inProgress)).toEqual({ v: 2, value: 'inProgress', context: { ownerUnitId: 'XDKT' } });
    expect(migrateTaskSnapshot(f.cancelled)).toEqual({ v: 2, value: 'cancelled', context: { ownerUnitId: 'DGTS' } });
    expect(migrateTaskSnapshot(f.done)).toEqual({
      v: 2,
      value: 'done',
      context: {
        ownerUnitId: 'VP',
        evidence: 'Văn bản số 101/STP-VP ngày 10/01/2026',
        completedAt: '2026-01-12T09:00:00+07:00',
      },
    });
  });

  it('reads an unversioned snapshot as v1', () => {
    const migrated = migrateTaskSnapshot(fixture().unversioned);
    expect(migrated).toEqual({
      v: 2,
      value: 'inReview',
      context: { ownerUnitId: 'TGPL', evidence: 'Văn bản số 148/STP-TGPL ngày 25/06/2026' },
    });
  });

  it('does not modify what it was given', () => {
    const stored = fixture().submitted;
    const copy = structuredClone(stored);
    migrateTaskSnapshot(stored);
    expect(stored).toEqual(copy);
  });

  it('passes a current snapshot through unchanged', () => {
    const current = { v: 2, value: 'inReview', context: { ownerUnitId: 'HCTP', evidence: 'x' } };
    expect(migrateTaskSnapshot(current)).toEqual(current);
  });
});

describe('migrated snapshots restore and decide', () => {
  it('restoreTask gives the migrated state and context', () => {
    const snapshot = restoreTask(migrateTaskSnapshot(fixture().submitted));
    expect(snapshot.value).toBe('inReview');
    expect(snapshot.context.ownerUnitId).toBe('HCTP');
  });

  it('allowedTaskEvents reads the migrated owner and state', () => {
    const f = fixture();
    const review = migrateTaskSnapshot(f.submitted);
    expect(allowedTaskEvents(review, leader)).toEqual(['APPROVE', 'RETURN', 'CANCEL']);
    expect(allowedTaskEvents(review, coordinator)).toEqual(['APPROVE', 'RETURN']);
    expect(allowedTaskEvents(review, headOf('HCTP'))).toEqual([]);

    expect(allowedTaskEvents(migrateTaskSnapshot(f.notStarted), headOf('HCTP'))).toEqual(['START']);
    expect(allowedTaskEvents(migrateTaskSnapshot(f.notStarted), headOf('XDKT'))).toEqual([]);
    expect(allowedTaskEvents(migrateTaskSnapshot(f.inProgress), headOf('XDKT'))).toEqual(['SUBMIT']);
    expect(allowedTaskEvents(migrateTaskSnapshot(f.done), leader)).toEqual(['REOPEN']);
    expect(allowedTaskEvents(migrateTaskSnapshot(f.cancelled), leader)).toEqual([]);
    expect(allowedTaskEvents(migrateTaskSnapshot(f.unversioned), coordinator)).toEqual(['APPROVE', 'RETURN']);
  });

  it('a migrated v1 review can be approved', () => {
    const d = decideTaskEvent(migrateTaskSnapshot(fixture().submitted), {
      type: 'APPROVE',
      actor: coordinator,
      at: '2026-06-27T09:00:00+07:00',
    });
    expect(d).toEqual({
      ok: true,
      next: {
        v: 2,
        value: 'done',
        context: {
          ownerUnitId: 'HCTP',
          evidence: 'Văn bản số 128/STP-HCTP ngày 25/06/2026',
          completedAt: '2026-06-27T09:00:00+07:00',
        },
      },
    });
  });
});

describe('snapshots that cannot be migrated', () => {
  it('a snapshot newer than this build throws SnapshotMigrationError', () => {
    const newer = { v: TASK_MACHINE_VERSION + 1, value: 'inReview', context: { ownerUnitId: 'HCTP' } };
    expect(() => migrateTaskSnapshot(newer)).toThrow(SnapshotMigrationError);
    expect(() => migrateTaskSnapshot(newer)).toThrow(/newer than this build/);
  });

  it.each([
    ['an unknown state', { v: 2, value: 'submitted', context: { ownerUnitId: 'HCTP' } }],
    ['an unknown v1 state', { v: 1, value: 'archived', context: { unit: 'HCTP' } }],
    ['no owner', { v: 2, value: 'inReview', context: {} }],
    ['a v1 without unit', { v: 1, value: 'submitted', context: { evidence: 'x' } }],
    ['no context', { v: 2, value: 'done' }],
    ['a v1 without context', { v: 1, value: 'done' }],
    ['a non-numeric owner', { v: 2, value: 'done', context: { ownerUnitId: 7 } }],
    ['a version with no migration', { v: 0, value: 'notStarted', context: { unit: 'HCTP' } }],
    ['an empty object', {}],
  ])('%s throws SnapshotMigrationError', (_name, stored) => {
    expect(() => migrateTaskSnapshot(stored as Record<string, unknown>)).toThrow(SnapshotMigrationError);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', '{"v":1}'],
    ['a number', 2],
  ])('%s (not an object) throws SnapshotMigrationError', (_name, stored) => {
    expect(() => migrateTaskSnapshot(stored as unknown as Record<string, unknown>)).toThrow(SnapshotMigrationError);
  });
});
