import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../support/api';
import { useApp } from '../../support/app';

/**
 * Each 200 describes the state and version that its own event produced, however many other events
 * on the same task are accepted around it (issue: answers once showed a later event's result).
 */
const app = useApp({ now: '2026-11-20T03:00:00Z' });

describe('the answer to a move', () => {
  it('is the task as that move left it, not as a later move did', async () => {
    const [hctp, vanphong] = await Promise.all(['truongphong.hctp', 'vanphong'].map((u) => ApiClient.login(app(), u)));
    const before = await (await hctp.request('GET', '/api/tasks/stp-2026-3.4')).json();
    expect(before.state).toBe('inProgress');
    // Sent together: the RETURN can only be accepted after the SUBMIT, and is, in the same burst.
    const [submit, ret] = await Promise.all([
      hctp.send('3.4', { type: 'SUBMIT', evidence: 'Báo cáo số 34/BC-HCTP' }),
      vanphong.send('3.4', { type: 'RETURN', reason: 'Bổ sung số liệu quý III' }),
    ]);
    expect([submit.status, ret.status]).toEqual([200, 200]);
    const submitted = submit.body.task;
    const returned = ret.body.task;
    expect(submitted).toMatchObject({ state: 'inReview', version: before.version + 1, evidence: 'Báo cáo số 34/BC-HCTP' });
    expect(returned).toMatchObject({ state: 'inProgress', version: before.version + 2 });
    // The unit head's answer offers what the unit head may do next in that state: nothing while in review.
    expect(submitted.allowedEvents).toEqual([]);
  });
});
