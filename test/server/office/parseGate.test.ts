import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/errors';
import { ParseGate } from '../../../server/office/parseGate';

/** The per-instance gate: `active` run, `waiting` queue in order, the next one is a 429. */
describe('ParseGate', () => {
  it('runs `active` at once, queues `waiting` in order, refuses the next with Retry-After', async () => {
    const gate = new ParseGate(1, 2, 3);
    const first = await gate.enter();
    const order: string[] = [];
    const second = gate.enter().then((release) => (order.push('second'), release));
    const third = gate.enter().then((release) => (order.push('third'), release));
    expect([gate.busy, gate.queued]).toEqual([1, 2]);

    const refused = await gate.enter().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 3 });

    first();
    first(); // a second release of the same slot changes nothing
    const releaseSecond = await second;
    expect(order).toEqual(['second']);
    expect([gate.busy, gate.queued]).toEqual([1, 1]);
    releaseSecond();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    expect([gate.busy, gate.queued]).toEqual([0, 0]);
  });
});
