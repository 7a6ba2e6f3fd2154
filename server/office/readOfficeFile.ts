import type * as ExcelJS from 'exceljs';
import { loadExcel } from '../reports/excel';
import { inflateEntry } from './inflateEntry';
import { OfficeFileRefused, SPREADSHEET_LIMITS, type OfficeLimits } from './limits';
import { OFFICE_PARSE_GATE } from './parseGate';
import { XmlShape } from './xmlShape';
import { readZipDirectory, type ZipEntry } from './zipDirectory';

/**
 * The one way the server reads an uploaded office file (plan, PAR index and dossier imports, a look
 * into evidence files): judged on its zip directory before anything is inflated, then inflated part
 * by part within its declared sizes while its XML's shape is counted, and only then, proved small,
 * handed to a parser. Every refusal is an OfficeFileRefused (400) naming the limit it passed; a full
 * parse gate is a 429 with Retry-After. docs/security.md states the limits.
 */

/**
 * Parts whose XML is counted. Not anchored at the end: exceljs picks parts by unanchored patterns
 * (`/xl\/worksheets\/sheet(\d+)[.]xml/` also takes `sheet1.xml.png`), so any name holding one of these
 * is counted, whatever follows it.
 */
const XML_PART = /\.(xml|rels|vml)/i;

function asBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

/** Inflates every part once, keeping nothing, and counts the XML in them. */
async function prove(bytes: Uint8Array, entries: ZipEntry[], limits: OfficeLimits): Promise<void> {
  const shape = new XmlShape(limits);
  for (const entry of entries) {
    if (XML_PART.test(entry.name)) {
      shape.part();
      await inflateEntry(bytes, entry, (chunk) => shape.feed(chunk));
    } else {
      await inflateEntry(bytes, entry, () => {});
    }
  }
}

/** Runs `use` on a file proved within `limits`, one parse per instance at a time (parseGate.ts). */
async function withProvedFile<T>(data: ArrayBuffer | Uint8Array, limits: OfficeLimits, use: (bytes: Uint8Array, entries: ZipEntry[]) => Promise<T>): Promise<T> {
  const bytes = asBytes(data);
  // The directory is a few KB at the file's end: judged before waiting for a slot, so a bomb is
  // refused at once even when the gate is full.
  const entries = readZipDirectory(bytes, limits);
  const release = await OFFICE_PARSE_GATE.enter();
  try {
    await prove(bytes, entries, limits);
    return await use(bytes, entries);
  } finally {
    release();
  }
}

const notSpreadsheet = () => new OfficeFileRefused('notSpreadsheet', 'Tệp không phải bảng tính Excel (.xlsx) đọc được. Hãy dùng mẫu tải về từ ứng dụng.');

/** An .xlsx as an exceljs Workbook, or an OfficeFileRefused (400) before exceljs sees anything unproved. */
export function readSpreadsheet(data: ArrayBuffer | Uint8Array, limits: OfficeLimits = SPREADSHEET_LIMITS): Promise<ExcelJS.Workbook> {
  return withProvedFile(data, limits, async (bytes, entries) => {
    // exceljs finds the workbook by this name, and reads a zip without it as an empty book.
    if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw notSpreadsheet();
    const book = new (await loadExcel()).Workbook();
    try {
      await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
    } catch {
      throw notSpreadsheet();
    }
    return book;
  });
}

/** A proved office file's parts (docx, xlsx), for a look inside: `read` gives a part's bytes. */
export interface OfficeParts {
  names: string[];
  read(name: string): Promise<Uint8Array | undefined>;
}

/**
 * For readers other than exceljs (a look into an evidence file's word/document.xml): the same
 * proof, then `use` with the parts; each `read` inflates one part, within its proved size.
 */
export function inspectOfficeFile<T>(data: ArrayBuffer | Uint8Array, limits: OfficeLimits, use: (parts: OfficeParts) => Promise<T>): Promise<T> {
  return withProvedFile(data, limits, (bytes, entries) =>
    use({
      names: entries.map((e) => e.name),
      async read(name) {
        const entry = entries.find((e) => e.name === name);
        if (!entry) return undefined;
        const out = new Uint8Array(entry.size);
        let at = 0;
        await inflateEntry(bytes, entry, (chunk) => {
          out.set(chunk, at);
          at += chunk.length;
        });
        return out;
      },
    }),
  );
}
