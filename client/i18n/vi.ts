import { TASK_EVENT_LABELS, TASK_STATE_LABELS, ROLE_LABELS, PLAN_STATUS_LABELS } from '../../machines/labels';
import type { TaskInputField } from '../../machines/task';
import type { Decision, PlanStatus } from '../../machines/plan';
import { formatDateVi } from '../../machines/dates';

/** One formatter for every count: `toLocaleString` builds a new one per call. Same output. */
const numberVi = new Intl.NumberFormat('vi-VN');
const num = (n: number) => numberVi.format(n);

/** Every word the board shows. Domain labels come from machines/labels.ts, shared with the server. */
export const vi = {
  /** BCP 47 tag for Intl (numbers, percentages). */
  locale: 'vi-VN',
  number: num,
  switchTo: 'English',
  switchToLabel: 'Switch to English',
  appName: 'Tiến Độ',
  planLine: (status: PlanStatus, decision?: Decision) =>
    PLAN_STATUS_LABELS[status] + (decision ? ` · số ${decision.no} ngày ${formatDateVi(decision.date)}` : ''),
  states: TASK_STATE_LABELS,
  events: TASK_EVENT_LABELS,
  roles: ROLE_LABELS,
  planStatus: PLAN_STATUS_LABELS,
  login: {
    title: 'Đăng nhập',
    subtitle: 'Theo dõi tiến độ kế hoạch cải cách hành chính',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    submitting: 'Đang đăng nhập…',
    missing: 'Vui lòng nhập tên đăng nhập và mật khẩu.',
  },
  session: {
    logout: 'Đăng xuất',
    loading: 'Đang tải…',
    noUnit: 'Không thuộc đơn vị',
    offline: 'Mất kết nối máy chủ, đang kết nối lại…',
  },
  board: {
    past: (date: string) => `Đang xem kế hoạch như tại cuối ngày ${date}: chỉ xem, không chuyển được nhiệm vụ.`,
    label: 'Bảng nhiệm vụ',
    loading: 'Đang tải kế hoạch…',
    noPlan: 'Chưa có kế hoạch nào.',
    empty: 'Không có nhiệm vụ',
    count: (n: number) => `${num(n)} nhiệm vụ`,
    cancelZone: 'Thả vào đây để hủy nhiệm vụ',
    notAllowed: 'Không được chuyển vào cột này',
  },
  card: {
    overdue: 'Quá hạn',
    onTime: 'Đúng hạn',
    late: 'Trễ hạn',
    deadline: 'Thời hạn',
    moveTo: 'Chuyển sang…',
    noMoves: 'Bạn không có bước chuyển nào cho nhiệm vụ này.',
    pending: 'Đang lưu…',
    moveMenu: (code: string) => `Chuyển nhiệm vụ ${code} sang cột khác`,
  },
  move: {
    option: (event: string, state: string) => `${state} (${event})`,
    fieldLabel: { evidence: 'Tài liệu kiểm chứng', reason: 'Lý do' } satisfies Record<TaskInputField, string>,
    fieldHint: {
      evidence: 'Sản phẩm đã hoàn thành: số, ngày văn bản hoặc đường dẫn.',
      reason: 'Ghi rõ lý do để lưu vào lịch sử nhiệm vụ.',
    } satisfies Record<TaskInputField, string>,
    required: {
      evidence: 'Vui lòng nhập tài liệu kiểm chứng.',
      reason: 'Vui lòng nhập lý do.',
    } satisfies Record<TaskInputField, string>,
    title: (event: string, code: string) => `${event}: nhiệm vụ ${code}`,
    confirm: 'Xác nhận',
    cancel: 'Hủy bỏ',
    done: (code: string, state: string) => `Đã chuyển nhiệm vụ ${code} sang “${state}”.`,
    refused: (code: string, message: string) => `Không chuyển được nhiệm vụ ${code}: ${message}`,
  },
  dnd: {
    instructions:
      'Để chuyển một nhiệm vụ: nhấn phím cách để nhấc thẻ lên, dùng phím mũi tên trái hoặc phải để chọn cột, ' +
      'nhấn phím cách lần nữa để thả, hoặc Esc để hủy. Có thể dùng nút “Chuyển sang…” trên thẻ thay cho việc kéo thả. ' +
      'Nhấn Enter để xem chi tiết nhiệm vụ.',
    start: (code: string, state: string) => `Đã nhấc nhiệm vụ ${code} từ cột ${state}.`,
    over: (code: string, state: string) => `Nhiệm vụ ${code} đang ở trên cột ${state}.`,
    overNothing: (code: string) => `Nhiệm vụ ${code} không ở trên cột nào có thể thả.`,
    end: (code: string, state: string) => `Đã thả nhiệm vụ ${code} vào cột ${state}.`,
    endNothing: (code: string) => `Nhiệm vụ ${code} được thả lại chỗ cũ.`,
    cancel: (code: string) => `Đã hủy kéo; nhiệm vụ ${code} trở lại chỗ cũ.`,
  },
  filters: {
    asOf: 'Xem tại ngày',
    today: 'Về hôm nay',
    label: 'Bộ lọc',
    search: 'Tìm theo mã hoặc tên nhiệm vụ',
    searchPlaceholder: 'Tìm mã, tên nhiệm vụ…',
    area: 'Lĩnh vực',
    unit: 'Đơn vị chủ trì',
    all: 'Tất cả',
    mine: 'Đơn vị của tôi',
    overdue: 'Quá hạn',
    cancelled: 'Hiện nhiệm vụ đã hủy',
    lanes: 'Phân làn',
    laneOptions: { none: 'Không phân làn', area: 'Theo lĩnh vực', unit: 'Theo đơn vị' },
    clear: 'Xóa lọc',
    shown: (shown: number, total: number) =>
      `Đang hiện ${num(shown)}/${num(total)} nhiệm vụ`,
  },
  detail: {
    close: 'Đóng',
    code: 'Mã',
    title: 'Nhiệm vụ',
    area: 'Lĩnh vực',
    owner: 'Đơn vị chủ trì',
    coordinating: 'Đơn vị phối hợp',
    output: 'Kết quả, sản phẩm',
    deadline: 'Thời hạn',
    state: 'Trạng thái',
    completedAt: 'Ngày hoàn thành',
    result: 'Kết quả thời hạn',
    evidence: 'Tài liệu kiểm chứng',
    version: 'Phiên bản',
    none: '—',
    history: 'Lịch sử',
    historyLoading: 'Đang tải lịch sử…',
    historyEmpty: 'Chưa có thay đổi nào.',
    historyCols: { at: 'Thời điểm', by: 'Người thực hiện', event: 'Thao tác', move: 'Chuyển trạng thái', note: 'Ghi chú' },
    reason: 'Lý do',
    comment: 'Ý kiến',
  },
  progress: {
    label: 'Tiến độ kế hoạch',
    onTime: 'đúng hạn',
    late: 'trễ hạn',
    overdue: 'quá hạn',
    inReview: 'chờ duyệt',
    inProgress: 'đang thực hiện',
    notStarted: 'chưa thực hiện',
    byArea: 'Theo lĩnh vực',
    area: (code: string, name: string) => `Lĩnh vực ${code}: ${name}`,
    /** Tasks from inspection findings: counted apart from the plan (Progress.extra). */
    extra: 'Khắc phục sau kiểm tra',
    extraLine: (doneOf: string, overdue: number) =>
      `Khắc phục sau kiểm tra: ${doneOf} nhiệm vụ${overdue ? `, ${overdue} quá hạn` : ''} (không tính vào tỷ lệ thực hiện kế hoạch)`,
  },
  errors: {
    network: 'Không kết nối được máy chủ. Vui lòng thử lại.',
    unexpected: (status: number) => `Máy chủ trả lỗi không mong đợi (mã ${status}).`,
    sessionEnded: 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.',
    dismiss: 'Đóng thông báo',
  },
};

export type Dict = typeof vi;
