import { describe, expect, it } from 'vitest';
import { formatDateVi, isIsoDate, localDate } from '../../machines/dates';

describe('localDate (agency time, UTC+7)', () => {
  it('reads the calendar day in Vietnam, not in UTC', () => {
    expect(localDate('2026-03-31T23:30:00+07:00')).toBe('2026-03-31');
    expect(localDate('2026-04-01T00:30:00+07:00')).toBe('2026-04-01');
    // the same instant written in UTC is still 1 April in Hà Nội
    expect(localDate('2026-03-31T17:30:00Z')).toBe('2026-04-01');
    expect(localDate('2026-03-31T16:59:59Z')).toBe('2026-03-31');
    expect(localDate('2026-03-31T17:00:00Z')).toBe('2026-04-01');
  });

  it('accepts a Date', () => {
    expect(localDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(localDate(new Date(Date.UTC(2026, 0, 1, 0, 0)))).toBe('2026-01-01');
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates', () => {
    expect(isIsoDate('2026-03-31')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });

  it('rejects impossible dates and other shapes', () => {
    for (const bad of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-04-31', '31/03/2026', '2026-3-31', '2026-03-31T00:00:00Z', '']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });
});

describe('formatDateVi', () => {
  it('writes dd/MM/yyyy', () => {
    expect(formatDateVi('2026-01-05')).toBe('05/01/2026');
    expect(formatDateVi('2026-12-31')).toBe('31/12/2026');
  });
});
