import { en } from './en';
import { vi, type Dict } from './vi';

export type Locale = 'vi' | 'en';

const STORAGE_KEY = 'tiendo.locale';

function stored(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/**
 * The words in use. A live module binding rather than a React context: the stream handlers, the
 * drag announcements and the HTTP layer need words too, and a language switch remounts the app
 * (App is keyed by locale), so nothing holds on to the old dictionary.
 */
export let locale: Locale = stored();
export let t: Dict = locale === 'en' ? en : vi;

if (typeof document !== 'undefined') document.documentElement.lang = locale;

export function setLocale(next: Locale): void {
  locale = next;
  t = next === 'en' ? en : vi;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts until reload.
  }
}
