import { formatDateVi, localDate } from '../../machines/dates';
import type { Audience, NotificationKind } from '../../machines/reminders';
import type { PlanRecord } from '../engine/records';
import type { LogEntry } from '../store/entries';
import { REVIEW_KIND } from '../reports/reviewKind';

/** A notice an accepted event calls for, before its recipients are known. */
export interface EventNotice {
  kind: NotificationKind;
  to: Audience;
  text: string;
  link: string;
}

const taskName = (plan: PlanRecord, taskId: string) => {
  const t = plan.tasks[taskId];
  return `nhiệm vụ ${t.code} «${t.title}»`;
};
const unitName = (plan: PlanRecord, unitId: string) => plan.units.find((u) => u.id === unitId)?.name ?? unitId;
const cardLink = (taskId: string) => `/?task=${encodeURIComponent(taskId)}`;

/**
 * Which notices an accepted entry makes (API.md "Notifications and reminders", events): a result
 * submitted (to the coordinator), returned or approved (to the owning unit's head), a finding that
 * made a remediation task (to the inspected unit's head), a review (to the heads of the units it
 * lists as lagging). `plan` is the plan as the entry left it.
 */
export function noticesFor(entry: LogEntry, plan: PlanRecord): EventNotice[] {
  if (entry.kind === 'task' && Object.hasOwn(plan.tasks, entry.taskId!)) {
    const taskId = entry.taskId!;
    const owner = plan.tasks[taskId].machine.context.ownerUnitId;
    const name = taskName(plan, taskId);
    const link = cardLink(taskId);
    if (entry.type === 'SUBMIT') {
      return [{ kind: 'submitted', to: { role: 'coordinator' }, link, text: `${unitName(plan, owner)} đã gửi kết quả ${name} để duyệt.` }];
    }
    if (entry.type === 'RETURN') {
      const reason = typeof entry.payload?.reason === 'string' ? `: ${entry.payload.reason}` : '.';
      return [{ kind: 'returned', to: { unitId: owner }, link, text: `Kết quả ${name} bị trả lại${reason}` }];
    }
    if (entry.type === 'APPROVE') return [{ kind: 'approved', to: { unitId: owner }, link, text: `Kết quả ${name} đã được duyệt.` }];
    return [];
  }
  if (entry.kind === 'plan' && entry.type === 'ADD_TASK' && entry.taskId && Object.hasOwn(plan.tasks, entry.taskId)) {
    const task = plan.tasks[entry.taskId];
    const source = task.source;
    // A PAR Index task (source {parIndexId, criterion}) is no finding: no findingAssigned notice.
    if (!source || !('inspectionId' in source)) return [];
    const inspection = plan.inspections?.[source.inspectionId];
    const title = inspection?.machine.context.title ?? 'Đoàn kiểm tra';
    return [{
      kind: 'findingAssigned',
      to: { unitId: task.machine.context.ownerUnitId },
      link: cardLink(task.id),
      text: `${title}: đơn vị được giao khắc phục ${taskName(plan, task.id)}, hạn ${formatDateVi(task.deadline)}.`,
    }];
  }
  if (entry.kind === REVIEW_KIND && entry.type === 'REVIEW_CREATED') {
    const review = entry.payload!.review as { id: string; period: string; year: number; lagging?: Array<{ ownerUnitId: string }> };
    const counts = new Map<string, number>();
    for (const t of review.lagging ?? []) counts.set(t.ownerUnitId, (counts.get(t.ownerUnitId) ?? 0) + 1);
    return [...counts].map(([unitId, n]) => ({
      kind: 'reviewLagging' as const,
      to: { unitId },
      link: `/reviews/${encodeURIComponent(review.id)}`,
      text: `Sơ kết kỳ ${review.period} năm ${review.year} (ngày ${formatDateVi(localDate(entry.at))}): đơn vị có ${n} nhiệm vụ chậm tiến độ.`,
    }));
  }
  return [];
}
