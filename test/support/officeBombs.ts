import { constants, crc32, deflateRawSync } from 'node:zlib';
import { SPREADSHEET_LIMITS } from '../../server/office/limits';
import { readZipDirectory } from '../../server/office/zipDirectory';
import { goodRows, TEMPLATE_HEADER, workbookBytes } from './xlsx';

/**
 * Hostile .xlsx files, generated: a zip writer that can declare any sizes, and deflate streams of
 * any length built from one compressed block repeated (so a gigabyte of XML costs a few MB and no
 * time to make). Used by test/server/office, the import route's bomb tests and test/bench/bombs.ts.
 */
export interface ZipPart {
  name: string;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  /** The bytes as they sit in the zip. */
  stored: Uint8Array;
  /** What the directory and local header claim. */
  size: number;
  crc32: number;
  /** Where the local header goes, when two parts are to overlap: the offset of another part's header. */
  sharesHeaderWith?: string;
}

export function deflated(name: string, data: Uint8Array | string): ZipPart {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return { name, method: 8, stored: deflateRawSync(bytes), size: bytes.length, crc32: crc32(bytes) };
}

/**
 * `times` copies of `chunk` as one deflate stream: the chunk is compressed once with a full flush
 * (a block that needs nothing before it, ending on a byte), repeated, then closed by an empty final
 * block. `crc: false` leaves the CRC at 0 for streams too long to check in a test (they are refused
 * long before any reader gets to it).
 */
export function repeated(name: string, chunk: string, times: number, opts: { crc?: boolean } = {}): ZipPart {
  const raw = Buffer.from(chunk);
  const block = deflateRawSync(raw, { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const stored = Buffer.alloc(block.length * times + 2);
  for (let i = 0; i < times; i++) block.copy(stored, i * block.length);
  stored.set([0x03, 0x00], block.length * times); // final fixed-Huffman block, empty
  let crc = 0;
  if (opts.crc !== false) for (let i = 0; i < times; i++) crc = crc32(raw, crc);
  return { name, method: 8, stored, size: raw.length * times, crc32: crc };
}

/** A zip of `parts` in order, with their sizes as claimed (APPNOTE.TXT 4.3). */
export function zipOf(parts: ZipPart[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  const headerAt = new Map<string, number>();
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed
    common.writeUInt16LE(0x0800, 2); // UTF-8 names
    common.writeUInt16LE(part.method, 4);
    common.writeUInt16LE(0, 6);
    common.writeUInt16LE(0x21, 8); // 1 Jan 1980
    common.writeUInt32LE(part.crc32 >>> 0, 10);
    common.writeUInt32LE(part.stored.length, 14);
    common.writeUInt32LE(part.size, 18);
    common.writeUInt16LE(name.length, 22);
    common.writeUInt16LE(0, 24);
    let at = offset;
    if (part.sharesHeaderWith !== undefined) {
      at = headerAt.get(part.sharesHeaderWith)!;
    } else {
      const local = Buffer.concat([u32(0x04034b50), common, name, part.stored]);
      chunks.push(local);
      offset += local.length;
    }
    headerAt.set(part.name, at);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(at), name]));
  }
  const directory = Buffer.concat(central);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(parts.length), u16(parts.length), u32(directory.length), u32(offset), u16(0)]);
  return new Uint8Array(Buffer.concat([...chunks, directory, end]));
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

export const SHEET = 'xl/worksheets/sheet1.xml';

/**
 * A real template workbook (exceljs wrote it, `rows` good rows) taken apart into its parts, so a
 * bomb can replace or add parts and stay a plausible .xlsx around them.
 */
export async function templateParts(rows = 2): Promise<ZipPart[]> {
  const bytes = await workbookBytes([TEMPLATE_HEADER, ...goodRows(rows)]);
  return readZipDirectory(bytes, SPREADSHEET_LIMITS).map((e) => ({
    name: e.name,
    method: e.method,
    stored: bytes.slice(e.dataStart, e.dataStart + e.compressedSize),
    size: e.size,
    crc32: e.crc32,
  }));
}

/** The template with its first sheet replaced by `sheet`. */
export function withSheet(parts: ZipPart[], sheet: ZipPart): Uint8Array {
  return zipOf(parts.map((p) => (p.name === SHEET ? { ...sheet, name: SHEET } : p)));
}

export const SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_CLOSE = '</sheetData></worksheet>';

/** A run of repetitive rows as a sheet body chunk (what the 800 MB sheet was made of). */
export const ROWS_CHUNK = '<row r="1"><c r="A1" t="inlineStr"><is><t>Nhiệm vụ</t></is></c><c r="B1"><v>1</v></c></row>'.repeat(8192);
