import { describe, expect, it } from 'vitest';
import { ApiClient, taskId } from '../support/api';
import { useBoardSession } from './browser';

/** The dashboard follows a move live (the stream), shows the past from history, and has its URL. */
const session = useBoardSession({ TIENDO_NOW: '2026-11-23T10:00:00+07:00' });

describe('dashboard', () => {
  it('follows a move live, by unit and overall, with numbers beside the bars', async (ctx) => {
    const page = await session.openBoard(ctx, 'giamdoc');
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard').waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    const completion = () => page.getByTestId('dashboard-completion').textContent();
    expect(await completion()).toContain('18/28 nhiệm vụ · 64,29%');
    // The seeded inspection's remediation task is shown apart, never in the plan's figures or list.
    expect(await page.getByTestId('dashboard-extra').textContent()).toBe(
      'Khắc phục sau kiểm tra: 0/1 nhiệm vụ, 1 quá hạn (không tính vào tỷ lệ thực hiện kế hoạch)',
    );
    expect(await page.getByTestId('remediation-list-KT1.1').count()).toBe(1);
    expect(await page.getByTestId('overdue-KT1.1').count()).toBe(0);
    expect(await page.getByTestId('by-unit-HCTP-extra').textContent()).toBe(' · Khắc phục sau kiểm tra: 0/1');
    const hctpRow = page.getByTestId('by-unit-HCTP');
    const before = await hctpRow.textContent();
    expect(await page.getByTestId('overdue-list').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('emulation-status').textContent()).toBe('Tạm tính (kế hoạch chưa khóa sổ)');

    const hctp = await ApiClient.login(session.server.url, 'truongphong.hctp');
    const leader = await ApiClient.login(session.server.url, 'giamdoc');
    expect((await hctp.send('3.4', { type: 'SUBMIT', evidence: 'Báo cáo số 45/BC-HCTP' })).status).toBe(200);
    expect((await leader.send('3.4', { type: 'APPROVE' })).status).toBe(200);

    await expect.poll(completion, { timeout: 3000 }).toContain('19/28 nhiệm vụ · 67,86%');
    await expect.poll(() => hctpRow.textContent(), { timeout: 3000 }).not.toBe(before);
    const history = await leader.json<any[]>('GET', `/api/tasks/${taskId('3.4')}/history`);
    expect(history.body.at(-1).type).toBe('APPROVE');
  });

  it('shows a past date from history, and the back button returns to the board', async (ctx) => {
    const page = await session.openBoard(ctx, 'vanphong');
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('dashboard-asof').fill('2026-03-14');
    const api = await ApiClient.login(session.server.url, 'vanphong');
    const then = (await api.json<any>('GET', '/api/plans/stp-2026/progress?asOf=2026-03-14')).body;
    await expect.poll(() => page.getByTestId('dashboard-completion').textContent()).toContain(`${then.done}/28 nhiệm vụ`);
    const weeks = page.getByTestId('trend-table').locator('tbody tr');
    expect(await weeks.last().textContent()).toContain('09/03/2026–15/03/2026');
    await page.goBack();
    await page.getByTestId('board').waitFor();
  });
});
