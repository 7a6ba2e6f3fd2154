import { deadlinePassed } from './progress';
import { remediationDeadlineFor, type FindingState, type InspectionState } from './inspection';

/**
 * Deadlines and counts of the inspection cycle against an injected clock. The overdue rule itself
 * (the deadline's agency-local day has passed) is progress.ts's; this file only says which
 * deadline a finding answers to and when it no longer counts.
 */

/** A finding answers to its own deadline, else the conclusion's remediation deadline (if concluded). */
export function findingDeadline(
  finding: { deadline?: string },
  inspection: { remediationDeadline?: string },
): string | undefined {
  return finding.deadline ?? inspection.remediationDeadline;
}

/**
 * The deadline of a finding's remediation task. Findings are recorded during fieldwork, before the
 * conclusion sets the remediation deadline, so a finding without its own deadline gets the one a
 * conclusion on the recording day would give; CONCLUDE then moves it to the real one
 * (tasksToRedate), in the same commit.
 */
export function remediationTaskDeadline(
  finding: { deadline?: string },
  inspection: { remediationDeadline?: string },
  at: string,
): string {
  return findingDeadline(finding, inspection) ?? remediationDeadlineFor(at).remediationDeadline;
}

/** Tasks of findings without a deadline of their own: they follow the conclusion's remediation deadline. */
export function tasksToRedate(findings: ReadonlyArray<{ deadline?: string; taskId?: string }>): string[] {
  return findings.filter((f) => f.deadline === undefined && f.taskId !== undefined).map((f) => f.taskId!);
}

/**
 * Open (neither remediated nor verified) past its deadline. A cancelled inspection's findings are
 * no longer pursued, so they are never overdue; nor is a finding with no deadline yet.
 */
export function isFindingOverdue(
  finding: { state: FindingState; deadline?: string },
  inspection: { state: InspectionState; remediationDeadline?: string },
  now: Date,
): boolean {
  if (finding.state !== 'open' || inspection.state === 'cancelled') return false;
  const deadline = findingDeadline(finding, inspection);
  return deadline !== undefined && deadlinePassed(deadline, now);
}

export interface FindingCounts {
  open: number;
  remediated: number;
  verified: number;
  overdue: number;
}

export function countFindings(findings: ReadonlyArray<{ state: FindingState; overdue: boolean }>): FindingCounts {
  const counts: FindingCounts = { open: 0, remediated: 0, verified: 0, overdue: 0 };
  for (const finding of findings) {
    counts[finding.state]++;
    if (finding.overdue) counts.overdue++;
  }
  return counts;
}

export interface Coverage {
  inspectedUnits: number;
  totalUnits: number;
  /** inspectedUnits / totalUnits × 100, unrounded (shown with the plan's percent rule); 0 with no units. */
  percent: number;
}

/** Units of the plan with an inspection this year that is not cancelled, out of the plan's units. */
export function inspectionCoverage(
  inspections: ReadonlyArray<{ targetUnitId: string; state: InspectionState }>,
  unitIds: readonly string[],
): Coverage {
  const units = new Set(unitIds);
  const inspected = new Set(
    inspections.filter((i) => i.state !== 'cancelled' && units.has(i.targetUnitId)).map((i) => i.targetUnitId),
  );
  const totalUnits = units.size;
  return {
    inspectedUnits: inspected.size,
    totalUnits,
    percent: totalUnits === 0 ? 0 : (inspected.size / totalUnits) * 100,
  };
}
