import { formatDateVi, localDate } from '../../machines/dates';

const AGENCY_OFFSET_MS = 7 * 60 * 60 * 1000;

/** dd/MM/yyyy HH:mm in agency time (UTC+7, as machines/dates.ts), whatever the browser's zone. */
export function formatDateTimeVi(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const time = new Date(ms + AGENCY_OFFSET_MS).toISOString().slice(11, 16);
  return `${formatDateVi(localDate(instant))} ${time}`;
}

/** Codes sort as numbers part by part (1.2 before 1.10); titles by Vietnamese rules. */
export const viCollator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Lower case without diacritics, so "cai cach" finds "cải cách" (đ is a letter, not a mark). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}
