import { addDays, formatDateVi, localMinuteOfDay } from './dates';
import type { FindingState, InspectionState } from './inspection';
import { findingDeadline, isFindingOverdue } from './inspectionProgress';
import { periodsOf } from './periods';
import { deadlinePassed, isOverdue } from './progress';
import { daysOverdue, endOfLocalDay } from './review';
import type { TaskState } from './task';

/**
 * The reminder rule ("đôn đốc", API.md "Notifications and reminders"): which reminders an agency
 * day calls for, for a plan's tasks, its inspections' findings and the Home Affairs report dates.
 * Pure: the caller gives the day (agency-local, YYYY-MM-DD) and the facts; who receives each
 * reminder, whether it goes by mail and whether it was already made are the server's business.
 */

export const NOTIFICATION_KINDS = [
  'deadlineSoon',
  'deadlineToday',
  'overdue',
  'submitted',
  'returned',
  'approved',
  'findingAssigned',
  'remediationDue',
  'reviewDue',
  'parScoring',
  // Added beside API.md's list (docs/api.md): the coordinator's digest, and a review naming a unit's lagging tasks.
  'digest',
  'reviewLagging',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds made by the calendar (and so also mailed): the others are made by events, in-app only. */
export const CALENDAR_KINDS: ReadonlySet<NotificationKind> = new Set(['deadlineSoon', 'deadlineToday', 'overdue', 'remediationDue', 'reviewDue', 'digest']);

/** Days before a deadline that remind; then the day itself; then every OVERDUE_EVERY days from the first day overdue. */
export const DAYS_BEFORE = [7, 3, 1] as const;
export const OVERDUE_EVERY = 7;

export const DIGEST_CHOICES = ['off', 'daily', 'weekly'] as const;
export type DigestChoice = (typeof DIGEST_CHOICES)[number];

/** Where a deadline stands on a day, when that day calls for a reminder; undefined on other days. */
export type DeadlineStage = { stage: 'soon'; daysLeft: number } | { stage: 'today' } | { stage: 'overdue'; daysLate: number };

export function deadlineStage(deadline: string, day: string): DeadlineStage | undefined {
  const late = daysOverdue(deadline, day);
  if (late === 0) return { stage: 'today' };
  if (late < 0) return (DAYS_BEFORE as readonly number[]).includes(-late) ? { stage: 'soon', daysLeft: -late } : undefined;
  // The overdue rule is progress.ts's: the first day past the deadline's day, then weekly.
  if (!deadlinePassed(deadline, endOfLocalDay(day))) return undefined;
  return (late - 1) % OVERDUE_EVERY === 0 ? { stage: 'overdue', daysLate: late } : undefined;
}

export interface ReminderTask {
  id: string;
  code: string;
  title: string;
  ownerUnitId: string;
  deadline: string;
  state: TaskState;
}

export interface ReminderFinding {
  id: string;
  inspectionId: string;
  inspectionTitle: string;
  description: string;
  /** The inspected unit: its head remedies. */
  targetUnitId: string;
  deadline?: string;
  state: FindingState;
  inspection: { state: InspectionState; remediationDeadline?: string };
  /** A finding with a remediation task is urged through its task's reminders, not twice. */
  taskId?: string;
}

export interface ReminderPlan {
  id: string;
  year: number;
  tasks: readonly ReminderTask[];
  findings: readonly ReminderFinding[];
}

/** Who a reminder is for: the head(s) of a unit, or the plan's coordinators. */
export type Audience = { unitId: string } | { role: 'coordinator' };

export interface Reminder {
  kind: NotificationKind;
  /** The object reminded about ('task:…', 'finding:…', 'period:…', 'plan:…'): with user and day, it names the reminder. */
  object: string;
  to: Audience;
  text: string;
  link: string;
}

const date = formatDateVi;
const taskLink = (id: string) => `/?task=${encodeURIComponent(id)}`;
const findingLink = (f: Pick<ReminderFinding, 'inspectionId' | 'id'>) => `/inspections/${encodeURIComponent(f.inspectionId)}#finding-${encodeURIComponent(f.id)}`;
const isOpen = (state: TaskState) => state !== 'done' && state !== 'cancelled';

function taskText(t: ReminderTask, s: DeadlineStage): string {
  const name = `Nhiệm vụ ${t.code} «${t.title}»`;
  if (s.stage === 'soon') return `${name} đến hạn ngày ${date(t.deadline)} (còn ${s.daysLeft} ngày).`;
  if (s.stage === 'today') return `${name} đến hạn hôm nay (${date(t.deadline)}).`;
  return `${name} đã quá hạn ${s.daysLate} ngày (hạn ${date(t.deadline)}).`;
}

function findingText(f: ReminderFinding, deadline: string, s: DeadlineStage): string {
  const name = `Kiến nghị khắc phục «${f.description}» (${f.inspectionTitle})`;
  if (s.stage === 'soon') return `${name} phải khắc phục xong trước ngày ${date(deadline)} (còn ${s.daysLeft} ngày).`;
  if (s.stage === 'today') return `${name} đến hạn khắc phục hôm nay (${date(deadline)}).`;
  return `${name} đã quá hạn khắc phục ${s.daysLate} ngày (hạn ${date(deadline)}).`;
}

const TASK_KIND = { soon: 'deadlineSoon', today: 'deadlineToday', overdue: 'overdue' } as const;

/** The reminders `day` calls for on a plan's open tasks and findings, and its report due dates. */
export function remindersDue(plan: ReminderPlan, day: string): Reminder[] {
  const out: Reminder[] = [];
  for (const t of plan.tasks) {
    if (!isOpen(t.state)) continue;
    const s = deadlineStage(t.deadline, day);
    if (s) out.push({ kind: TASK_KIND[s.stage], object: `task:${t.id}`, to: { unitId: t.ownerUnitId }, text: taskText(t, s), link: taskLink(t.id) });
  }
  for (const f of plan.findings) {
    const deadline = findingDeadline(f, f.inspection);
    if (f.taskId || f.state !== 'open' || f.inspection.state === 'cancelled' || deadline === undefined) continue;
    const s = deadlineStage(deadline, day);
    if (s) out.push({ kind: 'remediationDue', object: `finding:${f.id}`, to: { unitId: f.targetUnitId }, text: findingText(f, deadline, s), link: findingLink(f) });
  }
  for (const period of periodsOf(plan.year)) {
    const s = deadlineStage(period.dueBy, day);
    if (!s || s.stage === 'overdue') continue;
    const when = s.stage === 'today' ? `hôm nay (${date(period.dueBy)})` : `ngày ${date(period.dueBy)} (còn ${s.daysLeft} ngày)`;
    out.push({
      kind: 'reviewDue',
      object: `period:${plan.id}/${period.code}-${period.year}`,
      to: { role: 'coordinator' },
      text: `Hạn gửi báo cáo cải cách hành chính ${period.label} (kỳ ${date(period.from)} – ${date(period.to)}) là ${when}.`,
      link: '/reviews',
    });
  }
  return out;
}

/** What the coordinator's digest lists on a day: due within the week, overdue, waiting for approval, findings overdue. */
export interface Digest {
  dueThisWeek: ReminderTask[];
  overdue: ReminderTask[];
  waiting: ReminderTask[];
  overdueFindings: ReminderFinding[];
}

/** The digest of a plan on `day`, optionally for one unit's tasks only. */
export function digestOf(plan: ReminderPlan, day: string, unitId?: string): Digest {
  const now = endOfLocalDay(day);
  const weekEnd = addDays(day, 6);
  const tasks = plan.tasks.filter((t) => unitId === undefined || t.ownerUnitId === unitId);
  const byDeadline = (a: ReminderTask, b: ReminderTask) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0);
  return {
    dueThisWeek: tasks.filter((t) => isOpen(t.state) && t.deadline >= day && t.deadline <= weekEnd).sort(byDeadline),
    overdue: tasks.filter((t) => isOverdue(t, now)).sort(byDeadline),
    waiting: tasks.filter((t) => t.state === 'inReview'),
    overdueFindings: plan.findings.filter(
      (f) => (unitId === undefined || f.targetUnitId === unitId) && isFindingOverdue(f, f.inspection, now),
    ),
  };
}

export const digestIsEmpty = (d: Digest) => !d.dueThisWeek.length && !d.overdue.length && !d.waiting.length && !d.overdueFindings.length;

/** A daily digest comes every day; a weekly one on Mondays (agency-local). */
export function digestDueOn(choice: DigestChoice, day: string): boolean {
  if (choice === 'daily') return true;
  return choice === 'weekly' && new Date(`${day}T00:00:00Z`).getUTCDay() === 1;
}

export function digestText(d: Digest, day: string): string {
  return (
    `Tổng hợp ngày ${date(day)}: ${d.dueThisWeek.length} nhiệm vụ đến hạn trong tuần, ${d.overdue.length} nhiệm vụ quá hạn, ` +
    `${d.waiting.length} kết quả chờ duyệt, ${d.overdueFindings.length} kiến nghị quá hạn khắc phục.`
  );
}

/** The digest's lines, for its mail: one per task or finding, under a heading per group. */
export function digestLines(d: Digest): Array<{ heading: string; items: Array<{ text: string; link: string }> }> {
  const task = (t: ReminderTask) => ({ text: `${t.code} ${t.title} (hạn ${date(t.deadline)})`, link: taskLink(t.id) });
  return [
    { heading: 'Đến hạn trong tuần', items: d.dueThisWeek.map(task) },
    { heading: 'Quá hạn', items: d.overdue.map(task) },
    { heading: 'Chờ duyệt kết quả', items: d.waiting.map(task) },
    {
      heading: 'Kiến nghị quá hạn khắc phục',
      items: d.overdueFindings.map((f) => ({ text: `${f.description} (${f.inspectionTitle}, hạn ${date(findingDeadline(f, f.inspection)!)})`, link: findingLink(f) })),
    },
  ].filter((g) => g.items.length > 0);
}

/** `HH:MM` (24-hour) of REMINDER_TIME, or undefined when it is not one. */
export function parseReminderTime(value: string): { hour: number; minute: number } | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

/** True once an instant's agency-local time of day has reached the reminder time (catch-up after a late start). */
export function reminderTimePassed(now: Date, time: { hour: number; minute: number }): boolean {
  return localMinuteOfDay(now) >= time.hour * 60 + time.minute;
}
