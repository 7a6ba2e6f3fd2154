import type { DossierCountField, DossierPeriod } from './dossiers';
import type { ParCriterionAction, ParEventType, ParState } from './par';
import type { ParBlocker } from './parDecision';
import type { ParMethod } from './parTree';

/** Vietnamese names of the PAR Index's states, steps and methods: server messages and the page use these. */

export const PAR_STATE_LABELS: Record<ParState, string> = {
  draft: 'Dự thảo',
  scoring: 'Đang tự chấm',
  submitted: 'Đã gửi thẩm định',
  appraised: 'Đã thẩm định',
};

export const PAR_EVENT_LABELS: Record<ParEventType, string> = {
  START_SCORING: 'Bắt đầu tự chấm',
  SUBMIT: 'Gửi thẩm định',
  RECORD_APPRAISAL_DONE: 'Hoàn tất ghi kết quả thẩm định',
  REOPEN: 'Mở lại để chấm',
};

export const PAR_CRITERION_ACTION_LABELS: Record<ParCriterionAction, string> = {
  EDIT: 'sửa tiêu chí',
  SCORE: 'tự chấm điểm',
  APPRAISE: 'ghi điểm thẩm định',
  CREATE_TASK: 'giao nhiệm vụ khắc phục',
};

export const PAR_METHOD_LABELS: Record<ParMethod, string> = {
  manual: 'Tự chấm',
  planCompletion: 'Hoàn thành kế hoạch',
  dossierOnTime: 'Hồ sơ đúng hạn',
};

export const PAR_BLOCKER_MESSAGES: Record<ParBlocker, string> = {
  unscored: 'Còn tiêu chí chưa được chấm điểm; chấm đủ mọi tiêu chí trước khi gửi thẩm định.',
  unappraised: 'Còn tiêu chí chưa có điểm thẩm định.',
  computed: 'Tiêu chí này được tính tự động từ số liệu và thang điểm; không nhập điểm tay.',
  notALeaf: 'Điểm của tiêu chí cha là tổng điểm các tiêu chí con; hãy chấm từng tiêu chí con.',
  atMaximum: 'Tiêu chí đã đạt điểm tối đa; không cần giao nhiệm vụ khắc phục.',
};

/** The dossier counts as the agency's report columns name them: the import template and the page's form. */
export const DOSSIER_COUNT_LABELS: Record<DossierCountField, string> = {
  carriedOver: 'Kỳ trước chuyển sang',
  receivedOnline: 'Tiếp nhận trực tuyến',
  receivedDirect: 'Tiếp nhận trực tiếp, bưu chính',
  resolvedEarly: 'Giải quyết trước hạn',
  resolvedOnTime: 'Giải quyết đúng hạn',
  resolvedLate: 'Giải quyết quá hạn',
  pendingWithinTime: 'Đang giải quyết trong hạn',
  pendingOverdue: 'Đang giải quyết quá hạn',
  cancelled: 'Hủy, dừng giải quyết',
  digitizedAtIntake: 'Số hóa khi tiếp nhận',
  digitizedResults: 'Số hóa kết quả',
  resultsIssued: 'Kết quả đã trả',
  digitizedBoth: 'Số hóa cả đầu vào và đầu ra',
};

export const DOSSIER_PERIOD_LABELS: Record<DossierPeriod, string> = {
  Q1: 'Quý I', H1: '6 tháng', Q3: 'Quý III', Y: 'Cả năm',
  M01: 'Tháng 1', M02: 'Tháng 2', M03: 'Tháng 3', M04: 'Tháng 4', M05: 'Tháng 5', M06: 'Tháng 6',
  M07: 'Tháng 7', M08: 'Tháng 8', M09: 'Tháng 9', M10: 'Tháng 10', M11: 'Tháng 11', M12: 'Tháng 12',
};
