import { describe, expect, it } from 'vitest';
import { dossierProblems, dossierRates, dossierTotals, ratePercents, sumCounts, type DossierCounts } from '../../machines/dossiers';
import { formatPercent, type PercentRule } from '../../machines/percent';

/*
 * Article 002 (Sở Tư pháp Kiên Giang): the raw counts it gives for 2023 and Q1 2024, typed here from
 * the text, and every percentage it publishes, with the decimals the article used for it.
 */
const Y2023: DossierCounts = {
  carriedOver: 0, receivedOnline: 877, receivedDirect: 13835,
  resolvedEarly: 13905, resolvedOnTime: 17, resolvedLate: 67,
  pendingWithinTime: 702, pendingOverdue: 0, cancelled: 21,
  digitizedAtIntake: 968, digitizedResults: 39, resultsIssued: 13985, digitizedBoth: 16,
};
const Q1_2024: DossierCounts = {
  carriedOver: 702, receivedOnline: 426, receivedDirect: 5294,
  resolvedEarly: 5033, resolvedOnTime: 14, resolvedLate: 91,
  pendingWithinTime: 1255, pendingOverdue: 28, cancelled: 1,
  digitizedAtIntake: 1697, digitizedResults: 1534, resultsIssued: 4451, digitizedBoth: 1532,
};

const two: PercentRule = { mode: 'halfUp', decimals: 2 };
const one: PercentRule = { mode: 'halfUp', decimals: 1 };
const whole: PercentRule = { mode: 'halfUp', decimals: 0 };
const shown = (f: { num: number; den: number }, rule: PercentRule) => formatPercent(f.num, f.den, rule);

describe('article 002: every published figure comes out of the raw counts', () => {
  it('2023: 14.712 received, 13.989 resolved, 702 pending, 21 cancelled', () => {
    expect(dossierTotals(Y2023)).toEqual({ received: 14712, resolved: 13989, pending: 702 });
    expect(dossierProblems(Y2023)).toEqual([]);
    const r = dossierRates(Y2023);
    expect(shown(r.online, two)).toBe('5,96%');
    expect(shown(r.direct, two)).toBe('94,04%');
    expect(shown(r.early, one)).toBe('99,4%');
    expect(shown(r.onTime, two)).toBe('0,12%');
    expect(shown(r.late, two)).toBe('0,48%');
    expect(shown(r.pendingWithinTime, whole)).toBe('100%');
    expect(shown(r.digitizedAtIntake, two)).toBe('6,58%');
    expect(r.digitizedAtIntake).toEqual({ num: 968, den: 14712 });
    expect(shown(r.digitizedResults, two)).toBe('0,28%');
    expect(r.digitizedResults).toEqual({ num: 39, den: 13985 });
    expect(shown(r.digitizedBoth, two)).toBe('0,11%');
  });

  it('Q1 2024: 6.422 received of which 702 carried over; rates over their own bases', () => {
    expect(dossierTotals(Q1_2024)).toEqual({ received: 6422, resolved: 5138, pending: 1283 });
    expect(dossierProblems(Q1_2024)).toEqual([]);
    const r = dossierRates(Q1_2024);
    expect(shown(r.online, two)).toBe('6,63%');
    expect(shown(r.direct, two)).toBe('82,44%');
    expect(shown(r.carriedOver, two)).toBe('10,93%');
    expect(shown(r.early, two)).toBe('97,96%');
    expect(shown(r.onTime, two)).toBe('0,27%');
    expect(shown(r.late, two)).toBe('1,77%');
    expect(shown(r.pendingWithinTime, two)).toBe('97,82%');
    expect(shown(r.pendingOverdue, two)).toBe('2,18%');
    // Digitisation is over the dossiers newly received in the period (6.422 − 702 = 5.720).
    expect(r.digitizedAtIntake).toEqual({ num: 1697, den: 5720 });
    expect(shown(r.digitizedAtIntake, two)).toBe('29,67%');
    expect(shown(r.digitizedResults, two)).toBe('34,46%');
    expect(shown(r.digitizedBoth, two)).toBe('26,78%');
  });

  it('the issue figures: 13.905 of 13.989 → 99,4%; 877 of 14.712 → 5,96%; 714 of 3.254 → 22%', () => {
    expect(formatPercent(13905, 13989, one)).toBe('99,4%');
    expect(formatPercent(877, 14712, two)).toBe('5,96%');
    expect(formatPercent(714, 3254, whole)).toBe('22%');
  });

  it('on time or early = (early + on time) ÷ resolved, unrounded for the API', () => {
    const percents = ratePercents(dossierRates(Y2023));
    expect(percents.onTimeOrEarly).toBeCloseTo(((13905 + 17) / 13989) * 100, 12);
    expect(percents.onTimeOrEarly).not.toBe(Math.round(percents.onTimeOrEarly * 100) / 100);
  });
});

describe('counts that cannot all be true', () => {
  it('received ≠ resolved + pending + cancelled names the fields', () => {
    const problems = dossierProblems({ ...Y2023, cancelled: 20 });
    expect(problems).toHaveLength(1);
    expect(problems[0].fields).toContain('cancelled');
    expect(problems[0].message).toContain('14712');
  });

  it('a part larger than its whole', () => {
    expect(dossierProblems({ ...Q1_2024, digitizedResults: 4452, digitizedBoth: 1532 }).map((p) => p.fields)).toEqual([['digitizedResults']]);
    expect(dossierProblems({ ...Q1_2024, digitizedBoth: 1535 }).map((p) => p.fields)).toEqual([['digitizedBoth']]);
    expect(dossierProblems({ ...Q1_2024, digitizedAtIntake: 5721, digitizedBoth: 1532 }).map((p) => p.fields)).toEqual([['digitizedAtIntake']]);
  });

  it('an empty base gives 0 %, not NaN', () => {
    const zero = sumCounts([]);
    expect(Object.values(ratePercents(dossierRates(zero))).every((p) => p === 0)).toBe(true);
    expect(sumCounts([Y2023, Q1_2024]).resolvedEarly).toBe(13905 + 5033);
  });
});
