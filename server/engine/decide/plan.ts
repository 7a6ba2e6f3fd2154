import type { PlanEventBody, TaskDefinition } from '../../../machines/api';
import { decidePlanEvent, newPlanMachine, PLAN_MACHINE_VERSION, type PlanEvent } from '../../../machines/plan';
import type { Actor } from '../../../machines/roles';
import type { NewLogEntry } from '../../store/entries';
import { messages } from '../messages';
import type { PlanDefinition, PlanRecord } from '../records';
import { planDetail } from '../views';
import { by, pick, refuse, type Decided } from './refusal';

/** A new plan: its whole definition is the payload of the plan stream's first entry. */
export function decideCreatePlan(exists: boolean, definition: PlanDefinition, actor: Actor, at: string): Decided {
  if (exists) return refuse('conflict', `Kế hoạch ${definition.id} đã tồn tại.`);
  return {
    ok: true,
    entries: [
      {
        at, kind: 'plan', planId: definition.id, type: 'CREATE', by: by(actor), from: '', to: 'draft',
        mv: PLAN_MACHINE_VERSION, payload: { definition }, snapshot: { ...newPlanMachine() },
      },
    ],
  };
}

/**
 * Plan-level events: issue, close, and amendments. The machine decides who may send what in which
 * status; the input each needs (and the rule that amending an issued plan needs a reason) is here.
 */
export function decidePlan(plan: PlanRecord, actor: Actor, body: PlanEventBody, at: string, now: Date): Decided {
  if (body.expectedVersion !== undefined && body.expectedVersion !== plan.version) {
    return refuse('conflict', messages.planConflict(plan.version, body.expectedVersion), {
      current: planDetail(plan, actor, now),
    });
  }
  const event: PlanEvent = { type: body.type, actor, at, decisionNo: body.decisionNo, decisionDate: body.decisionDate, reason: body.reason };
  const decision = decidePlanEvent(plan.machine, event);
  const missing = missingPlanInput(plan, body);
  if (!decision.ok) {
    if (decision.code === 'forbidden') return refuse('forbidden', messages.planForbidden(body.type));
    if (missing) return refuse('bad_request', messages.planFieldMissing(missing));
    return refuse('transition_not_allowed', messages.planWrongState(plan.machine.value, body.type), { allowed: decision.allowed });
  }
  if (missing) return refuse('bad_request', messages.planFieldMissing(missing));
  const entry: NewLogEntry = {
    at, kind: 'plan', planId: plan.id, type: body.type, by: by(actor), from: plan.machine.value, to: decision.next.value,
    mv: PLAN_MACHINE_VERSION, snapshot: { ...decision.next },
  };
  if (body.type === 'ISSUE') entry.payload = { decisionNo: body.decisionNo, decisionDate: body.decisionDate };
  if (body.type === 'ADD_TASK') {
    const task = newTask(plan, body);
    if (!task.ok) return task;
    entry.taskId = task.task.id;
    entry.payload = { task: task.task, ...pick(body, ['reason']) };
  }
  if (body.type === 'CHANGE_DEADLINE') {
    // Own properties only: a taskId such as "constructor" must not reach Object.prototype.
    const task = Object.hasOwn(plan.tasks, body.taskId!) ? plan.tasks[body.taskId!] : undefined;
    if (!task) return refuse('not_found', messages.taskNotInPlan(body.taskId!));
    entry.taskId = task.id;
    entry.from = entry.to = task.machine.value;
    entry.payload = { deadline: body.deadline, previousDeadline: task.deadline, ...pick(body, ['reason']) };
  }
  if (body.type === 'CHANGE_SETTINGS') entry.payload = { settings: body.settings };
  return { ok: true, entries: [entry] };
}

/** Input the event needs and lacks; amending an issued plan needs a reason. */
function missingPlanInput(plan: PlanRecord, body: PlanEventBody): string | undefined {
  const need: string[] = [];
  const issued = plan.machine.value === 'issued';
  if (body.type === 'ISSUE') {
    if (!body.decisionNo) need.push('số quyết định (decisionNo)');
    if (!body.decisionDate) need.push('ngày ban hành (decisionDate)');
  }
  if (body.type === 'ADD_TASK') {
    if (!body.task) need.push('nhiệm vụ (task)');
    if (issued && !body.reason) need.push('lý do điều chỉnh (reason)');
  }
  if (body.type === 'CHANGE_DEADLINE') {
    if (!body.taskId) need.push('nhiệm vụ (taskId)');
    if (!body.deadline) need.push('thời hạn mới (deadline)');
    if (issued && !body.reason) need.push('lý do điều chỉnh (reason)');
  }
  if (body.type === 'CHANGE_SETTINGS' && !body.settings) need.push('cài đặt (settings)');
  return need.length ? need.join(', ') : undefined;
}

function newTask(plan: PlanRecord, body: PlanEventBody): { ok: true; task: TaskDefinition } | ReturnType<typeof refuse> {
  const t = body.task!;
  if (!plan.areas.some((a) => a.id === t.areaId)) return refuse('bad_request', messages.unknownArea(t.areaId));
  for (const unitId of [t.ownerUnitId, ...t.coordinatingUnitIds]) {
    if (!plan.units.some((u) => u.id === unitId)) return refuse('bad_request', messages.unknownUnit(unitId));
  }
  if (Object.values(plan.tasks).some((x) => x.code === t.code)) return refuse('bad_request', messages.duplicateTaskCode(t.code));
  return { ok: true, task: { id: `${plan.id}-${t.code}`, ...t } };
}
