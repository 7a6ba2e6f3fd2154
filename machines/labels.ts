import type { PlanStatus } from './plan';
import type { Role } from './roles';
import type { TaskEventType, TaskState } from './task';

/** Vietnamese names shared by the board and the server's error messages. */
export const TASK_STATE_LABELS: Record<TaskState, string> = {
  notStarted: 'Chưa thực hiện',
  inProgress: 'Đang thực hiện',
  inReview: 'Chờ duyệt',
  done: 'Hoàn thành',
  cancelled: 'Đã hủy',
};

export const TASK_EVENT_LABELS: Record<TaskEventType, string> = {
  START: 'Bắt đầu thực hiện',
  SUBMIT: 'Gửi kết quả',
  APPROVE: 'Duyệt hoàn thành',
  RETURN: 'Trả lại',
  REOPEN: 'Mở lại',
  CANCEL: 'Hủy nhiệm vụ',
};

export const ROLE_LABELS: Record<Role, string> = {
  leader: 'Lãnh đạo Sở',
  coordinator: 'Đầu mối CCHC',
  unitHead: 'Trưởng đơn vị',
  inspector: 'Thành viên đoàn kiểm tra',
  viewer: 'Người xem',
};

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Dự thảo',
  issued: 'Đã ban hành',
  closed: 'Đã khóa sổ',
};
