import { describe, expect, it } from 'vitest';
import { taskId } from '../support/api';
import { screenshot, useBoardSession } from './browser';

/**
 * In Chromium: the unit head's bell counts up, live, when the coordinator returns their result in
 * another session; the list links to the card and reading it brings the count back down.
 */
const session = useBoardSession({ TIENDO_NOW: '2026-11-20T09:00:00+07:00' });

describe('the notification bell', () => {
  it('counts up when the coordinator returns a result in another session, and the list opens the card', async (ctx) => {
    const head = await session.openBoard(ctx, 'truongphong.pbgdpl');
    const coordinator = await session.openBoard(ctx, 'vanphong');
    ctx.onTestFailed(() => screenshot(coordinator, 'bell-coordinator'));
    const bell = head.locator('[data-testid="bell"][data-unread]');
    await bell.waitFor();
    const before = Number(await bell.getAttribute('data-unread'));

    // The coordinator returns the unit's submitted result (task 1.2), from their own session.
    const status = await coordinator.evaluate(async (id) => {
      const res = await fetch(`/api/tasks/${id}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'tiendo' },
        body: JSON.stringify({ type: 'RETURN', reason: 'Thiếu danh sách đính kèm' }),
      });
      return res.status;
    }, taskId('1.2'));
    expect(status).toBe(200);

    // No reload: the stream brings the notification and the count goes up by one.
    await head.locator(`[data-testid="bell"][data-unread="${before + 1}"]`).waitFor();
    expect(await head.getByTestId('bell-count').textContent()).toBe(String(before + 1));

    await head.getByTestId('bell').click();
    const item = head.locator('[data-testid="notification"][data-kind="returned"]');
    await item.waitFor();
    expect(await item.textContent()).toMatch(/Kết quả nhiệm vụ 1\.2 «.+» bị trả lại: Thiếu danh sách đính kèm/);
    await item.getByRole('link').click();
    await head.waitForURL((url) => url.search === `?task=${taskId('1.2')}`);
    await head.getByTestId('board').waitFor();
    await head.locator(`[data-testid="bell"][data-unread="${before}"]`).waitFor();
  });
});
