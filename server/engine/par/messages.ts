import type { ParCriterionAction, ParEventType, ParState } from '../../../machines/par';
import type { ParBlocker } from '../../../machines/parDecision';
import { PAR_BLOCKER_MESSAGES, PAR_CRITERION_ACTION_LABELS, PAR_EVENT_LABELS, PAR_STATE_LABELS } from '../../../machines/parLabels';

/** Error messages of the PAR Index and the dossier figures a person can act on, in Vietnamese. */

const q = (s: string) => `«${s}»`;

export const parMessages = {
  notFound: (id: string) => `Không tìm thấy bộ chỉ số CCHC ${q(id)}.`,
  criterionNotFound: (code: string) => `Không có tiêu chí ${q(code)} trong bộ chỉ số này.`,
  createForbidden: 'Chỉ Văn phòng Sở (đầu mối CCHC) hoặc lãnh đạo Sở được tạo bộ chỉ số CCHC.',
  noPlanForYear: (year: number, planId?: string) =>
    planId ? `Không tìm thấy kế hoạch ${q(planId)}.` : `Chưa có kế hoạch CCHC năm ${year}; hãy tạo hoặc nhập kế hoạch trước.`,
  planOfOtherYear: (planYear: number, year: number) => `Kế hoạch được chọn là của năm ${planYear}, không phải năm ${year}.`,
  unknownUnits: (codes: string[]) => `Đơn vị không có trong kế hoạch (tiêu chí hoặc đơn vị: ${codes.join(', ')}).`,
  badStructure: 'Cấu trúc bộ chỉ số chưa đúng; xem danh sách lỗi theo từng mã tiêu chí.',
  emptyIndex: 'Bộ chỉ số chưa có tiêu chí nào để chấm.',
  conflict: (current: number, sent: number) => `Nội dung vừa được người khác cập nhật (phiên bản ${current}, bạn gửi ${sent}). Hãy tải lại và thử lại.`,
  forbidden: (type: ParEventType) => `Vai trò của bạn không được thực hiện thao tác ${q(PAR_EVENT_LABELS[type])}.`,
  criterionForbidden: (action: ParCriterionAction) =>
    action === 'SCORE'
      ? 'Chỉ trưởng đơn vị được giao chấm tiêu chí này hoặc Văn phòng Sở được nhập điểm tự chấm.'
      : `Vai trò của bạn không được ${q(PAR_CRITERION_ACTION_LABELS[action])}.`,
  reasonMissing: 'Cần nhập lý do cho thao tác này.',
  wrongState: (state: ParState, type: ParEventType) => `Bộ chỉ số đang ở trạng thái ${q(PAR_STATE_LABELS[state])}, không thể ${q(PAR_EVENT_LABELS[type])}.`,
  criterionWrongState: (state: ParState, action: ParCriterionAction) =>
    `Bộ chỉ số đang ở trạng thái ${q(PAR_STATE_LABELS[state])}, không thể ${q(PAR_CRITERION_ACTION_LABELS[action])}.`,
  blocked: (blocker: ParBlocker) => PAR_BLOCKER_MESSAGES[blocker],
  score: (code: string, problem: string) => `Tiêu chí ${code}: ${problem}.`,
  planNotIssued: 'Kế hoạch chưa ban hành hoặc đã khóa sổ; không thể thêm nhiệm vụ khắc phục.',
  noArea: 'Kế hoạch chưa có lĩnh vực nào để gắn nhiệm vụ.',
  taskOutput: (code: string, title: string) => `Nâng điểm tiêu chí ${code} — ${title}`,
  taskReason: (code: string) => `Khắc phục tiêu chí ${code} của Chỉ số CCHC có điểm chưa đạt tối đa`,
  dossierForbidden: 'Chỉ Văn phòng Sở được nhập số liệu hồ sơ thủ tục hành chính.',
};
