import { expect } from 'vitest';

type Decision<N> =
  | { ok: true; next: N }
  | { ok: false; code: 'forbidden' }
  | { ok: false; code: 'bad_request'; field: string }
  | { ok: false; code: 'transition_not_allowed'; allowed: readonly string[]; blockedBy?: string };

/** What a test's own table (written independently of the machine) says a decision must be. */
export interface Oracle {
  /** The actor may ever send this event to this object. */
  mayEver: boolean;
  /** The state the event leads to now, if it is accepted. */
  to: string | undefined;
  /** What the actor may send now, when refused for the state. */
  allowed: readonly string[];
  version: number;
  blockedBy?: string;
}

/** Checks one grid cell; returns the accepted snapshot for the caller's context checks. */
export function expectOracle<N extends { v: number; value: string }>(decision: Decision<N>, oracle: Oracle): N | undefined {
  if (!oracle.mayEver) {
    expect(decision).toEqual({ ok: false, code: 'forbidden' });
  } else if (oracle.to === undefined || oracle.blockedBy) {
    const blocked = oracle.blockedBy ? { blockedBy: oracle.blockedBy } : {};
    expect(decision).toEqual({ ok: false, code: 'transition_not_allowed', allowed: oracle.allowed, ...blocked });
  } else {
    expect(decision.ok).toBe(true);
    if (decision.ok) {
      expect(decision.next.v).toBe(oracle.version);
      expect(decision.next.value).toBe(oracle.to);
      return decision.next;
    }
  }
  return undefined;
}
