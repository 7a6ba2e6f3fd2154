import ExcelJS from 'exceljs';

/** Builds an .xlsx in memory from header + rows, the way an office would fill the template. */
export async function workbookBytes(rows: Array<Array<string | Date | number | null>>): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Kế hoạch');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export async function readWorkbook(bytes: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as ArrayBuffer);
  return book;
}

export const TEMPLATE_HEADER = ['STT', 'Nhiệm vụ', 'Lĩnh vực', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Kết quả, sản phẩm', 'Thời hạn'];

/** `n` good rows over the reference plan's areas and units. */
export function goodRows(n: number): Array<Array<string | Date>> {
  const units = ['VP', 'TTR', 'HCTP', 'XDKT'];
  return Array.from({ length: n }, (_, i) => [
    `${(i % 7) + 1}.${Math.floor(i / 7) + 1}`,
    `Nhiệm vụ nhập từ tệp số ${i + 1}`,
    String((i % 7) + 1),
    units[i % units.length],
    i % 3 === 0 ? 'Văn phòng Sở; TTR' : '',
    'Báo cáo kết quả',
    i % 2 ? `${String((i % 28) + 1).padStart(2, '0')}/06/2027` : new Date(Date.UTC(2027, i % 12, 15)),
  ]);
}
