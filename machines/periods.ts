import { localDate } from './dates';

/**
 * Reporting periods (Bộ Nội vụ rule, PRODUCT.md "Quarterly reviews and reports"): every window
 * opens on 15/12 of the year before except quarter III, and the report is due by the 20th of the
 * window's last month. All dates are agency-local calendar dates (YYYY-MM-DD).
 */
export const PERIOD_CODES = ['Q1', 'H1', 'Q3', 'Y'] as const;
export type PeriodCode = (typeof PERIOD_CODES)[number];

export interface Period {
  code: PeriodCode;
  year: number;
  label: string;
  from: string;
  to: string;
  dueBy: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const date = (year: number, month: number, day: number) => `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;

/** Window start (relative year, month) and last month; ends are always the 14th of the last month. */
const WINDOWS: Record<PeriodCode, { startsPrevYear: boolean; startMonth: number; lastMonth: number; label: string }> = {
  Q1: { startsPrevYear: true, startMonth: 12, lastMonth: 3, label: 'Quý I năm' },
  H1: { startsPrevYear: true, startMonth: 12, lastMonth: 6, label: '6 tháng đầu năm' },
  Q3: { startsPrevYear: false, startMonth: 6, lastMonth: 9, label: 'Quý III năm' },
  Y: { startsPrevYear: true, startMonth: 12, lastMonth: 12, label: 'Năm' },
};

export function periodOf(code: PeriodCode, year: number): Period {
  const w = WINDOWS[code];
  return {
    code,
    year,
    label: `${w.label} ${year}`,
    from: date(w.startsPrevYear ? year - 1 : year, w.startMonth, 15),
    to: date(year, w.lastMonth, 14),
    dueBy: date(year, w.lastMonth, 20),
  };
}

export function periodsOf(year: number): Period[] {
  return PERIOD_CODES.map((code) => periodOf(code, year));
}

export function isPeriodCode(value: unknown): value is PeriodCode {
  return typeof value === 'string' && (PERIOD_CODES as readonly string[]).includes(value);
}

/**
 * The date a review of `period` is frozen at: the window's last day once it has ended in agency
 * time, otherwise today (a review made early shows progress so far, and says so by asOf < to).
 */
export function reviewAsOf(period: Pick<Period, 'to'>, now: Date): string {
  const today = localDate(now);
  return today > period.to ? period.to : today;
}

/** The reporting year an agency-local date counts towards: from 15/12 on, the next year's. */
export function reportingYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return isoDate.slice(5) >= '12-15' ? year + 1 : year;
}
