import type { FindingEventType, FindingState, InspectionEventType, InspectionInputField, InspectionState } from '../../../machines/inspection';
import {
  FINDING_EVENT_LABELS,
  FINDING_STATE_LABELS,
  INSPECTION_EVENT_LABELS,
  INSPECTION_STATE_LABELS,
} from '../../../machines/inspectionLabels';

/** Error messages of the inspection cycle a person can act on, in Vietnamese (API.md: `message` is for a person). */

const q = (s: string) => `«${s}»`;

const FIELD_NAMES: Record<InspectionInputField | 'teamUserIds' | 'leadUserId' | 'targetUnitId' | 'planId', string> = {
  report: 'báo cáo tự kiểm tra (report)',
  conclusion: 'kết luận: ưu điểm, tồn tại hạn chế và kiến nghị (conclusion)',
  remediationDeadline: 'thời hạn khắc phục không sớm hơn ngày kết luận (remediationDeadline)',
  reason: 'lý do (reason)',
  areaId: 'lĩnh vực (areaId)',
  description: 'nội dung tồn tại, hạn chế (description)',
  recommendation: 'kiến nghị khắc phục (recommendation)',
  evidence: 'tài liệu kiểm chứng kết quả khắc phục (evidence)',
  teamUserIds: 'thành viên đoàn kiểm tra (teamUserIds)',
  leadUserId: 'trưởng đoàn là một thành viên của đoàn (leadUserId)',
  targetUnitId: 'đơn vị được kiểm tra (targetUnitId)',
  planId: 'kế hoạch (planId)',
};

export const inspectionMessages = {
  filesNotTaken: 'Tệp kiểm chứng chỉ gửi kèm báo cáo tự kiểm tra, khi ghi nhận tồn tại hoặc khi báo cáo khắc phục.',
  notFound: (id: string) => `Không tìm thấy cuộc kiểm tra ${q(id)}.`,
  findingNotFound: (id: string) => `Không tìm thấy tồn tại, hạn chế ${q(id)} trong cuộc kiểm tra này.`,
  field: (field: keyof typeof FIELD_NAMES) => `Cần nhập hoặc sửa: ${FIELD_NAMES[field]}.`,
  unknownPlan: (id: string) => `Kế hoạch ${q(id)} không tồn tại (planId).`,
  unknownUnit: (id: string) => `Đơn vị ${q(id)} không có trong kế hoạch (targetUnitId).`,
  unknownArea: (id: string) => `Lĩnh vực ${q(id)} không có trong kế hoạch (areaId).`,
  unknownUsers: (ids: string[]) => `Không có người dùng ${ids.map(q).join(', ')} (teamUserIds).`,
  createForbidden: 'Chỉ Văn phòng Sở (đầu mối) hoặc lãnh đạo Sở được lập cuộc kiểm tra.',
  forbidden: (type: InspectionEventType) =>
    type === 'SUBMIT_SELF_REPORT'
      ? 'Chỉ trưởng đơn vị được kiểm tra được nộp báo cáo tự kiểm tra.'
      : type === 'CONCLUDE' || type === 'CLOSE'
        ? `Chỉ trưởng đoàn kiểm tra được ${q(INSPECTION_EVENT_LABELS[type])}.`
        : type === 'NOTIFY' || type === 'CANCEL'
          ? `Chỉ Văn phòng Sở hoặc lãnh đạo Sở được ${q(INSPECTION_EVENT_LABELS[type])}.`
          : `Chỉ thành viên đoàn kiểm tra được ${q(INSPECTION_EVENT_LABELS[type])}.`,
  findingForbidden: (type: FindingEventType) =>
    type === 'REPORT_REMEDIATION'
      ? 'Chỉ trưởng đơn vị được kiểm tra được báo cáo kết quả khắc phục.'
      : `Chỉ thành viên đoàn kiểm tra được ${q(FINDING_EVENT_LABELS[type])}.`,
  wrongState: (state: InspectionState, type: InspectionEventType) =>
    `Cuộc kiểm tra đang ở trạng thái ${q(INSPECTION_STATE_LABELS[state])}, không thể ${q(INSPECTION_EVENT_LABELS[type])}.`,
  findingWrongState: (state: FindingState, type: FindingEventType) =>
    `Tồn tại, hạn chế đang ở trạng thái ${q(FINDING_STATE_LABELS[state])}, không thể ${q(FINDING_EVENT_LABELS[type])}.`,
  conflict: (current: number, sent: number) =>
    `Cuộc kiểm tra vừa được người khác cập nhật (phiên bản ${current}, bạn gửi ${sent}). Hãy tải lại và thử lại.`,
  findingConflict: (current: number, sent: number) =>
    `Tồn tại, hạn chế này vừa được người khác cập nhật (phiên bản ${current}, bạn gửi ${sent}). Hãy tải lại và thử lại.`,
  planClosed: 'Kế hoạch năm đã khóa sổ: không thể thêm nhiệm vụ khắc phục vào bảng.',
  taskTitle: (description: string) => {
    const title = `Khắc phục: ${description}`;
    return title.length > 500 ? `${title.slice(0, 499)}…` : title;
  },
  taskReason: (decisionNo: string | undefined) =>
    decisionNo ? `Khắc phục tồn tại theo kết luận kiểm tra ${decisionNo}` : 'Khắc phục tồn tại theo kết luận kiểm tra',
  redateReason: (decisionNo: string | undefined, deadline: string) =>
    `Thời hạn khắc phục theo kết luận kiểm tra${decisionNo ? ` ${decisionNo}` : ''}: ${deadline}`,
};
