import type { Unit } from '../../machines/api';
import { formatBands } from '../../machines/parBands';
import type { ParIndex, ParNode } from '../../machines/parApi';
import { PAR_METHOD_LABELS, PAR_STATE_LABELS } from '../../machines/parLabels';
import type { PercentRule } from '../../machines/percent';
import { DOSSIER_IMPORT_HEADERS } from './dossierImportRows';
import { loadExcel } from './excel';
import { PAR_IMPORT_HEADERS } from './parImportRows';
import { percentCell, writeTable, type Column } from './sheet';

/** The PAR Index's workbooks: the import template, the dossier template, and an index's export. */

async function guided(sheetName: string, headers: readonly string[], widths: number[], guide: string[]): Promise<Uint8Array> {
  const book = new (await loadExcel()).Workbook();
  book.creator = 'Tiến Độ';
  const sheet = book.addWorksheet(sheetName);
  writeTable(sheet, headers.map((h) => ({ header: h, value: () => '' })), []);
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  sheet.getColumn(1).numFmt = '@'; // codes such as 1.10 stay text
  const help = book.addWorksheet('Hướng dẫn');
  guide.forEach((line, i) => (help.getCell(i + 1, 1).value = line));
  help.getColumn(1).width = 110;
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export function parTemplateWorkbook(): Promise<Uint8Array> {
  return guided('Chỉ số CCHC', PAR_IMPORT_HEADERS, [10, 60, 12, 24, 22, 26], [
    'Mỗi dòng một lĩnh vực, tiêu chí hoặc tiêu chí thành phần, bắt đầu từ dòng 2. Giữ nguyên dòng tiêu đề.',
    'Mã: các số cách nhau bằng dấu chấm; dấu chấm tạo cây (1 là lĩnh vực, 1.2 là tiêu chí của lĩnh vực 1, 1.2.3 là tiêu chí thành phần). Nhập dạng văn bản để 1.10 không thành 1.1.',
    'Điểm tối đa: dấu phẩy hoặc dấu chấm thập phân, tối đa 2 chữ số thập phân; điểm của tiêu chí cha phải bằng tổng điểm các tiêu chí con.',
    'Đơn vị chấm: mã hoặc tên đơn vị như trong danh mục của kế hoạch; chỉ ghi ở tiêu chí lá (không có tiêu chí con).',
    `Cách tính: ${PAR_METHOD_LABELS.manual} (để trống cũng là tự chấm), ${PAR_METHOD_LABELS.planCompletion} (tỷ lệ nhiệm vụ hoàn thành của kế hoạch), ${PAR_METHOD_LABELS.dossierOnTime} (tỷ lệ hồ sơ TTHC giải quyết trước hạn và đúng hạn).`,
    'Thang điểm (tiêu chí tính tự động): «100%: 1; 80%: 0,5» = đạt từ 100% được 1 điểm, từ 80% được 0,5 điểm, dưới mọi mức được 0 điểm.',
    'Tệp có lỗi sẽ không được nhập dòng nào; ứng dụng chỉ rõ dòng, cột và cách sửa.',
  ]);
}

export function dossierTemplateWorkbook(): Promise<Uint8Array> {
  return guided('Hồ sơ TTHC', DOSSIER_IMPORT_HEADERS, [10, 24, 24, ...DOSSIER_IMPORT_HEADERS.slice(3).map(() => 16)], [
    'Mỗi dòng số liệu của một kỳ và một đơn vị, bắt đầu từ dòng 2. Giữ nguyên dòng tiêu đề; năm chọn khi nhập.',
    'Kỳ: Q1 (Quý I), H1 (6 tháng), Q3 (Quý III), Y (cả năm) hoặc M01…M12 (tháng).',
    'Đơn vị: mã hoặc tên đơn vị; để trống cho số liệu toàn cơ quan. Nhóm thủ tục: không bắt buộc.',
    'Các cột số: số nguyên không âm (ô trống là 0). Tổng tiếp nhận (kỳ trước chuyển sang + trực tuyến + trực tiếp, bưu chính) phải bằng đã giải quyết + đang giải quyết + hủy, dừng giải quyết.',
    'Nhập lại cùng kỳ và đơn vị sẽ thay số liệu cũ (lịch sử vẫn được lưu).',
  ]);
}

interface ExportRow {
  node: ParNode;
  depth: number;
}

function flatten(nodes: readonly ParNode[], depth = 0): ExportRow[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flatten(node.children ?? [], depth + 1)]);
}

const diffOf = (n: ParNode) => (n.appraisedScore !== undefined && n.selfScore !== undefined ? Math.round((n.appraisedScore - n.selfScore) * 100) / 100 : null);

/**
 * An index as the agency's self-assessment table: the template's six columns first (in its words),
 * then self, appraised, difference, explanation and evidence; areas in bold; totals and the index
 * (points ÷ maximum × 100, with the plan's percent rule) below.
 */
export async function parExportWorkbook(index: ParIndex, units: readonly Unit[], rule: PercentRule): Promise<Uint8Array> {
  const book = new (await loadExcel()).Workbook();
  book.creator = 'Tiến Độ';
  const sheet = book.addWorksheet('Bảng tự đánh giá');
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const columns: Column<ExportRow>[] = [
    { header: 'Mã', value: (r) => r.node.code },
    { header: 'Tiêu chí', value: (r) => `${'  '.repeat(r.depth)}${r.node.title}` },
    { header: 'Điểm tối đa', value: (r) => r.node.maxPoints, numFmt: '0.##' },
    { header: 'Đơn vị chấm', value: (r) => (r.node.unitId ? (unitName.get(r.node.unitId) ?? r.node.unitId) : null) },
    { header: 'Cách tính', value: (r) => (r.node.children ? null : PAR_METHOD_LABELS[r.node.method]) },
    { header: 'Thang điểm', value: (r) => formatBands(r.node.bands) || null },
    { header: 'Tự chấm', value: (r) => r.node.selfScore ?? null, numFmt: '0.##' },
    { header: 'Thẩm định', value: (r) => r.node.appraisedScore ?? null, numFmt: '0.##' },
    { header: 'Chênh lệch', value: (r) => diffOf(r.node), numFmt: '0.##' },
    { header: 'Giải trình', value: (r) => r.node.explanation ?? null },
    { header: 'Tài liệu kiểm chứng', value: (r) => r.node.files.map((f) => f.name).join('; ') || null },
    { header: 'Ghi chú thẩm định', value: (r) => r.node.appraisalNote ?? null },
  ];
  const rows = flatten(index.areas);
  writeTable(sheet, columns, rows);
  rows.forEach((r, i) => {
    if (r.depth === 0) sheet.getRow(i + 2).font = { bold: true };
  });
  const maxH = Math.round(index.maxPoints * 100);
  const total = sheet.getRow(rows.length + 2);
  total.getCell(2).value = 'Tổng cộng';
  total.getCell(3).value = index.maxPoints;
  total.getCell(7).value = index.selfPoints;
  total.getCell(8).value = index.appraisedPoints ?? null;
  total.getCell(9).value = index.appraisedPoints === undefined ? null : Math.round((index.appraisedPoints - index.selfPoints) * 100) / 100;
  total.font = { bold: true };
  const percent = sheet.getRow(rows.length + 3);
  percent.getCell(2).value = 'Chỉ số (điểm ÷ điểm tối đa × 100)';
  const self = percentCell(Math.round(index.selfPoints * 100), maxH, rule);
  percent.getCell(7).value = self.value;
  percent.getCell(7).numFmt = self.numFmt;
  if (index.appraisedPoints !== undefined) {
    const appraised = percentCell(Math.round(index.appraisedPoints * 100), maxH, rule);
    percent.getCell(8).value = appraised.value;
    percent.getCell(8).numFmt = appraised.numFmt;
  }
  percent.font = { bold: true };
  const status = sheet.getRow(rows.length + 4);
  status.getCell(2).value = `${index.title} · ${PAR_STATE_LABELS[index.status]}`;
  return new Uint8Array(await book.xlsx.writeBuffer());
}
