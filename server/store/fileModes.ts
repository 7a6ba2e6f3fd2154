import { chmodSync, existsSync, mkdirSync } from 'node:fs';

/**
 * The store holds password and session hashes: its folder is owner-only (700) and so are its files
 * (600). Applied on every start, so a store made by an older version is tightened too.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

export function ensurePrivateFile(path: string): void {
  if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
}
