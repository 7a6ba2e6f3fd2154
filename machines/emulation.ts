import { countsInPlan, EXTRA_LABEL } from './countsInPlan';
import type { TaskState } from './task';

/**
 * Emulation (thi đua) verdicts at year close, PRODUCT.md: every task done → eligible; a task done
 * late → eligible with a note; a task not done and not cancelled → "không xét thi đua". How a late
 * completion counts is the plan's setting (`settings.emulationRule`). Only the plan's own tasks
 * decide (countsInPlan): a unit's unfinished remediation task is a note on its verdict.
 */
import type { EmulationRule, EmulationVerdict } from './emulationRule';

export { EMULATION_VERDICTS, type EmulationRule, type EmulationVerdict } from './emulationRule';

export const DEFAULT_EMULATION_RULE: EmulationRule = { late: 'eligibleWithNote' };

export interface EmulationTask {
  code: string;
  ownerUnitId: string;
  state: TaskState;
  deadline: string;
  completedAt?: string;
  /** From an inspection finding (or a PAR criterion): not a plan task (countsInPlan). */
  source?: unknown;
}

export interface UnitVerdict {
  unitId: string;
  verdict: EmulationVerdict;
  done: number;
  doneLate: number;
  notDone: number;
  note?: string;
  final: boolean;
  /** Task codes behind the verdict, for the note and the report. */
  lateTasks: string[];
  notDoneTasks: string[];
  /** The unit's unfinished remediation tasks (not plan tasks): only a note, never the verdict. */
  remediationNotDoneTasks: string[];
}

const SEVERITY: Record<EmulationVerdict, number> = { eligible: 0, eligibleWithNote: 1, notEligible: 2 };

export const EMULATION_LABELS: Record<EmulationVerdict, string> = {
  eligible: 'Đủ điều kiện xét thi đua',
  eligibleWithNote: 'Đủ điều kiện, có ghi chú',
  notEligible: 'Không xét thi đua',
};

/**
 * One verdict per unit, in the order given. `isLate` is injected so the on-time rule stays in
 * machines/progress.ts. `final` is whether the plan is closed: before that the verdict is provisional.
 */
export function emulationVerdicts(
  tasks: readonly EmulationTask[],
  unitIds: readonly string[],
  isLate: (task: EmulationTask) => boolean,
  rule: EmulationRule = DEFAULT_EMULATION_RULE,
  final = false,
): UnitVerdict[] {
  return unitIds.map((unitId) => {
    const unitTasks = tasks.filter((t) => t.ownerUnitId === unitId && t.state !== 'cancelled');
    const own = unitTasks.filter(countsInPlan);
    const remediationNotDoneTasks = unitTasks.filter((t) => !countsInPlan(t) && t.state !== 'done').map((t) => t.code);
    const done = own.filter((t) => t.state === 'done');
    const lateTasks = done.filter(isLate).map((t) => t.code);
    const notDoneTasks = own.filter((t) => t.state !== 'done').map((t) => t.code);
    let verdict: EmulationVerdict = 'eligible';
    if (lateTasks.length && SEVERITY[rule.late] > SEVERITY[verdict]) verdict = rule.late;
    if (notDoneTasks.length) verdict = 'notEligible';
    const notes: string[] = [];
    if (notDoneTasks.length) notes.push(`${notDoneTasks.length} nhiệm vụ chưa hoàn thành (${notDoneTasks.join(', ')})`);
    if (lateTasks.length) notes.push(`${lateTasks.length} nhiệm vụ hoàn thành trễ hạn (${lateTasks.join(', ')})`);
    if (remediationNotDoneTasks.length) {
      notes.push(`${EXTRA_LABEL}: ${remediationNotDoneTasks.length} nhiệm vụ chưa hoàn thành (${remediationNotDoneTasks.join(', ')})`);
    }
    return {
      unitId,
      verdict,
      done: done.length,
      doneLate: lateTasks.length,
      notDone: notDoneTasks.length,
      ...(notes.length ? { note: notes.join('; ') } : {}),
      final,
      lateTasks,
      notDoneTasks,
      remediationNotDoneTasks,
    };
  });
}
