/**
 * Administrative-procedure dossier figures (hồ sơ TTHC, PRODUCT.md): raw counts per period and
 * unit, and every published rate computed from them over its own base. Rates stay exact fractions;
 * how many decimals a report shows is a display rule (percent.ts), because the articles themselves
 * publish "99,4%", "5,96%" and "22%" side by side.
 */

export const DOSSIER_COUNT_FIELDS = [
  'carriedOver',
  'receivedOnline',
  'receivedDirect',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'pendingWithinTime',
  'pendingOverdue',
  'cancelled',
  'digitizedAtIntake',
  'digitizedResults',
  'resultsIssued',
  'digitizedBoth',
] as const;
export type DossierCountField = (typeof DOSSIER_COUNT_FIELDS)[number];
export type DossierCounts = Record<DossierCountField, number>;

export const DOSSIER_PERIODS = ['Q1', 'H1', 'Q3', 'Y', 'M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M08', 'M09', 'M10', 'M11', 'M12'] as const;
export type DossierPeriod = (typeof DOSSIER_PERIODS)[number];

export interface DossierTotals {
  received: number;
  resolved: number;
  pending: number;
}

export function dossierTotals(c: DossierCounts): DossierTotals {
  return {
    received: c.carriedOver + c.receivedOnline + c.receivedDirect,
    resolved: c.resolvedEarly + c.resolvedOnTime + c.resolvedLate,
    pending: c.pendingWithinTime + c.pendingOverdue,
  };
}

export interface DossierProblem {
  fields: DossierCountField[];
  message: string;
}

/**
 * Counts that cannot all be true: received must equal resolved + pending + cancelled, and a part
 * cannot exceed its whole. Each problem names the fields a person should look at again.
 */
export function dossierProblems(c: DossierCounts): DossierProblem[] {
  const t = dossierTotals(c);
  const problems: DossierProblem[] = [];
  if (t.received !== t.resolved + t.pending + c.cancelled) {
    problems.push({
      fields: ['carriedOver', 'receivedOnline', 'receivedDirect', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'pendingWithinTime', 'pendingOverdue', 'cancelled'],
      message: `Tổng tiếp nhận (${t.received}) phải bằng đã giải quyết (${t.resolved}) + đang giải quyết (${t.pending}) + đã hủy (${c.cancelled})`,
    });
  }
  const intake = t.received - c.carriedOver;
  if (c.digitizedAtIntake > intake) problems.push({ fields: ['digitizedAtIntake'], message: `Số hóa khi tiếp nhận vượt số hồ sơ tiếp nhận mới trong kỳ (${intake})` });
  if (c.digitizedBoth > Math.min(c.digitizedAtIntake, c.digitizedResults)) {
    problems.push({ fields: ['digitizedBoth'], message: 'Số hóa cả đầu vào và đầu ra vượt số hóa khi tiếp nhận hoặc số hóa kết quả' });
  }
  if (c.digitizedResults > c.resultsIssued) problems.push({ fields: ['digitizedResults'], message: 'Số hóa kết quả vượt số kết quả đã trả' });
  return problems;
}

export interface Fraction {
  num: number;
  den: number;
}

export const DOSSIER_RATES = [
  'online', 'direct', 'carriedOver',
  'early', 'onTime', 'late', 'onTimeOrEarly',
  'pendingWithinTime', 'pendingOverdue',
  'digitizedAtIntake', 'digitizedBoth', 'digitizedResults',
] as const;
export type DossierRate = (typeof DOSSIER_RATES)[number];

/** Every rate over its own base (API.md, Administrative-procedure dossiers). */
export function dossierRates(c: DossierCounts): Record<DossierRate, Fraction> {
  const t = dossierTotals(c);
  const intake = t.received - c.carriedOver;
  return {
    online: { num: c.receivedOnline, den: t.received },
    direct: { num: c.receivedDirect, den: t.received },
    carriedOver: { num: c.carriedOver, den: t.received },
    early: { num: c.resolvedEarly, den: t.resolved },
    onTime: { num: c.resolvedOnTime, den: t.resolved },
    late: { num: c.resolvedLate, den: t.resolved },
    onTimeOrEarly: { num: c.resolvedEarly + c.resolvedOnTime, den: t.resolved },
    pendingWithinTime: { num: c.pendingWithinTime, den: t.pending },
    pendingOverdue: { num: c.pendingOverdue, den: t.pending },
    digitizedAtIntake: { num: c.digitizedAtIntake, den: intake },
    digitizedBoth: { num: c.digitizedBoth, den: intake },
    digitizedResults: { num: c.digitizedResults, den: c.resultsIssued },
  };
}

/** Unrounded percentages for the API (0 where the base is empty). */
export function ratePercents(rates: Record<DossierRate, Fraction>): Record<DossierRate, number> {
  return Object.fromEntries(
    DOSSIER_RATES.map((rate) => [rate, rates[rate].den === 0 ? 0 : (rates[rate].num / rates[rate].den) * 100]),
  ) as Record<DossierRate, number>;
}

export function sumCounts(rows: readonly DossierCounts[]): DossierCounts {
  const total = Object.fromEntries(DOSSIER_COUNT_FIELDS.map((f) => [f, 0])) as DossierCounts;
  for (const row of rows) for (const f of DOSSIER_COUNT_FIELDS) total[f] += row[f];
  return total;
}

/**
 * The rows of one period that count for the agency: its own row(s) without a unit when there is
 * one, else the units' rows (summed by the caller), never both twice.
 */
export function periodRows<R extends { year: number; period: DossierPeriod; unitId?: string }>(rows: readonly R[], year: number, period: DossierPeriod): R[] {
  const inPeriod = rows.filter((r) => r.year === year && r.period === period);
  const agency = inPeriod.filter((r) => !r.unitId);
  return agency.length ? agency : inPeriod;
}

/**
 * The dossier figures of a year as far as they go: the year's own row when there is one, else the
 * months typed so far, else the six months and the third quarter together (15/12 – 14/09), else
 * the six months, else the first quarter; undefined when the year has none of these. Only rows for
 * the whole agency count, not per unit twice: per-unit rows are summed when the agency has no row
 * of its own for that period (periodRows).
 */
export function yearToDate<R extends DossierCounts & { year: number; period: DossierPeriod; unitId?: string }>(rows: readonly R[], year: number): DossierCounts | undefined {
  const ofPeriod = (period: DossierPeriod) => periodRows(rows, year, period);
  const months = DOSSIER_PERIODS.filter((p) => p.startsWith('M')).flatMap(ofPeriod);
  const h1 = ofPeriod('H1');
  const q3 = ofPeriod('Q3');
  for (const pick of [ofPeriod('Y'), months, h1.length && q3.length ? [...h1, ...q3] : [], h1, ofPeriod('Q1')]) {
    if (pick.length) return sumCounts(pick);
  }
  return undefined;
}
