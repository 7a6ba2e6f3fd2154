import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readWorkbook, TEMPLATE_HEADER } from '../support/xlsx';
import { useBoardSession } from './browser';

/** The Excel export downloaded in Chromium, then opened and read back. */
const session = useBoardSession({ TIENDO_NOW: '2026-11-23T10:00:00+07:00' });

describe('Excel export', () => {
  it('downloads the plan workbook from the plan page; it reads back with every task', async (ctx) => {
    const page = await session.openBoard(ctx, 'vanphong');
    await page.getByTestId('nav-plans').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plan-export').click()]);
    expect(download.suggestedFilename()).toBe('ke-hoach-stp-2026.xlsx');
    const book = await readWorkbook(readFileSync((await download.path())!));
    const sheet = book.getWorksheet('Nhiệm vụ')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 8)).toEqual(TEMPLATE_HEADER);
    // A header and the plan's own 28 tasks; the seeded inspection's remediation task KT1.1 on its own sheet.
    expect(sheet.rowCount).toBe(29);
    expect(sheet.getRow(2).getCell(7).value).toBeInstanceOf(Date);
    expect(book.getWorksheet('Khắc phục sau kiểm tra')!.getRow(2).getCell(1).value).toBe('KT1.1');
    const plan = book.getWorksheet('Tổng hợp')!.getRow(2);
    expect([plan.getCell(2).value, plan.getCell(3).value, plan.getCell(11).value]).toEqual([28, 18, 0.6429]);
  });

  it('downloads a review workbook after creating the review in the browser', async (ctx) => {
    const page = await session.openBoard(ctx, 'vanphong');
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('review-period').selectOption('Q3');
    await page.getByTestId('create-review-submit').click();
    await page.getByTestId('review-page').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/reviews\/stp-2026-Q3-2026-\d+$/);
    await page.getByTestId('directive-text').fill('Chấn chỉnh việc chậm số hóa hồ sơ');
    await page.getByTestId('directive-unit').selectOption('HCTP');
    await page.getByTestId('directive-submit').click();
    await expect.poll(() => page.getByTestId('directives').textContent()).toContain('Chấn chỉnh việc chậm số hóa hồ sơ');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('review-export').click()]);
    const book = await readWorkbook(readFileSync((await download.path())!));
    expect(book.getWorksheet('Chỉ đạo')!.getRow(2).getCell(1).value).toBe('Chấn chỉnh việc chậm số hóa hồ sơ');
    const completion = await page.getByTestId('review-completion').textContent();
    const done = Number(/^(\d+)\//.exec(completion!)![1]);
    expect(book.getWorksheet('Tổng hợp')!.getRow(2).getCell(3).value).toBe(done);
  });
});
