import { parseBands } from '../../machines/parBands';
import { PAR_METHOD_LABELS } from '../../machines/parLabels';
import { buildParTree, PAR_METHODS, type ParCriterionDef, type ParMethod, type ParProblem } from '../../machines/parTree';
import type { Unit } from '../../machines/api';
import type { RowError } from './importRows';
import { parseDecimal, type TableRow } from './readTable';

/**
 * The PAR Index template's rows → the index's criteria (API.md "PAR Index self-assessment"). No I/O:
 * the whole file is checked, every bad cell reported with its row and column, and either every row
 * is taken or none.
 */
export const PAR_IMPORT_HEADERS = ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Đơn vị chấm', 'Cách tính', 'Thang điểm'] as const;
export type ParImportHeader = (typeof PAR_IMPORT_HEADERS)[number];
/** A structure of manual leaves only needs neither of these columns. */
export const PAR_OPTIONAL_HEADERS: readonly ParImportHeader[] = ['Cách tính', 'Thang điểm'];

const key = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
const METHOD_BY_LABEL = new Map(PAR_METHODS.map((m) => [key(PAR_METHOD_LABELS[m]), m] as const));

const COLUMN_OF: Record<ParProblem['field'], ParImportHeader> = {
  code: 'Mã', title: 'Tiêu chí', maxPoints: 'Điểm tối đa', unitId: 'Đơn vị chấm', method: 'Cách tính', bands: 'Thang điểm',
};

export type ParImportOutcome = { ok: true; criteria: ParCriterionDef[] } | { ok: false; rows: RowError[] };

export function validateParRows(rows: readonly TableRow<ParImportHeader>[], units: readonly Unit[]): ParImportOutcome {
  const errors: RowError[] = [];
  const err = (row: number, column: ParImportHeader, message: string) => errors.push({ row, column, message });
  const unitByKey = new Map<string, Unit>();
  for (const u of units) {
    unitByKey.set(key(u.code), u);
    unitByKey.set(key(u.name), u);
  }
  const codes = rows.map((r) => r.cells['Mã']);
  const isParent = (code: string) => codes.some((c) => c.startsWith(`${code}.`));
  const rowOf = new Map<string, number>();
  const criteria: ParCriterionDef[] = [];

  for (const { row, cells } of rows) {
    const code = cells['Mã'];
    if (!code) {
      err(row, 'Mã', 'Chưa nhập mã tiêu chí (ví dụ 1.2.3; nhập dạng văn bản để 1.10 không thành 1.1).');
      continue;
    }
    if (rowOf.has(code)) {
      err(row, 'Mã', `Trùng mã «${code}» với dòng ${rowOf.get(code)}.`);
      continue;
    }
    rowOf.set(code, row);
    const parent = isParent(code);
    const maxPoints = parseDecimal(cells['Điểm tối đa']);
    if (!cells['Điểm tối đa']) err(row, 'Điểm tối đa', 'Chưa nhập điểm tối đa.');
    else if (maxPoints === undefined) err(row, 'Điểm tối đa', `«${cells['Điểm tối đa']}» không phải số; nhập ví dụ 1,5 hoặc 1.5.`);
    const def: ParCriterionDef = { code, title: cells['Tiêu chí'], maxPoints: maxPoints ?? 0, method: 'manual' };
    if (def.title.length > 1000) err(row, 'Tiêu chí', 'Tên tiêu chí dài quá 1.000 ký tự.');

    const unitText = cells['Đơn vị chấm'];
    if (unitText && parent) err(row, 'Đơn vị chấm', 'Chỉ tiêu chí lá (không có tiêu chí con) mới có đơn vị chấm; để trống ô này.');
    else if (unitText) {
      const unit = unitByKey.get(key(unitText));
      if (unit) def.unitId = unit.id;
      else err(row, 'Đơn vị chấm', `Đơn vị «${unitText}» chưa có trong danh mục của kế hoạch. Sửa lại theo mã hoặc tên đơn vị.`);
    }

    const methodText = cells['Cách tính'];
    let method: ParMethod | undefined = 'manual';
    if (methodText) {
      method = METHOD_BY_LABEL.get(key(methodText));
      if (!method) err(row, 'Cách tính', `«${methodText}» không phải cách tính; ghi một trong: ${PAR_METHODS.map((m) => PAR_METHOD_LABELS[m]).join(', ')}.`);
      else if (parent && method !== 'manual') err(row, 'Cách tính', 'Tiêu chí cha lấy điểm bằng tổng các tiêu chí con; để trống ô này.');
    }
    if (method) def.method = method;

    const bandsText = cells['Thang điểm'];
    if (bandsText) {
      if (method === 'manual') err(row, 'Thang điểm', 'Chỉ tiêu chí tính tự động mới có thang điểm; để trống hoặc chọn cách tính.');
      else {
        const bands = parseBands(bandsText);
        if (bands.ok) def.bands = bands.bands;
        else err(row, 'Thang điểm', bands.message);
      }
    }
    criteria.push(def);
  }
  if (!rows.length) errors.push({ row: 2, column: 'Mã', message: 'Tệp không có dòng tiêu chí nào (dữ liệu bắt đầu từ dòng 2).' });
  if (errors.length) return { ok: false, rows: errors.sort((a, b) => a.row - b.row) };

  // The tree's own rules (parents exist, maxima add up, leaves have a unit, computed leaves bands).
  const tree = buildParTree(criteria);
  if (!tree.ok) {
    return {
      ok: false,
      rows: tree.problems.map((p) => ({ row: rowOf.get(p.code) ?? 2, column: COLUMN_OF[p.field], message: p.message })).sort((a, b) => a.row - b.row),
    };
  }
  return { ok: true, criteria };
}
