import type { Worksheet } from 'exceljs';
import { roundPercent, type PercentRule } from '../../machines/percent';

/** What every table of every workbook shares: bold frozen header, widths that fit, real cells. */
export interface Column<R> {
  header: string;
  value(row: R): string | number | Date | null | undefined;
  /** Excel number format, e.g. dd/mm/yyyy or 0.00%. */
  numFmt?: string;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** A calendar date as an Excel date cell (UTC midnight, so no zone shifts the day). */
export function dateCell(isoDate: string | undefined): Date | null {
  return isoDate ? new Date(`${isoDate.slice(0, 10)}T00:00:00Z`) : null;
}

export const DATE_FORMAT = 'dd/mm/yyyy';

/** The percent as Excel shows it: the plan's rule applied to the value, and as many decimals. */
export function percentCell(done: number, denominator: number, rule: PercentRule): { value: number; numFmt: string } {
  return {
    value: roundPercent(done, denominator, rule) / 100,
    numFmt: rule.decimals > 0 ? `0.${'0'.repeat(rule.decimals)}%` : '0%',
  };
}

export function writeTable<R>(sheet: Worksheet, columns: Column<R>[], rows: readonly R[], startRow = 1): void {
  const header = sheet.getRow(startRow);
  columns.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.header;
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  rows.forEach((row, r) => {
    const line = sheet.getRow(startRow + 1 + r);
    columns.forEach((col, i) => {
      const cell = line.getCell(i + 1);
      const v = col.value(row);
      cell.value = v ?? null;
      if (col.numFmt) cell.numFmt = col.numFmt;
      cell.alignment = { vertical: 'top', wrapText: typeof v === 'string' && v.length > MAX_WIDTH };
    });
  });
  if (startRow === 1) sheet.views = [{ state: 'frozen', ySplit: 1 }];
  columns.forEach((col, i) => {
    const widest = Math.max(
      col.header.length,
      ...rows.map((row) => {
        const v = col.value(row);
        return v instanceof Date ? 10 : v === null || v === undefined ? 0 : String(v).length;
      }),
    );
    const current = sheet.getColumn(i + 1).width ?? 0;
    sheet.getColumn(i + 1).width = Math.max(current, Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2)));
  });
}
