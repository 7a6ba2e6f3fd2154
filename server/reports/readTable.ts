import type * as ExcelJS from 'exceljs';
import { readSpreadsheet } from '../office/readOfficeFile';
import type { RawCell, RowError } from './importRows';

/**
 * The first sheet of an uploaded template as rows of named cells, for the imports other than the
 * plan's (PAR Index, dossier figures). The file goes through the shared safe reader first
 * (server/office/readOfficeFile.ts): past its limits it is a 400 (or a 429 while the instance is
 * parsing others) before exceljs sees it.
 */

export function cellText(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String(value.text);
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return undefined;
}

const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

export interface TableRow<H extends string> {
  row: number;
  cells: Record<H, string>;
}

export type TableOutcome<H extends string> = { ok: true; rows: TableRow<H>[] } | { ok: false; rows: RowError[] };

/**
 * Header row 1 in the template's words (any order; `optional` ones may be absent), data from row 2;
 * blank rows are skipped. Every cell is read as trimmed text (a date cell as its ISO day).
 */
export async function readTable<H extends string>(data: ArrayBuffer | Uint8Array, headers: readonly H[], optional: readonly H[] = []): Promise<TableOutcome<H>> {
  const book = await readSpreadsheet(data);
  const sheet = book.worksheets[0];
  if (!sheet) return { ok: false, rows: [{ row: 1, column: '', message: 'Tệp không có trang tính nào.' }] };
  const at = new Map<H, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const name = headers.find((h) => norm(h) === norm(String(cellText(cell.value) ?? '')));
    if (name && !at.has(name)) at.set(name, col);
  });
  const missing = headers.filter((h) => !at.has(h) && !optional.includes(h));
  if (missing.length) {
    return {
      ok: false,
      rows: missing.map((h) => ({ row: 1, column: h, message: `Thiếu cột «${h}» ở dòng tiêu đề. Dùng đúng mẫu: ${headers.join(' | ')}.` })),
    };
  }
  const rows: TableRow<H>[] = [];
  sheet.eachRow((line, rowNo) => {
    if (rowNo === 1) return;
    const cells = Object.fromEntries(
      headers.map((h) => {
        const col = at.get(h);
        const v = col === undefined ? undefined : cellText(line.getCell(col).value);
        return [h, v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? '').trim()];
      }),
    ) as Record<H, string>;
    if (Object.values<string>(cells).every((c) => !c)) return;
    rows.push({ row: rowNo, cells });
  });
  return { ok: true, rows };
}

/** "1,5", "1.5" or "2" → the number; undefined otherwise. A decimal comma is the agency's way. */
export function parseDecimal(text: string): number | undefined {
  const cleaned = text.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : undefined;
}

/** A count: "14.712", "14 712" or "14712" → 14712 (a dot groups thousands, as written in Vietnamese). */
export function parseCount(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  // Only whole groups of three after a separator: "1.5" is not a count, not fifteen.
  return /^\d{1,3}([.\s\u00a0]\d{3})+$/.test(t) ? Number(t.replace(/[.\s\u00a0]/g, '')) : undefined;
}
