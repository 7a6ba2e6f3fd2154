import type { InspectionBlocker } from './inspectionDecision';
import type { FindingEventType, FindingState, InspectionEventType, InspectionState } from './inspection';

/** Vietnamese names of the inspection cycle, shared by the screens and the server's error messages. */
export const INSPECTION_STATE_LABELS: Record<InspectionState, string> = {
  planned: 'Đã lập kế hoạch',
  notified: 'Đã thông báo',
  selfReported: 'Đã nộp báo cáo tự kiểm tra',
  fieldwork: 'Đang kiểm tra trực tiếp',
  concluded: 'Đã kết luận',
  closed: 'Đã kết thúc',
  cancelled: 'Đã hủy',
};

export const INSPECTION_EVENT_LABELS: Record<InspectionEventType, string> = {
  NOTIFY: 'Gửi thông báo kiểm tra',
  SUBMIT_SELF_REPORT: 'Nộp báo cáo tự kiểm tra',
  START_FIELDWORK: 'Bắt đầu kiểm tra trực tiếp',
  RECORD_FINDING: 'Ghi nhận tồn tại, hạn chế',
  CONCLUDE: 'Ban hành kết luận kiểm tra',
  CLOSE: 'Kết thúc cuộc kiểm tra',
  CANCEL: 'Hủy cuộc kiểm tra',
};

export const FINDING_STATE_LABELS: Record<FindingState, string> = {
  open: 'Chưa khắc phục',
  remediated: 'Đã báo cáo khắc phục',
  verified: 'Đã xác nhận khắc phục',
};

export const FINDING_EVENT_LABELS: Record<FindingEventType, string> = {
  REPORT_REMEDIATION: 'Báo cáo khắc phục',
  VERIFY: 'Xác nhận đã khắc phục',
  REJECT: 'Không chấp nhận kết quả khắc phục',
};

/** Why a step is refused for now, said so the person knows what to do (InspectionBlocker). */
export const INSPECTION_BLOCKER_MESSAGES: Record<InspectionBlocker, string> = {
  findingsNotVerified: 'Chưa thể kết thúc cuộc kiểm tra: còn tồn tại, hạn chế chưa được xác nhận khắc phục.',
  taskNotDone: 'Chưa thể xác nhận khắc phục: nhiệm vụ khắc phục trên bảng chưa hoàn thành.',
  inspectionNotConcluded: 'Chỉ báo cáo và xác nhận khắc phục sau khi có kết luận kiểm tra và trước khi kết thúc.',
};

/** The card label of a task made from a finding: "Từ kiểm tra 432/QĐ-STP". */
export const fromInspectionLabel = (decisionNo: string | undefined) =>
  decisionNo ? `Từ kiểm tra ${decisionNo}` : 'Từ cuộc kiểm tra';
