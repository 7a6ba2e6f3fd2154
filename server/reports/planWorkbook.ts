import type * as ExcelJS from 'exceljs';
import { loadExcel } from './excel';
import { isInspectionSource, type PlanDetail, type Review, type Task } from '../../machines/api';
import { countsInPlan, EXTRA_LABEL } from '../../machines/countsInPlan';
import { formatDateVi, localDate } from '../../machines/dates';
import { EMULATION_LABELS, type UnitVerdict } from '../../machines/emulation';
import { TASK_STATE_LABELS } from '../../machines/labels';
import { DEFAULT_PERCENT_RULE, type PercentRule } from '../../machines/percent';
import { isOnTime, type Counts, type FrozenProgress } from '../../machines/progress';
import { DATE_FORMAT, dateCell, percentCell, writeTable, type Column } from './sheet';

/** The plan's and a review's Excel workbooks (API.md "Exports"), Vietnamese headers throughout. */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Names = { area(id: string): string; unit(id: string): string };

function names(plan: Pick<PlanDetail, 'areas' | 'units'>): Names {
  const areas = new Map(plan.areas.map((a) => [a.id, `${a.code}. ${a.name}`]));
  const units = new Map(plan.units.map((u) => [u.id, u.name]));
  return { area: (id) => areas.get(id) ?? id, unit: (id) => units.get(id) ?? id };
}

/** The import template's seven columns come first, in the same words (server/reports/template.ts). */
function taskColumns(n: Names): Column<Task>[] {
  return [
    { header: 'STT', value: (t) => t.code },
    { header: 'Nhiệm vụ', value: (t) => t.title },
    { header: 'Lĩnh vực', value: (t) => n.area(t.areaId) },
    { header: 'Đơn vị chủ trì', value: (t) => n.unit(t.ownerUnitId) },
    { header: 'Đơn vị phối hợp', value: (t) => t.coordinatingUnitIds.map(n.unit).join('; ') },
    { header: 'Kết quả, sản phẩm', value: (t) => t.output },
    { header: 'Thời hạn', value: (t) => dateCell(t.deadline), numFmt: DATE_FORMAT },
    { header: 'Trạng thái', value: (t) => TASK_STATE_LABELS[t.state] },
    { header: 'Ngày hoàn thành', value: (t) => dateCell(t.completedAt && localDate(t.completedAt)), numFmt: DATE_FORMAT },
    {
      header: 'Đúng hạn / Trễ hạn',
      value: (t) => (t.state === 'done' ? (isOnTime(t) ? 'Đúng hạn' : 'Trễ hạn') : t.overdue ? 'Quá hạn' : ''),
    },
    { header: 'Tài liệu kiểm chứng', value: (t) => t.evidence ?? '' },
    { header: 'Tệp kiểm chứng', value: (t) => (t.files ?? []).map((f) => f.name).join('; ') },
  ];
}

type CountRow = Counts & { label: string };

function countColumns(rule: PercentRule, first: string): Column<CountRow>[] {
  const pct = (r: Counts) => percentCell(r.done, r.total - r.cancelled, rule);
  return [
    { header: first, value: (r) => r.label },
    { header: 'Tổng số', value: (r) => r.total },
    { header: 'Hoàn thành', value: (r) => r.done },
    { header: 'Đúng hạn', value: (r) => r.doneOnTime },
    { header: 'Trễ hạn', value: (r) => r.doneLate },
    { header: 'Chờ duyệt', value: (r) => r.inReview },
    { header: 'Đang thực hiện', value: (r) => r.inProgress },
    { header: 'Chưa thực hiện', value: (r) => r.notStarted },
    { header: 'Quá hạn', value: (r) => r.overdue },
    { header: 'Đã hủy', value: (r) => r.cancelled },
    { header: 'Tỷ lệ hoàn thành', value: (r) => pct(r).value, numFmt: pct({ done: 0, total: 1, cancelled: 0 } as Counts).numFmt },
  ];
}

/**
 * The plan's own counts (the plan, each area, each unit), then what is counted apart (remediation
 * after inspection: in all, and for each unit that has some), never mixed into the plan's rows. A
 * review frozen before `extra` existed has no such rows: it shows what it froze.
 */
function addProgressSheet(book: ExcelJS.Workbook, progress: FrozenProgress, n: Names, rule: PercentRule, title: string): void {
  const sheet = book.addWorksheet('Tổng hợp');
  const apart = (label: string, extra: Counts | undefined): CountRow[] => (extra && extra.total > 0 ? [{ ...extra, label }] : []);
  const rows: CountRow[] = [
    { ...progress, label: 'Toàn kế hoạch' },
    ...progress.byArea.map((a) => ({ ...a, label: n.area(a.areaId) })),
    ...progress.byUnit.map((u) => ({ ...u, label: n.unit(u.unitId) })),
    ...apart(`${EXTRA_LABEL} (ngoài kế hoạch)`, progress.extra),
    ...progress.byUnit.flatMap((u) => apart(`${EXTRA_LABEL}: ${n.unit(u.unitId)}`, u.extra)),
  ];
  writeTable(sheet, countColumns(rule, title), rows);
}

function addEmulationSheet(book: ExcelJS.Workbook, verdicts: UnitVerdict[], n: Names): void {
  const sheet = book.addWorksheet('Thi đua');
  writeTable<UnitVerdict>(sheet, [
    { header: 'Đơn vị', value: (v) => n.unit(v.unitId) },
    { header: 'Kết quả xét thi đua', value: (v) => EMULATION_LABELS[v.verdict] },
    { header: 'Hoàn thành', value: (v) => v.done },
    { header: 'Trễ hạn', value: (v) => v.doneLate },
    { header: 'Chưa hoàn thành', value: (v) => v.notDone },
    { header: 'Ghi chú', value: (v) => v.note ?? '' },
    { header: 'Chính thức', value: (v) => (v.final ? 'Đã khóa sổ' : 'Tạm tính') },
  ], verdicts);
}

async function finish(book: ExcelJS.Workbook): Promise<Uint8Array> {
  book.creator = 'Tiến Độ';
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The plan's own tasks on one sheet; tasks from inspection findings on their own, named for their source. */
export async function planWorkbook(plan: PlanDetail, progress: FrozenProgress, verdicts: UnitVerdict[]): Promise<Uint8Array> {
  const book = new (await loadExcel()).Workbook();
  const n = names(plan);
  const rule = plan.settings.percentRule ?? DEFAULT_PERCENT_RULE;
  writeTable(book.addWorksheet('Nhiệm vụ'), taskColumns(n), plan.tasks.filter(countsInPlan));
  const remediation = plan.tasks.filter((t) => !countsInPlan(t));
  if (remediation.length) {
    writeTable(book.addWorksheet(EXTRA_LABEL), [
      ...taskColumns(n),
      {
        header: 'Theo kết luận kiểm tra',
        // A PAR Index task names its criterion here instead (it has no inspection).
        value: (t) => (!t.source ? '' : isInspectionSource(t.source) ? (t.source.decisionNo ?? t.source.inspectionId) : `Chỉ số CCHC, tiêu chí ${t.source.criterion}`),
      },
    ], remediation);
  }
  addProgressSheet(book, progress, n, rule, plan.title);
  addEmulationSheet(book, verdicts, n);
  return finish(book);
}

// A review's lists are as frozen (new reviews hold only the plan's own tasks there).
export async function reviewWorkbook(review: Review, plan: PlanDetail, periodLabel: string): Promise<Uint8Array> {
  const book = new (await loadExcel()).Workbook();
  const n = names(plan);
  const rule = plan.settings.percentRule ?? DEFAULT_PERCENT_RULE;
  addProgressSheet(book, review.progress, n, rule, `${periodLabel} (số liệu đến ${formatDateVi(review.asOf)})`);
  writeTable(book.addWorksheet('Quá hạn'), taskColumns(n), review.overdue);
  writeTable(book.addWorksheet('Chậm tiến độ'), taskColumns(n), review.lagging);
  writeTable<Review['directives'][number]>(book.addWorksheet('Chỉ đạo'), [
    { header: 'Nội dung chỉ đạo, chấn chỉnh', value: (d) => d.text },
    { header: 'Đơn vị thực hiện', value: (d) => (d.unitId ? n.unit(d.unitId) : '') },
    { header: 'Thời hạn', value: (d) => dateCell(d.deadline), numFmt: DATE_FORMAT },
    { header: 'Ngày ghi', value: (d) => dateCell(localDate(d.at)), numFmt: DATE_FORMAT },
  ], review.directives);
  return finish(book);
}
