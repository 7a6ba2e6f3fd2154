import { describe, expect, it } from 'vitest';
import { AsOfCache } from '../../../server/engine/asOfCache';
import type { PlanRecord } from '../../../server/engine/records';

/** As-of plans of past days are rebuilt once; today's always; a backdated entry drops what it changes. */
const TODAY = '2026-11-20';
const record = (label: string) => ({ id: label }) as unknown as PlanRecord;

function counting(cache: AsOfCache, planId: string) {
  let rebuilds = 0;
  const read = (date: string) =>
    cache.get(planId, date, TODAY, async () => {
      rebuilds++;
      return record(`${planId}@${date}#${rebuilds}`);
    });
  return { read, rebuilds: () => rebuilds };
}

describe('AsOfCache', () => {
  it('rebuilds a past day once, today every time', async () => {
    const cache = new AsOfCache();
    const p = counting(cache, 'p');
    expect(await p.read('2026-09-30')).toBe(await p.read('2026-09-30'));
    expect(p.rebuilds()).toBe(1);
    await p.read(TODAY);
    await p.read(TODAY);
    expect(p.rebuilds()).toBe(3);
  });

  it('an entry dated on or before a cached day drops that day (and later ones) of that plan only', async () => {
    const cache = new AsOfCache();
    const p = counting(cache, 'p');
    const q = counting(cache, 'q');
    await p.read('2026-06-30');
    await p.read('2026-09-30');
    await q.read('2026-06-30');
    cache.note('p', '2026-11-20T03:00:00Z', () => TODAY); // today: nothing cached changes
    cache.note('p', '2026-08-01T03:00:00Z', () => TODAY); // backdated: 09-30 of p no longer holds
    await p.read('2026-06-30');
    await p.read('2026-09-30');
    await q.read('2026-06-30');
    expect([p.rebuilds(), q.rebuilds()]).toEqual([3, 1]);
  });

  it('does not keep a rebuild that a backdated entry overtook', async () => {
    const cache = new AsOfCache();
    let release: () => void = () => {};
    const slow = cache.get('p', '2026-06-30', TODAY, () => new Promise((r) => (release = () => r(record('stale')))));
    cache.note('p', '2026-03-01T00:00:00Z', () => TODAY);
    release();
    expect(await slow).toEqual(record('stale'));
    expect(await cache.get('p', '2026-06-30', TODAY, async () => record('fresh'))).toEqual(record('fresh'));
  });

  it('forgets the least recently used day beyond its size', async () => {
    const cache = new AsOfCache(2);
    const p = counting(cache, 'p');
    await p.read('2026-01-31');
    await p.read('2026-02-28');
    await p.read('2026-01-31'); // most recent now
    await p.read('2026-03-31'); // evicts 02-28
    await p.read('2026-01-31');
    await p.read('2026-02-28');
    expect(p.rebuilds()).toBe(4);
  });
});
