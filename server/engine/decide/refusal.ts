import type { ErrorCode } from '../../../machines/api';
import type { NewLogEntry } from '../../store/entries';

/**
 * What a decider answers: the entries to append, or why not, in the API's vocabulary. Deciders are
 * pure (state, command, actor, clock in; a decision out), so the rules are tested directly and the
 * engine only commits what they return.
 */
export interface Refusal {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Decided = { ok: true; entries: NewLogEntry[] } | { ok: false; refusal: Refusal };

export const refuse = (code: ErrorCode, message: string, details?: unknown): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: { code, message, ...(details === undefined ? {} : { details }) },
});

export const by = (actor: { id: string; username: string }) => ({ id: actor.id, username: actor.username });

/** The named fields of a body that hold something, or undefined when none do. */
export function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> | undefined {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (source[k] !== undefined && source[k] !== '') out[k] = source[k];
  return Object.keys(out).length ? out : undefined;
}
