import { describe, expect, it } from 'vitest';
import {
  countFindings,
  findingDeadline,
  inspectionCoverage,
  isFindingOverdue,
  remediationTaskDeadline,
  tasksToRedate,
} from '../../machines/inspectionProgress';
import { formatPercent } from '../../machines/percent';

// 16/10 00:30 in Hà Nội is still 15/10 in UTC: the agency-local day decides.
const DAY_AFTER = new Date('2026-10-15T17:30:00Z');
const SAME_DAY = new Date('2026-10-15T16:59:59Z');
const concluded = { state: 'concluded' as const, remediationDeadline: '2026-10-15' };

describe('findingDeadline', () => {
  it('is the finding’s own, else the conclusion’s remediation deadline, else none', () => {
    expect(findingDeadline({ deadline: '2026-10-31' }, concluded)).toBe('2026-10-31');
    expect(findingDeadline({}, concluded)).toBe('2026-10-15');
    expect(findingDeadline({}, {})).toBeUndefined();
  });
});

describe('the remediation task’s deadline', () => {
  it('the finding’s own, else the remediation deadline, else 15 days after the agency-local recording day', () => {
    expect(remediationTaskDeadline({ deadline: '2026-10-31' }, {}, '2026-09-16T09:00:00+07:00')).toBe('2026-10-31');
    expect(remediationTaskDeadline({}, concluded, '2026-09-16T09:00:00+07:00')).toBe('2026-10-15');
    expect(remediationTaskDeadline({}, {}, '2026-09-16T20:00:00Z')).toBe('2026-10-02');
  });

  it('at the conclusion, only tasks of findings without their own deadline follow it', () => {
    expect(
      tasksToRedate([
        { deadline: '2026-10-31', taskId: 't1' },
        { taskId: 't2' },
        {},
        { deadline: '2026-10-15' },
      ]),
    ).toEqual(['t2']);
  });
});

describe('isFindingOverdue', () => {
  it('open past its own deadline, by the agency-local day', () => {
    expect(isFindingOverdue({ state: 'open', deadline: '2026-10-15' }, { state: 'fieldwork' }, DAY_AFTER)).toBe(true);
    expect(isFindingOverdue({ state: 'open', deadline: '2026-10-15' }, { state: 'fieldwork' }, SAME_DAY)).toBe(false);
  });

  it('open past the remediation deadline when it has none of its own', () => {
    expect(isFindingOverdue({ state: 'open' }, concluded, DAY_AFTER)).toBe(true);
    expect(isFindingOverdue({ state: 'open' }, concluded, SAME_DAY)).toBe(false);
  });

  it('its own deadline wins over the remediation deadline', () => {
    expect(isFindingOverdue({ state: 'open', deadline: '2026-10-31' }, concluded, DAY_AFTER)).toBe(false);
  });

  it('remediated or verified is never overdue; nor is a finding with no deadline yet', () => {
    expect(isFindingOverdue({ state: 'remediated' }, concluded, DAY_AFTER)).toBe(false);
    expect(isFindingOverdue({ state: 'verified' }, concluded, DAY_AFTER)).toBe(false);
    expect(isFindingOverdue({ state: 'open' }, { state: 'fieldwork' }, DAY_AFTER)).toBe(false);
  });

  it('a cancelled inspection’s findings are not pursued, so not overdue', () => {
    expect(isFindingOverdue({ state: 'open' }, { ...concluded, state: 'cancelled' }, DAY_AFTER)).toBe(false);
  });
});

describe('countFindings', () => {
  it('counts each state and the overdue ones', () => {
    expect(
      countFindings([
        { state: 'open', overdue: true },
        { state: 'open', overdue: false },
        { state: 'remediated', overdue: false },
        { state: 'verified', overdue: false },
      ]),
    ).toEqual({ open: 2, remediated: 1, verified: 1, overdue: 1 });
    expect(countFindings([])).toEqual({ open: 0, remediated: 0, verified: 0, overdue: 0 });
  });
});

describe('inspectionCoverage', () => {
  const units = ['VP', 'TTR', 'XDKT', 'HCTP', 'BTTP', 'PBGDPL', 'TGPL', 'CC1', 'DGTS'];

  it('counts each unit once, skips cancelled inspections and units not in the plan', () => {
    const coverage = inspectionCoverage(
      [
        { targetUnitId: 'HCTP', state: 'concluded' },
        { targetUnitId: 'HCTP', state: 'planned' },
        { targetUnitId: 'TGPL', state: 'cancelled' },
        { targetUnitId: 'BTTP', state: 'closed' },
        { targetUnitId: 'GONE', state: 'closed' },
      ],
      units,
    );
    expect(coverage).toEqual({ inspectedUnits: 2, totalUnits: 9, percent: (2 / 9) * 100 });
    // Shown with the plan's display rule, as progress is.
    expect(formatPercent(coverage.inspectedUnits, coverage.totalUnits)).toBe('22,22%');
  });

  it('no units → 0%', () => {
    expect(inspectionCoverage([], [])).toEqual({ inspectedUnits: 0, totalUnits: 0, percent: 0 });
  });
});
