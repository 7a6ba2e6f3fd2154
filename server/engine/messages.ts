import { TASK_EVENT_LABELS, TASK_STATE_LABELS, PLAN_STATUS_LABELS } from '../../machines/labels';
import type { PlanEventType, PlanStatus } from '../../machines/plan';
import type { TaskEventType, TaskInputField, TaskState } from '../../machines/task';

/** Error messages a person can act on, in Vietnamese (API.md: `message` is for a person). */

const q = (s: string) => `«${s}»`;

export const messages = {
  taskNotFound: (id: string) => `Không tìm thấy nhiệm vụ ${q(id)}.`,
  planNotFound: (id: string) => `Không tìm thấy kế hoạch ${q(id)}.`,
  taskForbidden: (code: string, type: TaskEventType, ownUnit: boolean) =>
    ownUnit
      ? `Vai trò của bạn không được thực hiện thao tác ${q(TASK_EVENT_LABELS[type])} đối với nhiệm vụ ${code}.`
      : `Nhiệm vụ ${code} không thuộc đơn vị của bạn; bạn chỉ được cập nhật nhiệm vụ do đơn vị mình chủ trì.`,
  taskMissing: (field: TaskInputField) =>
    field === 'evidence'
      ? 'Cần nhập tài liệu kiểm chứng (số, ký hiệu văn bản hoặc đường dẫn) hoặc đính kèm ít nhất một tệp khi gửi kết quả.'
      : 'Cần nhập lý do cho thao tác này.',
  taskWrongState: (code: string, state: TaskState, type: TaskEventType) =>
    `Nhiệm vụ ${code} đang ở trạng thái ${q(TASK_STATE_LABELS[state])}, không thể ${q(TASK_EVENT_LABELS[type])}.`,
  planNotInForce: (status: PlanStatus) =>
    `Kế hoạch đang ở trạng thái ${q(PLAN_STATUS_LABELS[status])}; chỉ cập nhật nhiệm vụ khi kế hoạch đã ban hành và chưa khóa sổ.`,
  taskConflict: (code: string, current: number, sent: number) =>
    `Nhiệm vụ ${code} vừa được người khác cập nhật (phiên bản ${current}, bạn gửi ${sent}). Hãy tải lại và thử lại.`,
  planConflict: (current: number, sent: number) =>
    `Kế hoạch vừa được người khác cập nhật (phiên bản ${current}, bạn gửi ${sent}). Hãy tải lại và thử lại.`,
  planForbidden: (type: PlanEventType) => `Vai trò của bạn không được thực hiện thao tác ${type} đối với kế hoạch.`,
  planWrongState: (status: PlanStatus, type: PlanEventType) =>
    `Kế hoạch đang ở trạng thái ${q(PLAN_STATUS_LABELS[status])}, không thể thực hiện ${type}.`,
  planFieldMissing: (fields: string) => `Thiếu thông tin: ${fields}.`,
  unknownArea: (id: string) => `Lĩnh vực ${q(id)} không có trong kế hoạch.`,
  unknownUnit: (id: string) => `Đơn vị ${q(id)} không có trong kế hoạch.`,
  duplicateTaskCode: (code: string) => `Kế hoạch đã có nhiệm vụ mã ${code}.`,
  filesNotTaken: (type: TaskEventType) => `Thao tác ${q(TASK_EVENT_LABELS[type])} không kèm tệp; tệp kiểm chứng chỉ gửi kèm khi gửi kết quả.`,
  taskNotInPlan: (id: string) => `Nhiệm vụ ${q(id)} không thuộc kế hoạch này.`,
  idempotencyMismatch: 'Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác. Mỗi thao tác mới cần một khóa mới.',
};
