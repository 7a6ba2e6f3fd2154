import { describe, expect, it } from 'vitest';
import { isPeriodCode, periodOf, periodsOf, reportingYearOf, reviewAsOf } from '../../machines/periods';

describe('reporting periods', () => {
  it('lists the four Bộ Nội vụ windows of 2026 with their due dates', () => {
    expect(periodsOf(2026)).toEqual([
      { code: 'Q1', year: 2026, label: 'Quý I năm 2026', from: '2025-12-15', to: '2026-03-14', dueBy: '2026-03-20' },
      { code: 'H1', year: 2026, label: '6 tháng đầu năm 2026', from: '2025-12-15', to: '2026-06-14', dueBy: '2026-06-20' },
      { code: 'Q3', year: 2026, label: 'Quý III năm 2026', from: '2026-06-15', to: '2026-09-14', dueBy: '2026-09-20' },
      { code: 'Y', year: 2026, label: 'Năm 2026', from: '2025-12-15', to: '2026-12-14', dueBy: '2026-12-20' },
    ]);
  });

  it('opens the year windows in the previous calendar year, across a century and a leap year', () => {
    expect(periodOf('Q1', 2000)).toMatchObject({ from: '1999-12-15', to: '2000-03-14' });
    expect(periodOf('Y', 2024)).toMatchObject({ from: '2023-12-15', to: '2024-12-14', dueBy: '2024-12-20' });
  });

  it('assigns 15/12 onwards to the next reporting year', () => {
    expect(reportingYearOf('2025-12-14')).toBe(2025);
    expect(reportingYearOf('2025-12-15')).toBe(2026);
    expect(reportingYearOf('2026-01-01')).toBe(2026);
  });

  it('freezes a review at the window end once it has ended in agency time, else at today', () => {
    const q1 = periodOf('Q1', 2026);
    // Instants where the agency (UTC+7) date and the UTC date differ, so a clock read in UTC gives
    // another answer. 14/03 00:30 in Hà Nội is 13/03 17:30 UTC: today is 14/03 there (UTC: 13/03).
    expect(reviewAsOf(q1, new Date('2026-03-13T17:30:00Z'))).toBe('2026-03-14');
    // 13/03 23:30 in Hà Nội is 13/03 16:30 UTC: one hour earlier, still 13/03.
    expect(reviewAsOf(q1, new Date('2026-03-13T16:30:00Z'))).toBe('2026-03-13');
    // 15/03 00:30 in Hà Nội is 14/03 17:30 UTC: the quarter has ended, frozen at 14/03 (not today, 15/03).
    expect(reviewAsOf(q1, new Date('2026-03-14T17:30:00Z'))).toBe('2026-03-14');
    // 16/03 00:30 in Hà Nội is 15/03 17:30 UTC: frozen at 14/03, not at today in either zone.
    expect(reviewAsOf(q1, new Date('2026-03-15T17:30:00Z'))).toBe('2026-03-14');
    expect(reviewAsOf(q1, new Date('2026-02-01T03:00:00Z'))).toBe('2026-02-01');
    expect(reviewAsOf(q1, new Date('2026-11-01T03:00:00Z'))).toBe('2026-03-14');
  });

  it('knows its codes', () => {
    expect(isPeriodCode('H1')).toBe(true);
    expect(isPeriodCode('Q2')).toBe(false);
  });
});
