import { AppError } from '../errors';

/**
 * What an uploaded office file (xlsx, docx: a zip of XML parts) may cost the server before any
 * parser sees it. Every reader of such a file goes through server/office/readOfficeFile.ts with one
 * of these; docs/security.md states the defaults.
 */
export interface OfficeLimits {
  /** Entries in the zip's central directory. */
  maxEntries: number;
  /** Sum of the entries' uncompressed sizes, as declared and as actually inflated. */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed size of one entry (judged on entries above `ratioFloorBytes`). */
  maxRatio: number;
  /** Small parts compress far beyond any ratio (a 10 KB run of empty cells): they are judged by the total only. */
  ratioFloorBytes: number;
  /** `<row>` elements over all sheets. */
  maxRows: number;
  /** `<c>` cells over all sheets, and `<si>` shared strings. */
  maxCells: number;
  /** Elements over all XML parts. */
  maxElements: number;
  /** Nesting depth of any XML part. */
  maxDepth: number;
}

const MiB = 1024 * 1024;

/**
 * Spreadsheets (plan, PAR index and dossier imports). The plan template at 5,000 rows is 180 KB
 * zipped and 1.8 MB of XML at 9–19 : 1, so every bound leaves room for a real office's file while
 * keeping what exceljs builds from it (a few times its XML) to tens of MB.
 */
export const SPREADSHEET_LIMITS: OfficeLimits = {
  maxEntries: 1000,
  maxTotalBytes: 20 * MiB,
  maxRatio: 100,
  ratioFloorBytes: 64 * 1024,
  maxRows: 5000,
  maxCells: 100_000,
  maxElements: 500_000,
  maxDepth: 64,
};

/** Which bound refused a file: for tests and logs; the person reads the message. */
export type OfficeRule =
  | 'notZip'
  | 'unsupported'
  | 'entries'
  | 'totalSize'
  | 'ratio'
  | 'sizeMismatch'
  | 'corrupt'
  | 'rows'
  | 'cells'
  | 'elements'
  | 'depth'
  | 'doctype'
  | 'notSpreadsheet';

/** A refused office file: 400, with a Vietnamese message naming the limit; nothing was parsed. */
export class OfficeFileRefused extends AppError {
  constructor(
    readonly rule: OfficeRule,
    message: string,
    /** For a part that lied about its size: how many bytes were inflated before reading stopped. */
    readonly inflated?: number,
  ) {
    super('bad_request', message);
  }
}

const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
/** 5000 → "5.000". */
export const count = (n: number) => number.format(n);
/** Bytes as MB (1 MB = 2^20 bytes, as the upload limit is stated), e.g. "20 MB". */
export const megabytes = (n: number) => `${number.format(n / MiB)} MB`;
