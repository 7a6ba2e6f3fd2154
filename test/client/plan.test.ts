import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api';
import { card, handle, useBoardSession } from './browser';

/** The leader amends a deadline with a reason on the plan page; the board's card shows it. */
const session = useBoardSession({ TIENDO_NOW: '2026-11-23T10:00:00+07:00' });

describe('plan page', () => {
  it('a leader changes a deadline with a reason; the card shows the new date and the reason is in its history', async (ctx) => {
    const page = await session.openBoard(ctx, 'giamdoc');
    expect(await card(page, '3.4').locator('.card-deadline').textContent()).not.toContain('20/12/2026');
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plan-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/plans/stp-2026');
    expect(await page.getByTestId('plan-status').textContent()).toContain('Đã ban hành');

    // Without a reason the browser refuses (required); with one the server accepts.
    await page.getByTestId('deadline-task').selectOption('stp-2026-3.4');
    await page.getByTestId('deadline-date').fill('2026-12-20');
    await page.getByTestId('deadline-reason').fill('Gia hạn theo Quyết định điều chỉnh số 120/QĐ-STP');
    await page.getByTestId('deadline-submit').click();
    await page.getByTestId('plan-notice').waitFor();

    // Back to the board with the browser's back button.
    await page.goBack();
    await page.getByTestId('board').waitFor();
    await expect.poll(() => card(page, '3.4').locator('.card-deadline').textContent()).toContain('20/12/2026');
    await handle(page, '3.4').click();
    const last = page.getByTestId('history').locator('tbody tr').last();
    await expect.poll(() => last.textContent()).toContain('Lý do: Gia hạn theo Quyết định điều chỉnh số 120/QĐ-STP');
  });

  it('the plan office renames a unit; the plan page lists it under its new name', async (ctx) => {
    const page = await session.openBoard(ctx, 'vanphong');
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('rename-unit-id').selectOption('TGPL');
    await page.getByTestId('rename-unit-name').fill('Trung tâm Trợ giúp pháp lý nhà nước tỉnh');
    await page.getByTestId('rename-unit-submit').click();
    await expect.poll(() => page.getByTestId('rename-unit-id').locator('option[value="TGPL"]').textContent())
      .toBe('TGPL · Trung tâm Trợ giúp pháp lý nhà nước tỉnh');
  });

  it('a unit head has no plan link, and the plan page offers them no action', async (ctx) => {
    const page = await session.openBoard(ctx, 'truongphong.hctp');
    expect(await page.getByTestId('nav-plans').count()).toBe(0);
    await page.goto(`${session.server.url}/plans/stp-2026`);
    await page.getByTestId('plan-page').waitFor();
    expect(await page.getByTestId('deadline').count()).toBe(0);
    expect(await page.getByTestId('close-year').count()).toBe(0);
  });

  it('a leader cancels a task with a reason, sets the emulation rule, closes the year and sees final verdicts', async (ctx) => {
    const page = await session.openBoard(ctx, 'giamdoc');
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('cancel-task').selectOption('stp-2026-6.4');
    await page.getByTestId('cancel-reason').fill('Điều chỉnh theo Quyết định số 130/QĐ-STP');
    await page.getByTestId('cancel-submit').click();
    await page.getByTestId('plan-notice').waitFor();
    await expect.poll(async () => (await page.getByTestId('cancel-task').locator('option').allTextContents()).join()).not.toContain('6.4 ·');

    await page.getByTestId('settings-late').selectOption('notEligible');
    await page.getByTestId('settings-submit').click();
    const api = await ApiClient.login(session.server.url, 'giamdoc');
    await expect.poll(async () => (await api.plan()).settings.emulationRule?.late).toBe('notEligible');
    // The page reloads after the change; CLOSE carries the version it shows.
    const version = (await api.plan()).version;
    await expect.poll(() => page.getByTestId('plan-page').getAttribute('data-version')).toBe(String(version));
    await page.getByTestId('close-year').click();
    await page.getByTestId('close-confirm').click();
    await expect.poll(() => page.getByTestId('plan-status').textContent()).toContain('Đã khóa sổ');

    await page.getByTestId('nav-dashboard').click();
    await expect.poll(() => page.getByTestId('emulation-status').textContent()).toBe('Chính thức (đã khóa sổ)');
    // Under the strict rule a unit with a late completion is not eligible either.
    const verdicts = await page.getByTestId('emulation').locator('tbody tr td:nth-child(2)').allTextContents();
    expect(verdicts.every((v) => v === 'Không xét thi đua' || v === 'Đủ điều kiện xét thi đua')).toBe(true);
  });
});
