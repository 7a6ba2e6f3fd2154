import { describe, expect, it } from 'vitest';
import { login, screenshot, useBoardSession } from '../browser';

/**
 * The board's progress header on a fresh start, as a new user sees it at 1366×768: the plan's own
 * 28 tasks in the figure, the seeded inspection's remediation task KT1.1 apart, and each area bar
 * named in words, not only a number.
 */
const session = useBoardSession({ TIENDO_NOW: '2026-11-23T10:00:00+07:00' });

describe('progress header', () => {
  it('reads 18/28 · 64,29% with the remediation apart, and names its seven area bars at 1366×768', async (ctx) => {
    const context = await session.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    ctx.onTestFailed(() => screenshot(page, 'progress-header'));
    await login(page, session.server.url, 'giamdoc');

    const header = page.getByTestId('progress');
    await expect.poll(() => page.getByTestId('progress-completion').textContent()).toBe('18/28 nhiệm vụ · 64,29%');
    // KT1.1 (deadline 15/10, started) is counted apart: not done, overdue on 23/11.
    expect(await page.getByTestId('progress-extra').textContent()).toBe('Khắc phục sau kiểm tra: 0/1 · 1 quá hạn');
    // The remediation card is still on the board.
    await page.getByTestId('card-KT1.1').waitFor();

    const names = await header.locator('[data-testid^="area-name-"]').allTextContents();
    expect(names).toEqual([
      '1 Chỉ đạo, điều hành',
      '2 Thể chế',
      '3 Thủ tục hành chính',
      '4 Tổ chức bộ máy',
      '5 Chế độ công vụ',
      '6 Tài chính công',
      '7 Chính quyền số',
    ]);
    // Each name is shown whole (not cut by the ellipsis) and the header stays compact: the board
    // keeps most of a 768-pixel-high screen.
    const cut = await header.locator('.area-name').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
    expect(cut).toEqual([]);
    const box = await header.boundingBox();
    expect(box!.height).toBeLessThanOrEqual(150);
    // Area 3 holds KT1.1 on the board but its bar is the plan's own: 2 of 5 done.
    expect(await page.getByTestId('area-progress-3').locator('.area-percent').textContent()).toBe('40,00%');
    await screenshot(page, 'progress-header-1366x768');
  });
});
