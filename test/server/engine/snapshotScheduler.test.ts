import { describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_DELAY_MS, nextSnapshotDelay } from '../../../server/engine/snapshotScheduler';

describe('nextSnapshotDelay: snapshots back off while writing them is slow', () => {
  // [base delay, last write took, next delay]
  const grid: Array<[number, number, number]> = [
    [1000, 0, 1000], // nothing written yet: the configured delay
    [1000, 5, 1000], // a quick write: the configured delay
    [1000, 10, 1000], // 100 × 10 = 1000: still the configured delay
    [1000, 60, 6000], // a slow write (under load): 100 × its duration
    [1000, 400, 40_000],
    [1000, 5000, MAX_SNAPSHOT_DELAY_MS], // never longer than the cap
    [3_600_000, 5000, 3_600_000], // a longer configured delay is kept (tests that need no snapshot)
    [0, 0, 0],
  ];
  it.each(grid)('base %i ms, last write %i ms → %i ms', (base, took, next) => {
    expect(nextSnapshotDelay(base, took)).toBe(next);
  });
});
