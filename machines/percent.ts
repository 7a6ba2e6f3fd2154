/**
 * How a completion ratio is shown. Offices differ: most round half up to two decimals (92,86%),
 * some truncate to whole percent (92%). The rule is a plan setting, never hard-coded in a screen.
 */
export interface PercentRule {
  mode: 'halfUp' | 'truncate';
  decimals: number;
}

export const DEFAULT_PERCENT_RULE: PercentRule = { mode: 'halfUp', decimals: 2 };

/**
 * Rounds done/denominator × 100 to the rule's decimals in integer arithmetic, so 26/28 is exactly
 * 92.857142…% and rounds to 92.86 without binary floating-point surprises at the .5 boundary.
 */
export function roundPercent(done: number, denominator: number, rule: PercentRule = DEFAULT_PERCENT_RULE): number {
  if (denominator <= 0) return 0;
  const scale = 10 ** rule.decimals;
  const numerator = BigInt(done) * 100n * BigInt(scale);
  const den = BigInt(denominator);
  const units = rule.mode === 'truncate' ? numerator / den : (2n * numerator + den) / (2n * den);
  return Number(units) / scale;
}

/** One formatter per (locale, decimals): building an Intl.NumberFormat costs far more than using one. */
const formatters = new Map<string, Intl.NumberFormat>();
function formatterFor(locale: string, decimals: number): Intl.NumberFormat {
  const key = `${locale}\u0000${decimals}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return format;
}

export function formatPercent(
  done: number,
  denominator: number,
  rule: PercentRule = DEFAULT_PERCENT_RULE,
  locale = 'vi-VN',
): string {
  const value = roundPercent(done, denominator, rule);
  return `${formatterFor(locale, rule.decimals).format(value)}%`;
}

/** "26/28 nhiệm vụ · 92,86%": the line leadership reads. */
export function formatCompletion(
  counts: { done: number; total: number; cancelled: number },
  rule: PercentRule = DEFAULT_PERCENT_RULE,
  locale = 'vi-VN',
): string {
  const denominator = counts.total - counts.cancelled;
  const word = locale.startsWith('vi') ? 'nhiệm vụ' : 'tasks';
  return `${formatDoneOf(counts)} ${word} · ${formatPercent(counts.done, denominator, rule, locale)}`;
}

/** "0/1": done of the tasks that count (not cancelled), for what is shown apart (Progress.extra). */
export function formatDoneOf(counts: { done: number; total: number; cancelled: number }): string {
  return `${counts.done}/${counts.total - counts.cancelled}`;
}
