import ExcelJS from 'exceljs';
import { evidencePdf } from '../../../seed/evidencePdf';

/** Real documents of each kind the tests upload, made by code. */

export const pdf = (title = 'Bao cao ket qua') => evidencePdf([title, 'So 12/BC-STP']);

/** A 1×1 PNG. */
export const png = () =>
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The start of a JPEG (SOI, JFIF APP0): what a sniffer reads. */
export const jpeg = () => Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.alloc(64, 0x20), Buffer.from('ffd9', 'hex')]);

export async function xlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Số liệu').addRow(['Đơn vị', 'Số hồ sơ']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Plain text: not an accepted type whatever its name says. */
export const text = () => Buffer.from('Đây không phải là một tệp PDF.\n', 'utf8');

/** A Windows program's first bytes (MZ header). */
export const exe = () => Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), Buffer.alloc(256)]);

export function form(bytes: Buffer, name: string, type = 'application/octet-stream'): FormData {
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return data;
}
