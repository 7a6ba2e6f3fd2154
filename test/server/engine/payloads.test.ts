import { describe, expect, it } from 'vitest';
import '../../../server/engine/kinds';
import { checkEntry, DamagedEntryError } from '../../../server/store/entries';

/** Entries read back from a store are checked: envelope, stream id, and the payload their kind needs. */
const base = { seq: 7, at: '2026-03-02T02:00:00.000Z', planId: 'stp-2026', by: { id: 'u', username: 'u' }, from: 'a', to: 'b', mv: 2 };

describe('payloads read back', () => {
  it.each([
    ['a task SUBMIT with its evidence', { ...base, kind: 'task', taskId: 't', type: 'SUBMIT', payload: { evidence: 'Báo cáo 01/BC' } }, true],
    ['a task SUBMIT without evidence', { ...base, kind: 'task', taskId: 't', type: 'SUBMIT' }, false],
    ['a task RETURN without a reason', { ...base, kind: 'task', taskId: 't', type: 'RETURN', payload: {} }, false],
    ['a task entry without taskId', { ...base, kind: 'task', type: 'START' }, false],
    ['a task event type the machine never had', { ...base, kind: 'task', taskId: 't', type: 'TELEPORT' }, false],
    ['a plan CREATE without its definition', { ...base, kind: 'plan', type: 'CREATE', payload: {} }, false],
    ['a plan CHANGE_DEADLINE to a non-date', { ...base, kind: 'plan', type: 'CHANGE_DEADLINE', taskId: 't', payload: { deadline: 'mai', previousDeadline: '2026-01-01' } }, false],
    ['a plan ISSUE with its decision', { ...base, kind: 'plan', type: 'ISSUE', payload: { decisionNo: '15/KH-STP', decisionDate: '2026-01-10' } }, true],
    ['a plan event type added later', { ...base, kind: 'plan', type: 'RENAME_UNIT', payload: { unitId: 'VP' } }, true],
    ['an inspection entry without streamId', { ...base, kind: 'inspection', type: 'NOTIFY' }, false],
    ['an entry with no position', { ...base, seq: 0, kind: 'task', taskId: 't', type: 'START' }, false],
  ])('%s', (_name, raw, ok) => {
    if (ok) expect(checkEntry(raw, 'entry 7')).toMatchObject({ seq: raw.seq, type: raw.type });
    else expect(() => checkEntry(raw, 'entry 7')).toThrow(DamagedEntryError);
  });
});
