import type * as ExcelJS from 'exceljs';
import { loadExcel } from './excel';
import { readSpreadsheet } from '../office/readOfficeFile';
import { IMPORT_HEADERS, type ImportHeader, type RawCell, type RawRow, type RowError } from './importRows';
import { writeTable } from './sheet';

/** Reading and writing the import template (API.md: GET /api/import/template.xlsx). */

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function cellValue(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String(value.text);
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  return undefined;
}

/** A plain number in the deadline column is an Excel date serial that lost its format. */
function deadlineValue(value: ExcelJS.CellValue): RawCell {
  if (typeof value === 'number' && value > 20000 && value < 80000) return new Date(EXCEL_EPOCH_MS + Math.round(value) * 86_400_000);
  return cellValue(value);
}

const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

export type ReadOutcome = { ok: true; rows: RawRow[] } | { ok: false; rows: RowError[] };

/**
 * Reads the first sheet: header row 1 in the template's words (any order), data from row 2. A file
 * past the office limits (server/office/limits.ts) or not a spreadsheet is refused before this sees
 * a row: readSpreadsheet throws its 400 (or 429 when the instance is already parsing files).
 */
export async function readImportFile(data: ArrayBuffer | Uint8Array): Promise<ReadOutcome> {
  const book = await readSpreadsheet(data);
  const sheet = book.worksheets[0];
  if (!sheet) return { ok: false, rows: [{ row: 1, column: '', message: 'Tệp không có trang tính nào.' }] };
  const header = sheet.getRow(1);
  const at = new Map<ImportHeader, number>();
  header.eachCell((cell, col) => {
    const name = IMPORT_HEADERS.find((h) => norm(h) === norm(String(cellValue(cell.value) ?? '')));
    if (name) at.set(name, col);
  });
  const missing = IMPORT_HEADERS.filter((h) => !at.has(h));
  if (missing.length) {
    return {
      ok: false,
      rows: missing.map((h) => ({ row: 1, column: h, message: `Thiếu cột «${h}» ở dòng tiêu đề. Dùng đúng mẫu: ${IMPORT_HEADERS.join(' | ')}.` })),
    };
  }
  const rows: RawRow[] = [];
  sheet.eachRow((line, rowNo) => {
    if (rowNo === 1) return;
    const cells = Object.fromEntries(
      IMPORT_HEADERS.map((h) => {
        const v = line.getCell(at.get(h)!).value;
        return [h, h === 'Thời hạn' ? deadlineValue(v) : cellValue(v)];
      }),
    ) as Record<ImportHeader, RawCell>;
    if (Object.values(cells).every((c) => c === undefined || (typeof c === 'string' && !c.trim()))) return;
    rows.push({ row: rowNo, cells });
  });
  return { ok: true, rows };
}

/** The empty template, with one guidance sheet. */
export async function templateWorkbook(): Promise<Uint8Array> {
  const book = new (await loadExcel()).Workbook();
  book.creator = 'Tiến Độ';
  const sheet = book.addWorksheet('Kế hoạch');
  writeTable(sheet, IMPORT_HEADERS.map((h) => ({ header: h, value: () => '' })), []);
  for (const [i, width] of [8, 50, 30, 28, 28, 36, 12].entries()) sheet.getColumn(i + 1).width = width;
  sheet.getColumn(1).numFmt = '@'; // codes such as 1.10 stay text
  sheet.getColumn(7).numFmt = 'dd/mm/yyyy';
  const guide = book.addWorksheet('Hướng dẫn');
  [
    'Mỗi dòng một nhiệm vụ, bắt đầu từ dòng 2 của trang «Kế hoạch». Giữ nguyên dòng tiêu đề.',
    'STT: mã nhiệm vụ, ví dụ 3.2 (nhập dạng văn bản để 1.10 không thành 1.1).',
    'Lĩnh vực, Đơn vị chủ trì: mã hoặc tên đúng như danh mục trong ứng dụng.',
    'Đơn vị phối hợp: nhiều đơn vị cách nhau bằng dấu phẩy (,) hoặc chấm phẩy (;).',
    'Thời hạn: ngày dạng dd/MM/yyyy (ví dụ 30/06/2026) hoặc ô định dạng ngày.',
    'Tệp có lỗi sẽ không được nhập dòng nào; ứng dụng chỉ rõ dòng, cột và cách sửa.',
  ].forEach((line, i) => (guide.getCell(i + 1, 1).value = line));
  guide.getColumn(1).width = 100;
  return new Uint8Array(await book.xlsx.writeBuffer());
}
