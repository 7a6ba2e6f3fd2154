import { describe, expect, it } from 'vitest';
import { DOSSIER_COUNT_FIELDS, yearToDate, type DossierCounts, type DossierPeriod } from '../../machines/dossiers';

/*
 * Which dossier rows make a year's figures so far (the PAR index's «hồ sơ đúng hạn» leaf reads
 * them). Each row here carries one number n in received-direct and resolved-on-time, so the answer
 * says which rows were summed: n = 100 from the year row, 12 from two months, and so on.
 */
interface Row extends DossierCounts {
  year: number;
  period: DossierPeriod;
  unitId?: string;
}

const counts = (n: number): DossierCounts => ({
  ...(Object.fromEntries(DOSSIER_COUNT_FIELDS.map((f) => [f, 0])) as DossierCounts),
  receivedDirect: n,
  resolvedOnTime: n,
});
const row = (period: DossierPeriod, n: number, more: { year?: number; unitId?: string } = {}): Row => ({
  year: more.year ?? 2026,
  period,
  ...(more.unitId ? { unitId: more.unitId } : {}),
  ...counts(n),
});

const rules: Array<[string, Row[], number | undefined]> = [
  ['no rows: nothing to show', [], undefined],
  ['the year row wins over everything else', [row('Y', 100), row('M01', 5), row('H1', 50), row('Q3', 20), row('Q1', 10)], 100],
  ['no year row: the months typed so far, not the quarters', [row('M01', 5), row('M02', 7), row('H1', 50), row('Q3', 20)], 12],
  ['no months: six months and the third quarter together', [row('H1', 50), row('Q3', 20), row('Q1', 10)], 70],
  ['six months without the third quarter: the six months alone', [row('H1', 50), row('Q1', 10)], 50],
  ['a third quarter without the six months does not count; the first quarter does', [row('Q3', 20), row('Q1', 10)], 10],
  ['a third quarter alone: nothing', [row('Q3', 20)], undefined],
  ['the first quarter alone', [row('Q1', 10)], 10],
  ['rows of another year are not this year\'s', [row('Y', 100, { year: 2025 }), row('Q1', 10)], 10],
  ['only rows of another year: nothing', [row('Y', 100, { year: 2025 })], undefined],
  ['the agency\'s own row, not its units\' rows again', [row('Y', 100), row('Y', 60, { unitId: 'A' }), row('Y', 40, { unitId: 'B' })], 100],
  ['no agency row: the units\' rows summed', [row('Y', 60, { unitId: 'A' }), row('Y', 40, { unitId: 'B' })], 100],
  ['chosen month by month: January\'s agency row, February\'s units', [row('M01', 5), row('M01', 3, { unitId: 'A' }), row('M02', 4, { unitId: 'A' }), row('M02', 6, { unitId: 'B' })], 15],
  ['units\' year rows still beat the agency\'s months', [row('Y', 60, { unitId: 'A' }), row('M01', 5)], 60],
];

describe('yearToDate: the rows that make a year\'s dossier figures so far', () => {
  it.each(rules)('%s', (_, rows, expected) => {
    expect(yearToDate(rows, 2026)).toEqual(expected === undefined ? undefined : counts(expected));
  });
});
