/**
 * The one rule for what a plan's figures count (API.md, Plans): the plan's own tasks, as issued and
 * amended. A task put on the board from an inspection finding (later from a PAR criterion) carries
 * `source`; it stays on the board but is counted apart ("khắc phục sau kiểm tra"), never in the
 * plan's percentage, its trend, its reviews' lists or a unit's emulation verdict: the agency reports
 * the plan's completion ("26/28 nhiệm vụ, đạt 92,86%") and remediation on its own.
 */
export function countsInPlan(task: { source?: unknown }): boolean {
  return task.source === undefined || task.source === null;
}

/** The words for what is counted apart, where the server writes Vietnamese (exports, notes). */
export const EXTRA_LABEL = 'Khắc phục sau kiểm tra';
