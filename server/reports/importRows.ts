import type { Area, TaskDefinition, Unit } from '../../machines/api';
import { isIsoDate } from '../../machines/dates';

/**
 * Validates the rows of an import file (already read from the workbook) against the known areas
 * and units. No I/O: the whole file is checked and either every row is good or nothing is taken.
 */
export const IMPORT_HEADERS = [
  'STT',
  'Nhiệm vụ',
  'Lĩnh vực',
  'Đơn vị chủ trì',
  'Đơn vị phối hợp',
  'Kết quả, sản phẩm',
  'Thời hạn',
] as const;
export type ImportHeader = (typeof IMPORT_HEADERS)[number];

/** A cell as read: text, or a date when Excel stored a date cell. */
export type RawCell = string | Date | undefined;

export interface RawRow {
  /** The row number as the sheet shows it. */
  row: number;
  cells: Record<ImportHeader, RawCell>;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportCatalogue {
  areas: Area[];
  units: Unit[];
}

export type ImportOutcome =
  | { ok: true; tasks: Array<Omit<TaskDefinition, 'id'>>; areas: Area[]; units: Unit[] }
  | { ok: false; rows: RowError[]; unknownUnits: string[]; unknownAreas: string[] };

const key = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
const text = (cell: RawCell) => (cell instanceof Date ? '' : (cell ?? '').trim());
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** dd/MM/yyyy text or a date cell → YYYY-MM-DD; undefined when it is not a real date. */
export function parseDeadline(cell: RawCell): string | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : cell.toISOString().slice(0, 10);
  const m = DMY.exec((cell ?? '').trim());
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** Finds areas and units by code or by name; "3. Cải cách TTHC" (as exported) by its code. */
class Lookup<T extends { id: string; code: string; name: string }> {
  private readonly byKey = new Map<string, T>();
  constructor(items: readonly T[]) {
    for (const item of items) {
      this.byKey.set(key(item.code), item);
      this.byKey.set(key(item.name), item);
    }
  }
  find(value: string): T | undefined {
    const k = key(value);
    return this.byKey.get(k) ?? this.byKey.get(k.split('. ')[0]);
  }
  add(item: T): void {
    this.byKey.set(key(item.code), item);
    this.byKey.set(key(item.name), item);
  }
}

const splitUnits = (value: string) => value.split(/[,;]/).map((s) => s.trim()).filter(Boolean);

/** Initials without diacritics ("Phòng Công chứng" → PCC), made unique. */
function newCode(name: string, taken: Set<string>): string {
  const base =
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[đĐ]/g, 'D')
      .split(/\s+/)
      .map((w) => w[0] ?? '')
      .join('')
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '') || 'DV';
  let code = base;
  for (let i = 2; taken.has(code); i++) code = `${base}${i}`;
  taken.add(code);
  return code;
}

/**
 * Every bad cell is reported with its row and column. Unknown areas and units are listed; with
 * `createUnknown` they are created (in first-seen order) instead of being refused.
 */
export function validateRows(rows: readonly RawRow[], catalogue: ImportCatalogue, createUnknown = false): ImportOutcome {
  const errors: RowError[] = [];
  const areas = new Lookup(catalogue.areas);
  const units = new Lookup(catalogue.units);
  const newAreas: Area[] = [];
  const newUnits: Unit[] = [];
  const unknownAreas = new Set<string>();
  const unknownUnits = new Set<string>();
  const unitCodes = new Set(catalogue.units.map((u) => u.code));
  const seenCodes = new Map<string, number>();
  const tasks: Array<Omit<TaskDefinition, 'id'>> = [];
  const err = (row: number, column: ImportHeader, message: string) => errors.push({ row, column, message });

  const area = (row: number, value: string): Area | undefined => {
    const found = areas.find(value);
    if (found) return found;
    unknownAreas.add(value);
    if (!createUnknown) {
      err(row, 'Lĩnh vực', `Lĩnh vực «${value}» chưa có trong danh mục. Sửa lại theo mã hoặc tên lĩnh vực, hoặc chọn tạo mới.`);
      return undefined;
    }
    const code = String(catalogue.areas.length + newAreas.length + 1);
    const created = { id: `area-${code}`, code, name: value };
    newAreas.push(created);
    areas.add(created);
    return created;
  };
  const unit = (row: number, column: ImportHeader, value: string): Unit | undefined => {
    const found = units.find(value);
    if (found) return found;
    unknownUnits.add(value);
    if (!createUnknown) {
      err(row, column, `Đơn vị «${value}» chưa có trong danh mục. Sửa lại theo mã hoặc tên đơn vị, hoặc chọn tạo mới.`);
      return undefined;
    }
    const code = newCode(value, unitCodes);
    const created = { id: code, code, name: value };
    newUnits.push(created);
    units.add(created);
    return created;
  };

  for (const { row, cells } of rows) {
    const code = text(cells['STT']);
    const title = text(cells['Nhiệm vụ']);
    const areaText = text(cells['Lĩnh vực']);
    const ownerText = text(cells['Đơn vị chủ trì']);
    const output = text(cells['Kết quả, sản phẩm']);
    if (!code) err(row, 'STT', 'Chưa nhập số thứ tự (mã nhiệm vụ, ví dụ 3.2).');
    else if (code.length > 20) err(row, 'STT', 'Số thứ tự dài quá 20 ký tự.');
    else if (seenCodes.has(code)) err(row, 'STT', `Trùng số thứ tự «${code}» với dòng ${seenCodes.get(code)}.`);
    else seenCodes.set(code, row);
    if (!title) err(row, 'Nhiệm vụ', 'Chưa nhập tên nhiệm vụ.');
    else if (title.length > 500) err(row, 'Nhiệm vụ', 'Tên nhiệm vụ dài quá 500 ký tự.');
    if (output.length > 2000) err(row, 'Kết quả, sản phẩm', 'Kết quả, sản phẩm dài quá 2.000 ký tự.');
    const a = areaText ? area(row, areaText) : (err(row, 'Lĩnh vực', 'Chưa nhập lĩnh vực.'), undefined);
    const owner = ownerText ? unit(row, 'Đơn vị chủ trì', ownerText) : (err(row, 'Đơn vị chủ trì', 'Chưa nhập đơn vị chủ trì.'), undefined);
    const coordinating = splitUnits(text(cells['Đơn vị phối hợp'])).map((u) => unit(row, 'Đơn vị phối hợp', u));
    const deadlineCell = cells['Thời hạn'];
    const deadline = parseDeadline(deadlineCell);
    if (deadlineCell === undefined || deadlineCell === '') err(row, 'Thời hạn', 'Chưa nhập thời hạn (dd/MM/yyyy).');
    else if (!deadline) {
      err(row, 'Thời hạn', `«${text(deadlineCell)}» không phải ngày hợp lệ; nhập dạng dd/MM/yyyy (ví dụ 30/06/2026) hoặc định dạng ô là ngày.`);
    }
    if (a && owner && deadline && code && title && coordinating.every(Boolean)) {
      tasks.push({
        code, title, areaId: a.id, ownerUnitId: owner.id, output, deadline,
        coordinatingUnitIds: [...new Set(coordinating.map((u) => u!.id))].filter((id) => id !== owner.id),
      });
    }
  }
  if (!rows.length) errors.push({ row: 2, column: 'STT', message: 'Tệp không có dòng nhiệm vụ nào (dữ liệu bắt đầu từ dòng 2).' });
  if (errors.length) return { ok: false, rows: errors, unknownUnits: [...unknownUnits], unknownAreas: [...unknownAreas] };
  return { ok: true, tasks, areas: [...catalogue.areas, ...newAreas], units: [...catalogue.units, ...newUnits] };
}
