import { sha256 } from './sha256';

/**
 * The audit history is tamper-evident: every entry carries sha256(previous hash + its own body), over
 * the global order, so changing, removing or reordering any stored entry breaks every hash after it.
 * Entries written before the chain existed are chained on read from their text as stored.
 */
export const GENESIS = '';

export function chainHash(previous: string, body: string): string {
  return sha256(previous + body, 'hex');
}

/** An entry's text as a store keeps it: the canonical body and, since the store port, its hash. */
export interface RawEntry {
  seq: number;
  body: string;
  hash?: string;
}

export type ChainReport =
  | { ok: true; entries: number; lastSeq: number; lastHash: string; unchained: number }
  | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks raw entries in global order and says where, if anywhere, the chain breaks. */
export async function verifyChain(entries: AsyncIterable<RawEntry> | Iterable<RawEntry>): Promise<ChainReport> {
  let previous = GENESIS;
  let count = 0;
  let lastSeq = 0;
  let unchained = 0;
  for await (const e of entries) {
    count++;
    if (e.seq !== lastSeq + 1) return { ok: false, entries: count, brokenAt: e.seq, reason: `position ${e.seq} follows ${lastSeq}: an entry is missing or out of order` };
    const expected = chainHash(previous, e.body);
    if (e.hash === undefined) unchained++;
    else if (e.hash !== expected) return { ok: false, entries: count, brokenAt: e.seq, reason: `hash of entry ${e.seq} does not match its body and the entry before it` };
    previous = expected;
    lastSeq = e.seq;
  }
  return { ok: true, entries: count, lastSeq, lastHash: previous, unchained };
}
