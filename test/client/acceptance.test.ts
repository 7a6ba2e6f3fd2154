import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient, taskId } from '../support/api';
import { card, column, dragCard, useBoardSession } from './browser';

/**
 * The "done when", as two people would live it on a fresh store: the head of HCTP drags a
 * task across while the leader's board is open; the leader sees it arrive without reloading,
 * approves it by dragging, and both headers show the new percentage.
 */
const session = useBoardSession({ TIENDO_NOW: '2026-11-23T10:00:00+07:00' });

const completion = (page: Page) => page.getByTestId('progress-completion').textContent();
const count = (page: Page, state: 'inReview' | 'done') => column(page, state).getByTestId('column-count').textContent();

describe('a unit head moves a task and the leader watches it live', () => {
  it('submit by HCTP shows on the open leader board; the leader approves; both headers read 19/28 · 67,86%', async (ctx) => {
    const leader = await session.openBoard(ctx, 'giamdoc');
    const head = await session.openBoard(ctx, 'truongphong.hctp');
    expect(await completion(leader)).toBe('18/28 nhiệm vụ · 64,29%');
    expect(await count(leader, 'inReview')).toBe('3');

    await dragCard(head, '3.4', 'inReview');
    await head.getByTestId('move-input').fill('Báo cáo số 45/BC-HCTP về số hóa hồ sơ');
    await head.getByTestId('move-confirm').click();

    // The leader's board follows the stream: no reload.
    await column(leader, 'inReview').locator('[data-testid="card-3.4"]').waitFor({ timeout: 2000 });
    await expect.poll(() => count(leader, 'inReview'), { timeout: 2000 }).toBe('4');
    expect(await completion(leader)).toBe('18/28 nhiệm vụ · 64,29%');

    await dragCard(leader, '3.4', 'done');
    await expect.poll(() => completion(leader), { timeout: 2000 }).toBe('19/28 nhiệm vụ · 67,86%');
    await expect.poll(() => completion(head), { timeout: 2000 }).toBe('19/28 nhiệm vụ · 67,86%');
    await column(head, 'done').locator('[data-testid="card-3.4"]').waitFor({ timeout: 2000 });
    expect(await card(head, '3.4').getByTestId('badge-ontime').count()).toBe(1);

    const api = await ApiClient.login(session.server.url, 'giamdoc');
    const history = await api.json<Array<{ type: string; by: { username: string }; evidence?: string }>>(
      'GET',
      `/api/tasks/${taskId('3.4')}/history`,
    );
    expect(history.body.slice(-2)).toMatchObject([
      { type: 'SUBMIT', by: { username: 'truongphong.hctp' }, evidence: 'Báo cáo số 45/BC-HCTP về số hóa hồ sơ' },
      { type: 'APPROVE', by: { username: 'giamdoc' } },
    ]);
  });
});
