import { count, megabytes, OfficeFileRefused, type OfficeLimits } from './limits';

/**
 * The zip's central directory, read and judged before a byte is inflated (APPNOTE.TXT 4.3). It is
 * small and at the end of the file, so a bomb is refused on its declared sizes at once; the sizes
 * are then held to while inflating (inflateEntry.ts), so a file that lies is refused at its word.
 * Read as JSZip (under exceljs) reads it: the last end-of-directory record, sizes from the central
 * directory, data after each local header; anything where two readers could see different files
 * (zip64, several disks, duplicate names, overlapping entries) is refused.
 */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  crc32: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header starts in the file. */
  headerStart: number;
  /** Where the entry's compressed bytes start. */
  dataStart: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;

const notZip = () =>
  new OfficeFileRefused('notZip', 'Tệp không phải tệp Office (.xlsx, .docx) đọc được: không đọc được mục lục của tệp nén. Hãy lưu lại tệp bằng Excel hoặc Word rồi gửi lại.');
export const corrupt = (why: string) => new OfficeFileRefused('corrupt', `Tệp nén bị hỏng hoặc được dựng bất thường (${why}); tệp không được đọc.`);

export function readZipDirectory(bytes: Uint8Array, limits: OfficeLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);

  // The end record is the last signature within its 22 bytes + a comment of at most 65,535.
  let end = -1;
  for (let at = bytes.byteLength - EOCD_SIZE; at >= Math.max(0, bytes.byteLength - EOCD_SIZE - 0xffff); at--) {
    if (u32(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw notZip();
  const disk = u16(end + 4);
  const directoryDisk = u16(end + 6);
  const onDisk = u16(end + 8);
  const total = u16(end + 10);
  const directorySize = u32(end + 12);
  const directoryAt = u32(end + 16);
  if (total === 0xffff || directorySize === 0xffffffff || directoryAt === 0xffffffff) {
    throw new OfficeFileRefused('unsupported', 'Tệp nén dạng zip64 không được nhận: tệp Office hợp lệ dưới 4 GB không cần dạng này.');
  }
  if (disk !== 0 || directoryDisk !== 0 || onDisk !== total) throw new OfficeFileRefused('unsupported', 'Tệp nén chia nhiều phần (nhiều đĩa) không được nhận.');
  if (total > limits.maxEntries) {
    throw new OfficeFileRefused('entries', `Tệp có ${count(total)} phần nén, vượt giới hạn ${count(limits.maxEntries)} phần; tệp không được đọc.`);
  }
  // The directory must end where the end record starts: JSZip reads a gap as bytes prepended to the
  // archive and shifts every offset by it, so it would read other bytes than were judged here.
  if (directoryAt + directorySize !== end) throw notZip();

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let declared = 0;
  let at = directoryAt;
  for (let i = 0; i < total; i++) {
    if (at + CENTRAL_SIZE > directoryAt + directorySize || u32(at) !== CENTRAL) throw notZip();
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc32 = u32(at + 16);
    const compressedSize = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    const localAt = u32(at + 42);
    const nameBytes = bytes.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
    const name = decoder.decode(nameBytes);
    at += CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (at > directoryAt + directorySize) throw notZip();

    if (compressedSize === 0xffffffff || size === 0xffffffff || localAt === 0xffffffff) {
      throw new OfficeFileRefused('unsupported', 'Tệp nén dạng zip64 không được nhận: tệp Office hợp lệ dưới 4 GB không cần dạng này.');
    }
    if (flags & 0x1) throw new OfficeFileRefused('unsupported', `Phần «${name}» được mã hóa bằng mật khẩu; hãy gỡ mật khẩu rồi gửi lại.`);
    if (method !== 0 && method !== 8) throw new OfficeFileRefused('unsupported', `Phần «${name}» nén bằng phương pháp ${method}, không phải cách Office lưu tệp (deflate).`);
    if (method === 0 && compressedSize !== size) throw sizeLie(name);
    if (names.has(name)) throw corrupt(`phần «${name}» xuất hiện hai lần`);
    names.add(name);

    declared += size;
    if (declared > limits.maxTotalBytes) throw tooLarge(limits);
    if (size > limits.ratioFloorBytes && size > limits.maxRatio * compressedSize) {
      throw new OfficeFileRefused(
        'ratio',
        `Phần «${name}» nén với tỉ lệ ${count(Math.round(size / Math.max(1, compressedSize)))} : 1, vượt giới hạn ${count(limits.maxRatio)} : 1 (dấu hiệu tệp nén độc hại); tệp không được đọc.`,
      );
    }

    // The local header says where the data starts; it must name the same part.
    if (localAt + LOCAL_SIZE > directoryAt || u32(localAt) !== LOCAL) throw corrupt(`phần «${name}» không có đầu mục`);
    const localName = bytes.subarray(localAt + LOCAL_SIZE, localAt + LOCAL_SIZE + u16(localAt + 26));
    if (Buffer.compare(localName, nameBytes) !== 0) throw corrupt(`đầu mục của phần «${name}» mang tên khác`);
    const dataStart = localAt + LOCAL_SIZE + u16(localAt + 26) + u16(localAt + 28);
    if (dataStart + compressedSize > directoryAt) throw corrupt(`phần «${name}» vượt ra ngoài tệp`);
    entries.push({ name, method, crc32, compressedSize, size, headerStart: localAt, dataStart });
  }

  // JSZip reads records as long as they come: one past the declared count would be a part unjudged here.
  if (at !== directoryAt + directorySize) throw notZip();

  // Entries that share bytes make one compressed run count many times (the overlapping bomb).
  const byPlace = [...entries].sort((a, b) => a.headerStart - b.headerStart);
  for (let i = 1; i < byPlace.length; i++) {
    const before = byPlace[i - 1];
    if (before.dataStart + before.compressedSize > byPlace[i].headerStart) throw corrupt(`phần «${byPlace[i].name}» chồng lên phần «${before.name}»`);
  }
  return entries;
}

export const tooLarge = (limits: OfficeLimits) =>
  new OfficeFileRefused('totalSize', `Tệp khi giải nén vượt giới hạn ${megabytes(limits.maxTotalBytes)} dữ liệu; tệp không được đọc.`);

export const sizeLie = (name: string, inflated?: number) =>
  new OfficeFileRefused('sizeMismatch', `Phần «${name}» khai sai kích thước khi giải nén (dấu hiệu tệp nén độc hại); tệp không được đọc.`, inflated);
