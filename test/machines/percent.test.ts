import { describe, expect, it } from 'vitest';
import { DEFAULT_PERCENT_RULE, formatCompletion, formatPercent, roundPercent } from '../../machines/percent';

describe('roundPercent', () => {
  it('rounds half up to two decimals by default', () => {
    expect(DEFAULT_PERCENT_RULE).toEqual({ mode: 'halfUp', decimals: 2 });
    expect(roundPercent(26, 28)).toBe(92.86);
    expect(roundPercent(18, 28)).toBe(64.29);
    expect(roundPercent(1, 3)).toBe(33.33);
    expect(roundPercent(2, 3)).toBe(66.67);
    expect(roundPercent(28, 28)).toBe(100);
  });

  it('truncates when the office truncates', () => {
    expect(roundPercent(26, 28, { mode: 'truncate', decimals: 0 })).toBe(92);
    expect(roundPercent(2, 3, { mode: 'truncate', decimals: 2 })).toBe(66.66);
    expect(roundPercent(27, 28, { mode: 'truncate', decimals: 0 })).toBe(96);
  });

  it('rounds exact .5 boundaries up (no binary floating-point surprises)', () => {
    expect(roundPercent(1, 8, { mode: 'halfUp', decimals: 0 })).toBe(13); // 12.5
    expect(roundPercent(3, 8, { mode: 'halfUp', decimals: 0 })).toBe(38); // 37.5
    expect(roundPercent(1, 16, { mode: 'halfUp', decimals: 1 })).toBe(6.3); // 6.25
    expect(roundPercent(1, 32, { mode: 'halfUp', decimals: 2 })).toBe(3.13); // 3.125
    expect(roundPercent(1, 200, { mode: 'halfUp', decimals: 0 })).toBe(1); // 0.5
    // just below a boundary stays down
    expect(roundPercent(1249, 10000, { mode: 'halfUp', decimals: 0 })).toBe(12); // 12.49
    // 1.005 is 1.00499999… as a double; integer arithmetic rounds the true value
    expect(roundPercent(201, 20000, { mode: 'halfUp', decimals: 2 })).toBe(1.01);
  });

  it('gives 0 for a zero denominator', () => {
    expect(roundPercent(0, 0)).toBe(0);
    expect(roundPercent(0, 0, { mode: 'truncate', decimals: 0 })).toBe(0);
  });
});

describe('formatPercent', () => {
  it('writes Vietnamese decimals with a comma and the rule’s fixed digits', () => {
    expect(formatPercent(26, 28)).toBe('92,86%');
    expect(formatPercent(18, 28)).toBe('64,29%');
    expect(formatPercent(26, 28, { mode: 'truncate', decimals: 0 })).toBe('92%');
    expect(formatPercent(1, 8, { mode: 'halfUp', decimals: 0 })).toBe('13%');
    expect(formatPercent(1, 16, { mode: 'halfUp', decimals: 1 })).toBe('6,3%');
    expect(formatPercent(28, 28)).toBe('100,00%');
    expect(formatPercent(1, 2)).toBe('50,00%');
    expect(formatPercent(0, 0)).toBe('0,00%');
  });

  it('other locales keep their own separators', () => {
    expect(formatPercent(26, 28, DEFAULT_PERCENT_RULE, 'en-US')).toBe('92.86%');
  });

  it('vi-VN groups thousands with a dot', () => {
    expect(new Intl.NumberFormat('vi-VN').format(14358)).toBe('14.358');
  });
});

describe('formatCompletion', () => {
  it('is the line leadership reads', () => {
    expect(formatCompletion({ done: 26, total: 28, cancelled: 0 })).toBe('26/28 nhiệm vụ · 92,86%');
    expect(formatCompletion({ done: 26, total: 28, cancelled: 0 }, { mode: 'truncate', decimals: 0 })).toBe(
      '26/28 nhiệm vụ · 92%',
    );
  });

  it('leaves cancelled tasks out of the denominator', () => {
    expect(formatCompletion({ done: 26, total: 28, cancelled: 1 })).toBe('26/27 nhiệm vụ · 96,30%');
  });

  it('handles an empty plan', () => {
    expect(formatCompletion({ done: 0, total: 0, cancelled: 0 })).toBe('0/0 nhiệm vụ · 0,00%');
    expect(formatCompletion({ done: 0, total: 2, cancelled: 2 })).toBe('0/0 nhiệm vụ · 0,00%');
  });

  it('speaks English outside vi', () => {
    expect(formatCompletion({ done: 26, total: 28, cancelled: 0 }, DEFAULT_PERCENT_RULE, 'en-US')).toBe(
      '26/28 tasks · 92.86%',
    );
  });
});
