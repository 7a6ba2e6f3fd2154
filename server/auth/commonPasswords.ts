import { readFileSync } from 'node:fs';

/**
 * The most common passwords of public breach corpora (10 characters or more, since shorter ones
 * fail the length rule anyway) plus local favourites; one per line, lower case, in
 * common-passwords.txt next to this file.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean),
);
