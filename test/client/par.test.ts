import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiClient } from '../support/api';
import { workbookBytes } from '../support/xlsx';
import { card, column, useBoardSession } from './browser';

/**
 * The PAR Index's year in Chromium, each person in their own browser: the coordinator imports the
 * index from the template (a bad file lists its rows) and starts scoring; a unit head scores a leaf on
 * /par/:id, the coordinator sees the totals change, the leader submits once every leaf is scored,
 * the coordinator records the appraisal and turns a low criterion into a task that shows on the
 * unit's board; the print page carries the title and totals; leadership sees the index per area
 * and the dossier rates; the coordinator types a period's dossier counts, the server checking them.
 */
const session = useBoardSession({ TIENDO_NOW: '2026-11-20T10:00:00+07:00' });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Đơn vị chấm', 'Cách tính', 'Thang điểm'];
const ROWS = [
  ['1', 'Công tác chỉ đạo, điều hành CCHC', '3', '', '', ''],
  ['1.1', 'Ban hành kế hoạch CCHC năm', '1', 'VP', 'Tự chấm', ''],
  ['1.2', 'Mức độ hoàn thành kế hoạch CCHC', '2', 'VP', 'Hoàn thành kế hoạch', '100%: 2; 80%: 1'],
  ['2', 'Cải cách thủ tục hành chính', '1,5', '', '', ''],
  ['2.1', 'Rà soát, đơn giản hóa TTHC', '1,5', 'Phòng Hành chính tư pháp', '', ''],
];

async function openAt(ctx: Parameters<typeof session.openBoard>[0], username: string, path: string): Promise<Page> {
  const page = await session.openBoard(ctx, username);
  await page.goto(`${session.server.url}${path}`);
  return page;
}

const text = async (page: Page, testid: string) => ((await page.getByTestId(testid).textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('the PAR Index in the browser', () => {
  it('import → score → totals → submit → appraisal → a task on the board → print, and leadership\'s overview', async (ctx) => {
    // The coordinator imports the index from the template on /par; a bad file first lists its rows.
    const coordinator = await openAt(ctx, 'vanphong', '/par');
    const file = (bytes: Uint8Array) => ({ name: 'chi-so-2026.xlsx', mimeType: XLSX, buffer: Buffer.from(bytes) });
    await coordinator.getByTestId('par-import-file').setInputFiles(file(await workbookBytes([HEADER, ...ROWS.slice(0, 2), ['1.2', 'Hoàn thành', '2', 'VP', 'Tính nhẩm', '']])));
    await coordinator.getByTestId('par-import-submit').click();
    await coordinator.getByTestId('par-import-rows').waitFor();
    expect(await text(coordinator, 'par-import-rows')).toContain('4Cách tính«Tính nhẩm» không phải cách tính');
    await coordinator.getByTestId('par-import-file').setInputFiles(file(await workbookBytes([HEADER, ...ROWS])));
    await coordinator.getByTestId('par-import-submit').click();
    await coordinator.getByTestId('par-event-START_SCORING').click();
    await expect.poll(() => text(coordinator, 'par-status')).toBe('Đang tự chấm');
    const id = decodeURIComponent(new URL(coordinator.url()).pathname.split('/').at(-1)!);
    const vpApi = await ApiClient.login(session.server.url, 'truongphong.vp');
    expect((await vpApi.json('PUT', `/api/par/${id}/criteria/1.1/score`, { score: 1, explanation: 'Kế hoạch 15/KH-STP' })).status).toBe(200);

    // The coordinator's page: 1 of 4,5 points (1.2 follows the plan, far below 80 % on 20/11).
    await coordinator.reload();
    await coordinator.getByTestId('par-totals').waitFor();
    expect(await text(coordinator, 'par-totals')).toBe('Tự chấm: 1/4,5 điểm · chỉ số 22,22%');
    expect(await text(coordinator, 'par-self-1.2')).toBe('0');

    // The unit head scores their leaf; the leaf they do not score offers them nothing.
    const unit = await openAt(ctx, 'truongphong.hctp', `/par/${id}`);
    const form = unit.getByTestId('par-forms-2.1');
    await form.waitFor();
    expect(await unit.getByTestId('par-forms-1.1').count()).toBe(0);
    await form.locator('input[name="score"]').fill('1,25');
    await form.locator('textarea[name="explanation"]').fill('Đã rà soát 12/14 thủ tục');
    await unit.getByTestId('par-score-2.1').click();
    await unit.getByTestId('par-notice').waitFor();
    await expect.poll(() => text(unit, 'par-self-2.1')).toBe('1,25');

    await coordinator.reload();
    await coordinator.getByTestId('par-totals').waitFor();
    expect(await text(coordinator, 'par-totals')).toBe('Tự chấm: 2,25/4,5 điểm · chỉ số 50,00%');

    // The leader submits: every leaf has a score now.
    const leader = await openAt(ctx, 'giamdoc', `/par/${id}`);
    await leader.getByTestId('par-event-SUBMIT').click();
    await expect.poll(() => text(leader, 'par-status')).toBe('Đã gửi thẩm định');

    // The coordinator records the appraisal council's scores, then closes the appraisal.
    await coordinator.reload();
    for (const [code, score] of [['1.1', '1'], ['1.2', '0'], ['2.1', '1']]) {
      const leaf = coordinator.getByTestId(`par-forms-${code}`);
      await leaf.locator('input[name="score"]').fill(score);
      await coordinator.getByTestId(`par-appraise-${code}`).click();
      await expect.poll(() => text(coordinator, `par-appraised-${code}`)).toBe(score);
    }
    await expect.poll(() => text(coordinator, 'par-appraised')).toBe('Thẩm định: 2 điểm · chỉ số 44,44%');
    await coordinator.getByTestId('par-event-RECORD_APPRAISAL_DONE').click();
    await expect.poll(() => text(coordinator, 'par-status')).toBe('Đã thẩm định');
    expect(await text(coordinator, 'par-row-2.1')).toContain('-0,25');

    // 2.1 fell short: it becomes a task on the unit's board, labelled with its criterion.
    const task = coordinator.getByTestId('par-forms-2.1');
    await task.locator('select[name="owner"]').selectOption('HCTP');
    // The deadline is typed as the agency writes it (client/ui/DateInput.tsx), whatever the browser's language.
    await task.locator('.date-input input[type="text"]').fill('20/12/2026');
    await coordinator.getByTestId('par-task-2.1').click();
    await expect.poll(() => text(coordinator, 'par-notice')).toBe('Đã giao nhiệm vụ trên bảng (2.1).');
    const code = `CS${id.split('-par').at(-1)}.1`;
    const board = await session.openBoard(ctx, 'truongphong.hctp');
    await column(board, 'notStarted').locator(`[data-testid="card-${code}"]`).waitFor({ timeout: 5000 });
    expect(await card(board, code).getByTestId('card-source').textContent()).toMatch(/tiêu chí 2\.1/);

    // The print page: the official title and the totals, self vs appraised.
    await coordinator.goto(`${session.server.url}/print/par/${id}`);
    const doc = coordinator.getByTestId('official-document');
    await coordinator.getByTestId('print-par-totals').waitFor();
    expect((await doc.innerText()).replace(/\s+/g, ' ')).toContain('BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2026');
    expect(await text(coordinator, 'print-par-totals')).toBe('Tổng điểm tự đánh giá: 2,25/4,5 điểm, chỉ số 50,00%; điểm thẩm định: 2/4,5 điểm, chỉ số 44,44%.');
    expect(await text(coordinator, 'print-par-total')).toBe('Tổng cộng4,52,252-0,25');
    expect(await text(coordinator, 'print-par-2')).toBe('2Cải cách thủ tục hành chính1,51,251-0,25');

    // Leadership's dashboard: this index per area and the seeded dossier rates per period.
    await leader.goto(`${session.server.url}/dashboard`);
    await leader.getByTestId('par-overview-areas').waitFor();
    expect(await text(leader, 'par-overview-area-2')).toBe('2. Cải cách thủ tục hành chính1,51,25 (83,33%)1 (66,67%)');
    expect(await text(leader, 'par-overview-area-total')).toBe('Tổng cộng4,52,25 (50,00%)2 (44,44%)');
    await leader.getByTestId('dossier-rates-Q1').waitFor();
    expect(await leader.getByTestId('dossier-rates').locator('tbody tr').count()).toBe(3);
  }, 120_000);

  it('the coordinator types a period\'s dossier counts; counts that do not add up are refused, naming the sum', async (ctx) => {
    const page = await openAt(ctx, 'vanphong', '/par');
    const form = page.getByTestId('dossier-form');
    await form.waitFor();
    await page.getByTestId('dossier-period').selectOption('M12');
    await page.getByTestId('dossier-receivedOnline').fill('10');
    await page.getByTestId('dossier-resolvedOnTime').fill('9');
    await page.getByTestId('dossier-submit').click();
    await expect.poll(() => text(page, 'dossier-error')).toBe('Tổng tiếp nhận (10) phải bằng đã giải quyết (9) + đang giải quyết (0) + đã hủy (0)');
    await page.getByTestId('dossier-pendingWithinTime').fill('1');
    await page.getByTestId('dossier-submit').click();
    await expect.poll(() => text(page, 'dossier-notice')).toBe('Đã lưu số liệu Tháng 12.');
    // The overview below shows the new period, its rate from the raw counts: 9 of 9 on time.
    await expect.poll(() => text(page, 'dossier-rates-M12')).toBe('Tháng 12109100,00%0,00%100,00%0,00%0,00%');
    // A unit head sees no form.
    const unit = await openAt(ctx, 'truongphong.hctp', '/par');
    await unit.getByTestId('par-overview').waitFor();
    expect(await unit.getByTestId('dossier-form').count()).toBe(0);
  }, 60_000);
});
