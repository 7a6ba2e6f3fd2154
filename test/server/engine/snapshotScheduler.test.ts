import { describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_DELAY_MS, nextSnapshotDelay } from '../../../server/engine/snapshotScheduler';

describe('nextSnapshotDelay: snapshots back off while writing them is slow', () => {
  // [base delay, last write took, next delay]
  const grid: Array<[number, number, number]> = [
    [1000, 0, 1000], // nothing written yet: the configured delay
    [1000, 5, 1000], // a quick write: the configured delay
    [1000, 40, 1000], // 25 × 40 = 1000: still the configured delay
    [1000, 60, 1500], // a slow write (under load): 25 × its duration
    [1000, 400, 10_000],
    [1000, 5000, MAX_SNAPSHOT_DELAY_MS], // never longer than the cap
    [60_000, 5000, 60_000], // a longer configured delay is kept (tests that need no snapshot)
    [0, 0, 0],
  ];
  it.each(grid)('base %i ms, last write %i ms → %i ms', (base, took, next) => {
    expect(nextSnapshotDelay(base, took)).toBe(next);
  });
});
