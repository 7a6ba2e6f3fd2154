import { describe, expect, it } from 'vitest';
import { addDays } from '../../machines/dates';
import {
  deadlineStage,
  digestDueOn,
  digestOf,
  digestText,
  parseReminderTime,
  reminderTimePassed,
  remindersDue,
  type ReminderFinding,
  type ReminderPlan,
  type ReminderTask,
} from '../../machines/reminders';

const task = (over: Partial<ReminderTask> = {}): ReminderTask => ({
  id: 't1', code: '3.2', title: 'Rà soát thủ tục', ownerUnitId: 'HCTP', deadline: '2026-06-30', state: 'inProgress', ...over,
});
const finding = (over: Partial<ReminderFinding> = {}): ReminderFinding => ({
  id: 'f1', inspectionId: 'i1', inspectionTitle: 'Kiểm tra CCHC tại Phòng HCTP', description: 'Chưa niêm yết TTHC',
  targetUnitId: 'HCTP', state: 'open', inspection: { state: 'concluded', remediationDeadline: '2026-06-20' }, ...over,
});
const plan = (tasks: ReminderTask[], findings: ReminderFinding[] = []): ReminderPlan => ({ id: 'p', year: 2026, tasks, findings });

/** Every day of a range at which `due` gives something for the object, as day → kind. */
function calendar(p: ReminderPlan, from: string, days: number, object: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < days; i++) {
    const day = addDays(from, i);
    for (const r of remindersDue(p, day)) if (r.object === object) out[day] = r.kind;
  }
  return out;
}

describe('deadlineStage', () => {
  it('7, 3 and 1 days before, on the day, the first day overdue and weekly after', () => {
    const hits: Record<string, unknown> = {};
    for (let i = -10; i <= 16; i++) {
      const day = addDays('2026-06-30', i);
      const s = deadlineStage('2026-06-30', day);
      if (s) hits[day] = s;
    }
    expect(hits).toEqual({
      '2026-06-23': { stage: 'soon', daysLeft: 7 },
      '2026-06-27': { stage: 'soon', daysLeft: 3 },
      '2026-06-29': { stage: 'soon', daysLeft: 1 },
      '2026-06-30': { stage: 'today' },
      '2026-07-01': { stage: 'overdue', daysLate: 1 },
      '2026-07-08': { stage: 'overdue', daysLate: 8 },
      '2026-07-15': { stage: 'overdue', daysLate: 15 },
    });
  });
});

describe('remindersDue', () => {
  it('a task: its owner unit is told, with its code, title and deadline, linking to its card', () => {
    const [r] = remindersDue(plan([task()]), '2026-06-27').filter((x) => x.object === 'task:t1');
    expect(r).toEqual({
      kind: 'deadlineSoon', object: 'task:t1', to: { unitId: 'HCTP' },
      text: 'Nhiệm vụ 3.2 «Rà soát thủ tục» đến hạn ngày 30/06/2026 (còn 3 ngày).', link: '/?task=t1',
    });
    expect(remindersDue(plan([task()]), '2026-07-08').find((x) => x.object === 'task:t1')?.text).toBe(
      'Nhiệm vụ 3.2 «Rà soát thủ tục» đã quá hạn 8 ngày (hạn 30/06/2026).',
    );
  });

  it('done and cancelled tasks stop reminding; one in review is still reminded', () => {
    for (const state of ['done', 'cancelled'] as const) expect(calendar(plan([task({ state })]), '2026-06-20', 30, 'task:t1')).toEqual({});
    expect(Object.keys(calendar(plan([task({ state: 'inReview' })]), '2026-06-20', 30, 'task:t1'))).toHaveLength(7);
  });

  it('a finding answers to its own deadline, else the remediation deadline; its unit head is told', () => {
    expect(calendar(plan([], [finding()]), '2026-06-10', 20, 'finding:f1')).toEqual({
      '2026-06-13': 'remediationDue', '2026-06-17': 'remediationDue', '2026-06-19': 'remediationDue',
      '2026-06-20': 'remediationDue', '2026-06-21': 'remediationDue', '2026-06-28': 'remediationDue',
    });
    const own = remindersDue(plan([], [finding({ deadline: '2026-06-12' })]), '2026-06-12').find((r) => r.object === 'finding:f1')!;
    expect(own).toMatchObject({ to: { unitId: 'HCTP' }, link: '/inspections/i1#finding-f1' });
    expect(own.text).toBe('Kiến nghị khắc phục «Chưa niêm yết TTHC» (Kiểm tra CCHC tại Phòng HCTP) đến hạn khắc phục hôm nay (12/06/2026).');
  });

  it('a finding remediated, with a task of its own, in a cancelled inspection or without a deadline is not reminded', () => {
    for (const f of [
      finding({ state: 'remediated' }),
      finding({ taskId: 't9' }),
      finding({ inspection: { state: 'cancelled', remediationDeadline: '2026-06-20' } }),
      finding({ inspection: { state: 'fieldwork' } }),
    ]) expect(calendar(plan([], [f]), '2026-06-10', 30, 'finding:f1')).toEqual({});
  });

  it('report due dates of the Home Affairs periods (the 20th) go to the coordinator, never as overdue', () => {
    expect(calendar(plan([]), '2026-06-10', 20, 'period:p/H1-2026')).toEqual({
      '2026-06-13': 'reviewDue', '2026-06-17': 'reviewDue', '2026-06-19': 'reviewDue', '2026-06-20': 'reviewDue',
    });
    const r = remindersDue(plan([]), '2026-06-20').find((x) => x.object === 'period:p/H1-2026')!;
    expect(r.to).toEqual({ role: 'coordinator' });
    expect(r.text).toBe('Hạn gửi báo cáo cải cách hành chính 6 tháng đầu năm 2026 (kỳ 15/12/2025 – 14/06/2026) là hôm nay (20/06/2026).');
  });
});

describe('digest', () => {
  const tasks = [
    task({ id: 'a', code: '1', deadline: '2026-06-10', state: 'notStarted' }),
    task({ id: 'b', code: '2', deadline: '2026-06-16', state: 'inProgress' }),
    task({ id: 'c', code: '3', deadline: '2026-06-17', state: 'inProgress', ownerUnitId: 'TTR' }),
    task({ id: 'd', code: '4', deadline: '2026-07-30', state: 'inReview' }),
    task({ id: 'e', code: '5', deadline: '2026-06-01', state: 'done' }),
  ];
  it('lists due within the week (today and six days on), overdue and waiting for approval', () => {
    const d = digestOf(plan(tasks, [finding({ inspection: { state: 'concluded', remediationDeadline: '2026-06-05' } })]), '2026-06-11');
    expect(d.dueThisWeek.map((t) => t.id)).toEqual(['b', 'c']);
    expect(d.overdue.map((t) => t.id)).toEqual(['a']);
    expect(d.waiting.map((t) => t.id)).toEqual(['d']);
    expect(d.overdueFindings.map((f) => f.id)).toEqual(['f1']);
    expect(digestText(d, '2026-06-11')).toBe(
      'Tổng hợp ngày 11/06/2026: 2 nhiệm vụ đến hạn trong tuần, 1 nhiệm vụ quá hạn, 1 kết quả chờ duyệt, 1 kiến nghị quá hạn khắc phục.',
    );
    expect(digestOf(plan(tasks), '2026-06-11', 'TTR').dueThisWeek.map((t) => t.id)).toEqual(['c']);
  });
  it('daily every day, weekly on Mondays, off never', () => {
    expect(digestDueOn('daily', '2026-06-13')).toBe(true);
    expect(digestDueOn('weekly', '2026-06-15')).toBe(true);
    expect(digestDueOn('weekly', '2026-06-16')).toBe(false);
    expect(digestDueOn('off', '2026-06-15')).toBe(false);
  });
});

describe('REMINDER_TIME', () => {
  it('is HH:MM, judged in agency time', () => {
    expect(parseReminderTime('07:30')).toEqual({ hour: 7, minute: 30 });
    expect(parseReminderTime('7:30')).toBeUndefined();
    expect(parseReminderTime('24:00')).toBeUndefined();
    const t = parseReminderTime('07:30')!;
    expect(reminderTimePassed(new Date('2026-06-11T00:29:00Z'), t)).toBe(false);
    expect(reminderTimePassed(new Date('2026-06-11T00:30:00Z'), t)).toBe(true);
  });
});
