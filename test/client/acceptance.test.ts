import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiClient, taskId } from '../support/api';
import { startServer, type RunningServer } from '../support/server';
import { buildClient, card, column, dragCard, launchChromium, login, screenshot } from './browser';

/**
 * The "done when", as two people would live it on a fresh store: the head of HCTP drags a
 * task across while the leader's board is open; the leader sees it arrive without reloading,
 * approves it by dragging, and both headers show the new percentage.
 */
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    buildClient().then(() => startServer({ env: { TIENDO_NOW: '2026-11-23T10:00:00+07:00' } })),
    launchChromium(),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => {})));
  await browser?.close();
  await server?.stop();
});

async function openBoard(ctx: TestContext, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
  contexts.push(context);
  const page = await context.newPage();
  ctx.onTestFailed(() => screenshot(page, `acceptance-${username}`));
  await login(page, server.url, username);
  return page;
}

const completion = (page: Page) => page.getByTestId('progress-completion').textContent();
const count = (page: Page, state: 'inReview' | 'done') => column(page, state).getByTestId('column-count').textContent();

describe('a unit head moves a task and the leader watches it live', () => {
  it('submit by HCTP shows on the open leader board; the leader approves; both headers read 19/28 · 67,86%', async (ctx) => {
    const leader = await openBoard(ctx, 'giamdoc');
    const head = await openBoard(ctx, 'truongphong.hctp');
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

    const api = await ApiClient.login(server.url, 'giamdoc');
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
