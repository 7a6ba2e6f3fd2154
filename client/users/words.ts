import { locale } from '../i18n';
import { en, vi, type UsersDict } from '../i18n/users';

/** This screen's words in the current language (the app remounts on a language switch). */
export const words = (): UsersDict => (locale === 'en' ? en : vi);
