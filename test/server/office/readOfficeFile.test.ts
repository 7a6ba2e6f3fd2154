import { describe, expect, it } from 'vitest';
import { OfficeFileRefused, SPREADSHEET_LIMITS, type OfficeRule } from '../../../server/office/limits';
import { inspectOfficeFile, readSpreadsheet } from '../../../server/office/readOfficeFile';
import { deflated, repeated, ROWS_CHUNK, SHEET, SHEET_CLOSE, SHEET_OPEN, templateParts, withSheet, zipOf, type ZipPart } from '../../support/officeBombs';

/** The shared office-file reader against generated bombs: each refused by its own rule, before exceljs. */

async function refusal(bytes: Uint8Array): Promise<OfficeFileRefused> {
  try {
    await readSpreadsheet(bytes);
  } catch (error) {
    if (error instanceof OfficeFileRefused) return error;
    throw error;
  }
  throw new Error('the file was read');
}

async function expectRefused(bytes: Uint8Array, rule: OfficeRule, message: RegExp) {
  const error = await refusal(bytes);
  expect(error.rule, error.message).toBe(rule);
  expect(error.code).toBe('bad_request');
  expect(error.message).toMatch(message);
  return error;
}

const MiB = 1024 * 1024;

describe('readSpreadsheet', () => {
  it('reads a real template workbook into exceljs', async () => {
    const book = await readSpreadsheet(zipOf(await templateParts(3)));
    expect(book.worksheets[0].rowCount).toBe(4);
    expect(book.worksheets[0].getRow(2).getCell(2).value).toBe('Nhiệm vụ nhập từ tệp số 1');
  });

  it('refuses a part that declares more than the total, on its directory alone', async () => {
    // 800 MB of rows, as in the issue: declared honestly, refused without inflating a byte.
    const sheet = repeated(SHEET, ROWS_CHUNK, 1200, { crc: false });
    expect(sheet.size).toBeGreaterThan(800 * 1000 * 1000);
    await expectRefused(withSheet(await templateParts(), sheet), 'totalSize', /vượt giới hạn 20 MB dữ liệu/);
  });

  it('refuses a part whose compression ratio passes 100 : 1', async () => {
    const sheet = repeated(SHEET, ROWS_CHUNK, 6); // ~5 MB of rows in a few KB
    expect(sheet.size).toBeLessThan(SPREADSHEET_LIMITS.maxTotalBytes);
    expect(sheet.size / sheet.stored.length).toBeGreaterThan(100);
    await expectRefused(withSheet(await templateParts(), sheet), 'ratio', /vượt giới hạn 100 : 1/);
  });

  it('stops inflating a part that lies about its size at the size it declared', async () => {
    // Declares its compressed length (1 : 1, about 1 MB); its stream holds a gigabyte of text.
    const bomb = repeated(SHEET, 'x'.repeat(1 << 20), 1024, { crc: false });
    const lying: ZipPart = { ...bomb, size: bomb.stored.length };
    const error = await expectRefused(withSheet(await templateParts(), lying), 'sizeMismatch', /khai sai kích thước/);
    // Stopped within one zlib chunk of the declared size, not at a gigabyte.
    expect(error.inflated).toBeGreaterThan(lying.size);
    expect(error.inflated).toBeLessThanOrEqual(lying.size + 64 * 1024);
  });

  it('refuses a part that inflates to less than it declared, or with a wrong CRC', async () => {
    const sheet = deflated(SHEET, `${SHEET_OPEN}${SHEET_CLOSE}`);
    await expectRefused(withSheet(await templateParts(), { ...sheet, size: sheet.size + 10 }), 'sizeMismatch', /khai sai kích thước/);
    await expectRefused(withSheet(await templateParts(), { ...sheet, crc32: sheet.crc32 ^ 1 }), 'corrupt', /CRC/);
  });

  it('refuses a file of many small entries', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => deflated(`xl/media/p${i}.xml`, '<a/>'));
    await expectRefused(zipOf([...(await templateParts()), ...many]), 'entries', /5\.\d{3} phần nén, vượt giới hạn 1\.000 phần/);
  });

  it('refuses deep XML nesting', async () => {
    const depth = 5000; // 35 KB of XML: below the ratio floor, caught by its shape
    const sheet = deflated(SHEET, `${SHEET_OPEN}${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}${SHEET_CLOSE}`);
    await expectRefused(withSheet(await templateParts(), sheet), 'depth', /lồng sâu hơn 64 cấp/);
  });

  it('counts the XML of a part whose name only starts like a sheet (exceljs would parse it as one)', async () => {
    const sheet = deflated('xl/worksheets/sheet2.xml.png', `${SHEET_OPEN}${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}${SHEET_CLOSE}`);
    await expectRefused(zipOf([...(await templateParts()), sheet]), 'depth', /lồng sâu hơn 64 cấp/);
  });

  it('refuses a sheet of a million empty rows', async () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 1}"/>`).join('');
    const sheet = deflated(SHEET, `${SHEET_OPEN}${rows}${SHEET_CLOSE}`);
    expect(sheet.size).toBeLessThan(SPREADSHEET_LIMITS.maxTotalBytes);
    await expectRefused(withSheet(await templateParts(), sheet), 'rows', /hơn 5\.000 dòng/);
  });

  it('refuses a DOCTYPE (entity expansion) in any part', async () => {
    const sheet = deflated(SHEET, `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">]>${SHEET_OPEN}${SHEET_CLOSE}`);
    await expectRefused(withSheet(await templateParts(), sheet), 'doctype', /DOCTYPE/);
  });

  it('refuses parts that share bytes, and a name given twice', async () => {
    const parts = await templateParts();
    const bomb = deflated('xl/worksheets/sheet2.xml', `${SHEET_OPEN}${SHEET_CLOSE}`);
    const overlapping = { ...parts.find((p) => p.name === SHEET)!, name: 'xl/worksheets/sheet3.xml', sharesHeaderWith: SHEET };
    await expectRefused(zipOf([...parts, bomb, overlapping]), 'corrupt', /chồng lên|mang tên khác/);
    await expectRefused(zipOf([...parts, { ...bomb, name: SHEET }]), 'corrupt', /xuất hiện hai lần/);
  });

  it('refuses a directory holding a record past its declared count (a part one reader would skip)', async () => {
    const parts = await templateParts();
    const bytes = zipOf([...parts, deflated('xl/worksheets/sheet2.xml', `${SHEET_OPEN}${'<x>'.repeat(5000)}${SHEET_CLOSE}`)]);
    const end = new DataView(bytes.buffer, bytes.byteLength - 22);
    end.setUint16(8, parts.length, true);
    end.setUint16(10, parts.length, true);
    await expectRefused(bytes, 'notZip', /mục lục/);
  });

  it('refuses what is not a zip, and a zip that is not a spreadsheet', async () => {
    await expectRefused(new TextEncoder().encode('STT;Nhiệm vụ\n1.1;Việc'), 'notZip', /không đọc được mục lục/);
    await expectRefused(zipOf([deflated('a.txt', 'xin chào')]), 'notSpreadsheet', /không phải bảng tính Excel/);
  });
});

describe('inspectOfficeFile', () => {
  it('hands over the parts of a proved file, each read within its size', async () => {
    const bytes = zipOf([deflated('word/document.xml', '<w:document><w:body><w:p><w:r><w:t>Minh chứng</w:t></w:r></w:p></w:body></w:document>')]);
    const text = await inspectOfficeFile(bytes, SPREADSHEET_LIMITS, async (parts) => {
      expect(parts.names).toEqual(['word/document.xml']);
      expect(await parts.read('none.xml')).toBeUndefined();
      return new TextDecoder().decode(await parts.read('word/document.xml'));
    });
    expect(text).toContain('Minh chứng');
  });

  it('refuses a bomb before `use` runs', async () => {
    const bomb = repeated('word/document.xml', ROWS_CHUNK, 6);
    let used = false;
    await expect(
      inspectOfficeFile(zipOf([bomb]), SPREADSHEET_LIMITS, async () => {
        used = true;
      }),
    ).rejects.toMatchObject({ rule: 'ratio' });
    expect(used).toBe(false);
  });
});
