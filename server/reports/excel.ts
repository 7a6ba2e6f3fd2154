import type * as ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

/**
 * exceljs, loaded on the first spreadsheet rather than at start-up: with the zip and stream
 * libraries under it, importing it was a fifth of the server's start.
 */
export function loadExcel(): Promise<typeof ExcelJS> {
  return (loading ??= import('exceljs').then((m) => ((m as { default?: typeof ExcelJS }).default ?? m) as typeof ExcelJS));
}
