import type { Unit } from '../../machines/api';
import { DOSSIER_COUNT_FIELDS, DOSSIER_PERIODS, dossierProblems, type DossierCounts, type DossierPeriod } from '../../machines/dossiers';
import type { DossierBody } from '../../machines/parApi';
import { DOSSIER_COUNT_LABELS, DOSSIER_PERIOD_LABELS } from '../../machines/parLabels';
import type { RowError } from './importRows';
import { parseCount, type TableRow } from './readTable';

/**
 * The dossier template's rows → dossier rows (API.md "Administrative-procedure dossiers"): one row
 * per period and unit (blank unit: the whole agency), the thirteen counts as the report columns
 * name them. The same checks as a typed row, per row and column; every row taken or none.
 */
export const DOSSIER_IMPORT_HEADERS = ['Kỳ', 'Đơn vị', 'Nhóm thủ tục', ...DOSSIER_COUNT_FIELDS.map((f) => DOSSIER_COUNT_LABELS[f])] as const;
export const DOSSIER_OPTIONAL_HEADERS = ['Đơn vị', 'Nhóm thủ tục'];

const key = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
const PERIOD_BY_TEXT = new Map<string, DossierPeriod>(
  DOSSIER_PERIODS.flatMap((p) => [[key(p), p], [key(DOSSIER_PERIOD_LABELS[p]), p]] as Array<[string, DossierPeriod]>),
);

export type DossierImportOutcome = { ok: true; rows: DossierBody[] } | { ok: false; rows: RowError[] };

export function validateDossierRows(rows: readonly TableRow<string>[], year: number, units: readonly Unit[]): DossierImportOutcome {
  const errors: RowError[] = [];
  const err = (row: number, column: string, message: string) => errors.push({ row, column, message });
  const unitByKey = new Map<string, Unit>();
  for (const u of units) {
    unitByKey.set(key(u.code), u);
    unitByKey.set(key(u.name), u);
  }
  const seen = new Map<string, number>();
  const bodies: DossierBody[] = [];
  for (const { row, cells } of rows) {
    const period = PERIOD_BY_TEXT.get(key(cells['Kỳ']));
    if (!cells['Kỳ']) err(row, 'Kỳ', 'Chưa nhập kỳ báo cáo (Q1, H1, Q3, Y hoặc M01…M12).');
    else if (!period) err(row, 'Kỳ', `«${cells['Kỳ']}» không phải kỳ báo cáo; ghi Q1, H1, Q3, Y, M01…M12 (hoặc «Quý I», «6 tháng», «Quý III», «Cả năm», «Tháng 1»…).`);
    const unitText = cells['Đơn vị'] ?? '';
    const unit = unitText ? unitByKey.get(key(unitText)) : undefined;
    if (unitText && !unit) err(row, 'Đơn vị', `Đơn vị «${unitText}» chưa có trong danh mục của kế hoạch; để trống cho số liệu toàn cơ quan.`);
    const group = (cells['Nhóm thủ tục'] ?? '').trim();
    if (group.length > 200) err(row, 'Nhóm thủ tục', 'Tên nhóm thủ tục dài quá 200 ký tự.');
    const counts: Partial<DossierCounts> = {};
    for (const field of DOSSIER_COUNT_FIELDS) {
      const column = DOSSIER_COUNT_LABELS[field];
      const text = cells[column] ?? '';
      const value = text === '' ? 0 : parseCount(text);
      if (value === undefined || value > 100_000_000) err(row, column, `«${text}» không phải số hồ sơ (số nguyên không âm, ví dụ 14.712).`);
      else counts[field] = value;
    }
    const whole = DOSSIER_COUNT_FIELDS.every((f) => counts[f] !== undefined);
    if (whole) {
      for (const problem of dossierProblems(counts as DossierCounts)) {
        err(row, problem.fields.map((f) => DOSSIER_COUNT_LABELS[f]).join('; '), problem.message);
      }
    }
    if (!period || (unitText && !unit)) continue;
    const rowKey = [period, unit?.id ?? '', group].join('~');
    if (seen.has(rowKey)) err(row, 'Kỳ', `Trùng kỳ và đơn vị với dòng ${seen.get(rowKey)}.`);
    seen.set(rowKey, row);
    if (whole) bodies.push({ year, period, ...(unit ? { unitId: unit.id } : {}), ...(group ? { procedureGroup: group } : {}), ...(counts as DossierCounts) });
  }
  if (!rows.length) errors.push({ row: 2, column: 'Kỳ', message: 'Tệp không có dòng số liệu nào (dữ liệu bắt đầu từ dòng 2).' });
  return errors.length ? { ok: false, rows: errors } : { ok: true, rows: bodies };
}
