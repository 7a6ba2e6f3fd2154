/**
 * Deadlines are calendar dates in the agency's time zone. Vietnam has kept UTC+7 without daylight
 * saving since 1975, so a fixed offset is exact and keeps this module free of time-zone data.
 */
const AGENCY_OFFSET_MS = 7 * 60 * 60 * 1000;
/** The same offset in minutes, for a scheduler that takes one (croner's utcOffset). */
export const AGENCY_UTC_OFFSET_MINUTES = AGENCY_OFFSET_MS / 60_000;

/** The agency-local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + AGENCY_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since agency-local midnight of an instant (when a daily job's time has come). */
export function localMinuteOfDay(instant: Date): number {
  const local = new Date(instant.getTime() + AGENCY_OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The calendar date `days` after an ISO date (calendar days: weekends and holidays count). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** dd/MM/yyyy, the way Vietnamese documents write dates. */
export function formatDateVi(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
