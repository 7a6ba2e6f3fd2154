import { describe, expect, it } from 'vitest';
import type { PlanEventBody } from '../../../../machines/api';
import type { Actor } from '../../../../machines/roles';
import { decidePlan } from '../../../../server/engine/decide/plan';
import { taskRecord } from '../../../../server/engine/apply';
import type { PlanRecord } from '../../../../server/engine/records';

/**
 * The plan decider as a rule table: status × role × amendment × reason → entry or refusal. Pure,
 * so it is checked without a store: the input rules (an issued plan is amended only with a reason)
 * live here and nowhere else.
 */
const NOW = new Date('2026-05-01T03:00:00Z');
const leader: Actor = { id: 'u-giamdoc', username: 'giamdoc', role: 'leader', unitId: null };
const coordinator: Actor = { id: 'u-vanphong', username: 'vanphong', role: 'coordinator', unitId: 'VP' };

function plan(status: 'draft' | 'issued' | 'closed'): PlanRecord {
  const t = taskRecord('p', { id: 'p-1.1', code: '1.1', title: 'Nhiệm vụ', areaId: 'a1', ownerUnitId: 'VP', coordinatingUnitIds: [], output: '', deadline: '2026-06-30' });
  return {
    id: 'p', year: 2026, title: 'Kế hoạch', agency: { code: 'STP', name: 'Sở Tư pháp' },
    areas: [{ id: 'a1', code: '1', name: 'Chỉ đạo điều hành' }], units: [{ id: 'VP', code: 'VP', name: 'Văn phòng Sở' }],
    settings: { percentRule: { mode: 'halfUp', decimals: 2 } }, version: 3,
    machine: { v: 1, value: status, context: {} }, taskIds: [t.id], tasks: { [t.id]: t },
  };
}

const newTask = { areaId: 'a1', code: '1.2', title: 'Nhiệm vụ mới', ownerUnitId: 'VP', coordinatingUnitIds: [], output: 'Báo cáo', deadline: '2026-09-30' };
const amend = (type: 'ADD_TASK' | 'CHANGE_DEADLINE', reason?: string): PlanEventBody =>
  type === 'ADD_TASK' ? { type, task: newTask, reason } : { type, taskId: 'p-1.1', deadline: '2026-07-31', reason };

describe('decidePlan: amendments', () => {
  it.each([
    // status, actor, event, reason, expected
    ['draft', coordinator, 'ADD_TASK', undefined, 'ok'],
    ['draft', coordinator, 'CHANGE_DEADLINE', undefined, 'ok'],
    ['issued', leader, 'ADD_TASK', 'Bổ sung theo chỉ đạo của UBND tỉnh', 'ok'],
    ['issued', leader, 'ADD_TASK', undefined, 'bad_request'],
    ['issued', leader, 'CHANGE_DEADLINE', 'Lùi hạn theo văn bản 12/UBND', 'ok'],
    ['issued', leader, 'CHANGE_DEADLINE', undefined, 'bad_request'],
    ['issued', coordinator, 'ADD_TASK', 'Bổ sung', 'transition_not_allowed'],
    ['issued', coordinator, 'CHANGE_DEADLINE', 'Lùi hạn', 'transition_not_allowed'],
    ['closed', leader, 'ADD_TASK', 'Bổ sung', 'transition_not_allowed'],
    ['closed', leader, 'CHANGE_DEADLINE', 'Lùi hạn', 'transition_not_allowed'],
  ] as const)('%s plan, %s, %s with reason %s → %s', (status, actor, type, reason, expected) => {
    const decision = decidePlan(plan(status), actor, amend(type, reason), NOW.toISOString(), NOW);
    if (expected === 'ok') {
      expect(decision.ok).toBe(true);
      if (!decision.ok) return;
      expect(decision.entries).toHaveLength(1);
      expect(decision.entries[0]).toMatchObject({ kind: 'plan', planId: 'p', type, by: { id: actor.id } });
      if (type === 'CHANGE_DEADLINE') expect(decision.entries[0].payload).toMatchObject({ deadline: '2026-07-31', previousDeadline: '2026-06-30' });
      else expect(decision.entries[0]).toMatchObject({ taskId: 'p-1.2', payload: { task: { id: 'p-1.2', code: '1.2' } } });
    } else {
      expect(decision).toMatchObject({ ok: false, refusal: { code: expected } });
    }
  });

  it('refuses a stale expectedVersion with the current plan, and a task code already used', () => {
    expect(decidePlan(plan('draft'), coordinator, { ...amend('ADD_TASK'), expectedVersion: 2 }, NOW.toISOString(), NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'conflict', details: { current: { version: 3 } } },
    });
    expect(decidePlan(plan('draft'), coordinator, { type: 'ADD_TASK', task: { ...newTask, code: '1.1' } }, NOW.toISOString(), NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'bad_request' },
    });
  });
});
