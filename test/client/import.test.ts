import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { goodRows, TEMPLATE_HEADER, workbookBytes } from '../support/xlsx';
import { useBoardSession } from './browser';

/** Import in the browser: a bad row is refused with its row, column and fix; fixed, it imports. */
const session = useBoardSession({ TIENDO_NOW: '2026-11-23T10:00:00+07:00' });

async function file(rows: Array<Array<string | Date>>): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'tiendo-import-')), 'ke-hoach-2027.xlsx');
  writeFileSync(path, await workbookBytes([TEMPLATE_HEADER, ...rows]));
  return path;
}

/** On the plan page: choose the file, the year, and send. */
async function submit(page: Page, rows: Array<Array<string | Date>>, year: string) {
  await page.getByTestId('import-file').setInputFiles(await file(rows));
  await page.getByTestId('import-year').fill(year);
  await page.getByTestId('import-submit').click();
}

describe('import', () => {
  it('refuses a bad row with the right message, then accepts the fixed file as a draft', async (ctx) => {
    const page = await session.openBoard(ctx, 'vanphong');
    await page.getByTestId('nav-plans').click();
    const rows = goodRows(4);
    rows[2][6] = '32/13/2027';
    await submit(page, rows, '2027');
    const errors = page.getByTestId('import-error-rows').locator('tbody tr');
    await errors.first().waitFor();
    expect(await errors.count()).toBe(1);
    expect(await errors.first().locator('td').allTextContents()).toEqual([
      '4', 'Thời hạn', '«32/13/2027» không phải ngày hợp lệ; nhập dạng dd/MM/yyyy (ví dụ 30/06/2026) hoặc định dạng ô là ngày.',
    ]);

    rows[2][6] = '30/11/2027';
    await page.getByTestId('import-file').setInputFiles(await file(rows));
    await page.getByTestId('import-submit').click();
    await page.waitForURL(/\/plans\/stp-2027$/);
    await expect.poll(() => page.getByTestId('plan-status').textContent()).toContain('Dự thảo');
    expect(await page.getByTestId('issue').count()).toBe(0); // the coordinator drafts; a leader issues
  });

  it('lists unknown units and offers to create them', async (ctx) => {
    const page = await session.openBoard(ctx, 'giamdoc');
    await page.getByTestId('nav-plans').click();
    const rows = goodRows(2);
    rows[1][3] = 'Trung tâm Mới';
    await submit(page, rows, '2028');
    await expect.poll(() => page.getByTestId('import-unknown').textContent()).toContain('Đơn vị chưa có: Trung tâm Mới');
    await page.getByTestId('import-create-unknown').check();
    await page.getByTestId('import-submit').click();
    await page.waitForURL(/\/plans\/stp-2028$/);
    await page.getByTestId('issue').waitFor();
  });
});
