import type { TaskState } from './task';

/**
 * Emulation (thi đua) verdicts at year close, PRODUCT.md: every task done → eligible; a task done
 * late → eligible with a note; a task not done and not cancelled → "không xét thi đua". How a late
 * completion counts is the plan's setting (`settings.emulationRule`).
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
    const own = tasks.filter((t) => t.ownerUnitId === unitId && t.state !== 'cancelled');
    const done = own.filter((t) => t.state === 'done');
    const lateTasks = done.filter(isLate).map((t) => t.code);
    const notDoneTasks = own.filter((t) => t.state !== 'done').map((t) => t.code);
    let verdict: EmulationVerdict = 'eligible';
    if (lateTasks.length && SEVERITY[rule.late] > SEVERITY[verdict]) verdict = rule.late;
    if (notDoneTasks.length) verdict = 'notEligible';
    const notes: string[] = [];
    if (notDoneTasks.length) notes.push(`${notDoneTasks.length} nhiệm vụ chưa hoàn thành (${notDoneTasks.join(', ')})`);
    if (lateTasks.length) notes.push(`${lateTasks.length} nhiệm vụ hoàn thành trễ hạn (${lateTasks.join(', ')})`);
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
    };
  });
}
