import { z } from 'zod';
import { ChangePasswordBody, NewUserBody, ResetPasswordBody, UserPatchBody } from '../../machines/accounts';
import { LoginBody, PlanEventBody, TaskEventBody } from '../../machines/api';
import { CatalogueChangeBody } from '../../machines/catalogue';
import { CreateInspectionBody, FindingBody, FindingEventBody, InspectionEventBody } from '../../machines/inspectionApi';
import { CreateReviewBody, DirectiveBody } from '../../machines/reviewApi';
import { MarkReadBody, PreferencesBody } from '../../machines/notificationsApi';
import { CreateParBody, DossierBody, ParAppraisalBody, ParCriterionPatch, ParEventBody, ParScoreBody, ParTaskBody } from '../../machines/parApi';
import * as R from './responses';

/**
 * Every /api route the app serves, described: the request bodies are the very zod schemas the routes
 * validate with (machines/*), the answers those of ./responses.ts. test/server/openapi.test.ts fails
 * when the app serves a route that is not in this table, or the table names one the app does not
 * serve: a new route is described here, next to nothing else, and the document follows.
 */

export type Access = 'public' | 'session' | 'leader' | 'leader or coordinator';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono's form (`/api/plans/:planId`); the document uses `{planId}`. */
  path: string;
  tag: string;
  summary: string;
  access: Access;
  query?: Record<string, { schema: z.ZodType; description: string }>;
  body?: z.ZodType;
  /** multipart/form-data fields, for the one upload. */
  form?: z.ZodType;
  /** Success status → JSON schema, or a non-JSON content (Excel, event stream), or null for no body. */
  answers: Record<number, z.ZodType | { media: string; description: string } | null>;
  /** POST event routes take Idempotency-Key (docs/api.md). */
  idempotent?: boolean;
}

const asOf = { asOf: { schema: z.string(), description: 'Ngày YYYY-MM-DD: kế hoạch như cuối ngày đó (giờ Việt Nam)' } };
const planIdQuery = { planId: { schema: z.string(), description: 'Mã kế hoạch' } };
/** Answers whose fields are not yet written out as a schema here (the PAR Index's views): any JSON object. */
const anObject = (what: string) => z.looseObject({}).describe(what);
const upload = (extra: Record<string, z.ZodType> = {}) =>
  z.object({ file: z.string().describe('tệp .xlsx (binary)'), year: z.string().optional(), ...extra });
const xlsx = { media: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', description: 'Tệp Excel' };

export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/api/health', tag: 'Hệ thống', summary: 'Máy chủ còn chạy', access: 'public',
    query: { detail: { schema: z.string(), description: 'Có mặt: kèm số luồng trực tiếp' } }, answers: { 200: R.HealthSchema } },
  { method: 'get', path: '/api/openapi.json', tag: 'Hệ thống', summary: 'Tài liệu OpenAPI 3.1 này', access: 'public',
    answers: { 200: { media: 'application/json', description: 'Tài liệu OpenAPI 3.1' } } },
  { method: 'get', path: '/api/docs', tag: 'Hệ thống', summary: 'Tài liệu API cho người đọc (HTML)', access: 'public',
    answers: { 200: { media: 'text/html', description: 'Trang HTML' } } },
  { method: 'get', path: '/api/docs.css', tag: 'Hệ thống', summary: 'Bảng kiểu của trang tài liệu', access: 'public',
    answers: { 200: { media: 'text/css', description: 'CSS' } } },

  { method: 'post', path: '/api/session', tag: 'Phiên đăng nhập', summary: 'Đăng nhập (đặt cookie phiên)', access: 'public',
    body: LoginBody, answers: { 200: z.object({ user: R.UserSchema }) } },
  { method: 'get', path: '/api/me', tag: 'Phiên đăng nhập', summary: 'Người đang đăng nhập', access: 'session', answers: { 200: z.object({ user: R.UserSchema }) } },
  { method: 'delete', path: '/api/session', tag: 'Phiên đăng nhập', summary: 'Đăng xuất', access: 'session', answers: { 204: null } },
  { method: 'post', path: '/api/me/password', tag: 'Phiên đăng nhập', summary: 'Đổi mật khẩu của mình', access: 'session', body: ChangePasswordBody, answers: { 204: null } },

  { method: 'get', path: '/api/plans', tag: 'Kế hoạch', summary: 'Danh sách kế hoạch và tiến độ', access: 'session', answers: { 200: z.array(R.PlanSummarySchema) } },
  { method: 'get', path: '/api/plans/:planId', tag: 'Kế hoạch', summary: 'Một kế hoạch: lĩnh vực, đơn vị, nhiệm vụ', access: 'session', query: asOf, answers: { 200: R.PlanDetailSchema } },
  { method: 'get', path: '/api/plans/:planId/progress', tag: 'Kế hoạch', summary: 'Tiến độ theo lĩnh vực và đơn vị', access: 'session', query: asOf, answers: { 200: R.ProgressSchema } },
  { method: 'get', path: '/api/plans/:planId/history', tag: 'Kế hoạch', summary: 'Lịch sử sự kiện của kế hoạch', access: 'session', answers: { 200: z.array(R.HistoryEntrySchema) } },
  { method: 'post', path: '/api/plans/:planId/events', tag: 'Kế hoạch', summary: 'Sự kiện kế hoạch (ban hành, kết thúc, thêm nhiệm vụ, đổi hạn, cài đặt)', access: 'session',
    body: PlanEventBody, idempotent: true, answers: { 200: z.object({ plan: R.PlanDetailSchema }) } },
  { method: 'post', path: '/api/plans/:planId/catalogue', tag: 'Kế hoạch', summary: 'Đổi tên, gộp đơn vị; đổi tên lĩnh vực', access: 'leader or coordinator',
    body: CatalogueChangeBody, answers: { 200: z.object({ plan: R.PlanDetailSchema }) } },
  { method: 'get', path: '/api/plans/:planId/emulation', tag: 'Kế hoạch', summary: 'Xét thi đua từng đơn vị', access: 'session', query: asOf, answers: { 200: z.array(R.UnitVerdictSchema) } },
  { method: 'get', path: '/api/plans/:planId/trend', tag: 'Kế hoạch', summary: 'Diễn biến theo tuần: đến hạn và hoàn thành', access: 'session', query: asOf, answers: { 200: z.array(R.TrendWeekSchema) } },
  { method: 'post', path: '/api/plans/import', tag: 'Kế hoạch', summary: 'Nhập kế hoạch (bản nháp) từ tệp Excel mẫu', access: 'leader or coordinator',
    form: z.object({ file: z.string().describe('tệp .xlsx (binary)'), year: z.string().optional(), title: z.string().optional(), createUnknown: z.enum(['true', 'false']).optional() }),
    answers: { 201: z.object({ plan: R.PlanDetailSchema }) } },
  { method: 'get', path: '/api/plans/:planId/export.xlsx', tag: 'Báo cáo', summary: 'Xuất kế hoạch ra Excel', access: 'session', answers: { 200: xlsx } },
  { method: 'get', path: '/api/import/template.xlsx', tag: 'Báo cáo', summary: 'Tệp Excel mẫu để nhập kế hoạch', access: 'session', answers: { 200: xlsx } },

  { method: 'get', path: '/api/tasks/:taskId', tag: 'Nhiệm vụ', summary: 'Một nhiệm vụ', access: 'session', answers: { 200: R.TaskSchema } },
  { method: 'post', path: '/api/tasks/:taskId/events', tag: 'Nhiệm vụ', summary: 'Chuyển trạng thái nhiệm vụ', access: 'session', body: TaskEventBody, idempotent: true,
    answers: { 200: z.object({ task: R.TaskSchema }) } },
  { method: 'get', path: '/api/tasks/:taskId/history', tag: 'Nhiệm vụ', summary: 'Lịch sử của nhiệm vụ', access: 'session', answers: { 200: z.array(R.HistoryEntrySchema) } },

  { method: 'get', path: '/api/periods', tag: 'Kỳ báo cáo', summary: 'Các kỳ báo cáo của một năm', access: 'session',
    query: { year: { schema: z.string(), description: 'Năm (2000–2100); mặc định năm nay' } }, answers: { 200: z.array(R.PeriodSchema) } },
  { method: 'post', path: '/api/plans/:planId/reviews', tag: 'Kỳ báo cáo', summary: 'Lập bản sơ kết kỳ (đóng băng số liệu)', access: 'leader or coordinator', body: CreateReviewBody,
    answers: { 201: z.object({ review: R.ReviewSchema }) } },
  { method: 'get', path: '/api/plans/:planId/reviews', tag: 'Kỳ báo cáo', summary: 'Các bản sơ kết của kế hoạch', access: 'session', answers: { 200: z.array(R.ReviewSchema) } },
  { method: 'get', path: '/api/reviews/:id', tag: 'Kỳ báo cáo', summary: 'Một bản sơ kết', access: 'session', answers: { 200: R.ReviewSchema } },
  { method: 'post', path: '/api/reviews/:id/directives', tag: 'Kỳ báo cáo', summary: 'Ghi chỉ đạo của lãnh đạo', access: 'leader', body: DirectiveBody,
    answers: { 201: z.object({ directive: R.DirectiveSchema }) } },
  { method: 'get', path: '/api/reviews/:id/export.xlsx', tag: 'Báo cáo', summary: 'Xuất bản sơ kết ra Excel', access: 'session', answers: { 200: xlsx } },

  { method: 'get', path: '/api/inspections', tag: 'Kiểm tra', summary: 'Các cuộc kiểm tra', access: 'session', query: planIdQuery, answers: { 200: z.array(R.InspectionSchema) } },
  { method: 'get', path: '/api/inspections/programme', tag: 'Kiểm tra', summary: 'Chương trình kiểm tra năm và độ bao phủ', access: 'session', query: planIdQuery, answers: { 200: R.ProgrammeSchema } },
  { method: 'get', path: '/api/inspections/people', tag: 'Kiểm tra', summary: 'Những người có thể cử vào đoàn', access: 'session', answers: { 200: z.array(R.UserSchema) } },
  { method: 'post', path: '/api/inspections', tag: 'Kiểm tra', summary: 'Lập cuộc kiểm tra', access: 'session', body: CreateInspectionBody,
    answers: { 201: z.object({ inspection: R.InspectionSchema }) } },
  { method: 'get', path: '/api/inspections/:id', tag: 'Kiểm tra', summary: 'Một cuộc kiểm tra và các phát hiện', access: 'session', answers: { 200: R.InspectionSchema } },
  { method: 'get', path: '/api/inspections/:id/history', tag: 'Kiểm tra', summary: 'Lịch sử cuộc kiểm tra và phát hiện', access: 'session',
    answers: { 200: z.array(R.HistoryEntrySchema.extend({ findingId: z.string().optional() })) } },
  { method: 'post', path: '/api/inspections/:id/events', tag: 'Kiểm tra', summary: 'Bước của cuộc kiểm tra', access: 'session', body: InspectionEventBody, idempotent: true,
    answers: { 200: z.object({ inspection: R.InspectionSchema }) } },
  { method: 'post', path: '/api/inspections/:id/findings', tag: 'Kiểm tra', summary: 'Ghi một phát hiện', access: 'session', body: FindingBody,
    answers: { 201: z.object({ finding: R.FindingSchema }) } },
  { method: 'post', path: '/api/inspections/:id/findings/:findingId/events', tag: 'Kiểm tra', summary: 'Bước khắc phục phát hiện', access: 'session', body: FindingEventBody,
    idempotent: true, answers: { 200: z.object({ finding: R.FindingSchema }) } },

  { method: 'get', path: '/api/users', tag: 'Tài khoản', summary: 'Danh sách tài khoản', access: 'leader', answers: { 200: z.array(R.AccountSchema) } },
  { method: 'post', path: '/api/users', tag: 'Tài khoản', summary: 'Tạo tài khoản', access: 'leader', body: NewUserBody, answers: { 201: z.object({ user: R.AccountSchema }) } },
  { method: 'patch', path: '/api/users/:id', tag: 'Tài khoản', summary: 'Sửa vai trò, đơn vị, khóa/mở tài khoản', access: 'leader', body: UserPatchBody,
    answers: { 200: z.object({ user: R.AccountSchema }) } },
  { method: 'post', path: '/api/users/:id/password', tag: 'Tài khoản', summary: 'Đặt lại mật khẩu', access: 'leader', body: ResetPasswordBody, answers: { 204: null } },

  { method: 'get', path: '/api/notifications', tag: 'Thông báo', summary: 'Thông báo của mình, mới nhất trước', access: 'session',
    query: { unread: { schema: z.enum(['1', 'true']), description: 'Chỉ những thông báo chưa đọc' } }, answers: { 200: z.array(R.NotificationSchema) } },
  { method: 'post', path: '/api/notifications/read', tag: 'Thông báo', summary: 'Đánh dấu đã đọc (theo ids, hoặc all: true)', access: 'session', body: MarkReadBody, answers: { 204: null } },
  { method: 'get', path: '/api/me/preferences', tag: 'Thông báo', summary: 'Tùy chọn nhắc việc của mình', access: 'session', answers: { 200: R.PreferencesSchema } },
  { method: 'patch', path: '/api/me/preferences', tag: 'Thông báo', summary: 'Đổi email, nhắc việc qua email, bản tổng hợp', access: 'session', body: PreferencesBody,
    answers: { 200: R.PreferencesSchema } },
  { method: 'get', path: '/api/unsubscribe', tag: 'Thông báo', summary: 'Tắt email nhắc việc từ liên kết trong email (không cần đăng nhập)', access: 'public',
    query: { u: { schema: z.string(), description: 'Mã người dùng' }, t: { schema: z.string(), description: 'Khóa bí mật trong liên kết' } },
    answers: { 200: { media: 'text/html', description: 'Trang xác nhận' }, 404: { media: 'text/html', description: 'Liên kết không hợp lệ' } } },

  { method: 'post', path: '/api/files', tag: 'Tệp minh chứng', summary: 'Tải lên một tệp minh chứng (PDF, ảnh, văn bản)', access: 'session',
    form: z.object({ file: z.string().describe('tệp (binary)') }), answers: { 201: z.object({ file: R.FileRefAnswerSchema }) } },
  { method: 'get', path: '/api/files/:id', tag: 'Tệp minh chứng', summary: 'Tải về một tệp (người được xem đối tượng có tệp)', access: 'session',
    answers: { 200: { media: '*/*', description: 'Nội dung tệp, với kiểu đã nhận diện khi tải lên' } } },

  { method: 'get', path: '/api/par', tag: 'Chỉ số CCHC', summary: 'Các bộ Chỉ số CCHC (PAR Index) của một năm', access: 'session',
    query: { year: { schema: z.string(), description: 'Năm; mặc định năm nay' } }, answers: { 200: z.array(anObject('Một bộ chỉ số')) } },
  { method: 'post', path: '/api/par', tag: 'Chỉ số CCHC', summary: 'Lập bộ chỉ số', access: 'session', body: CreateParBody,
    answers: { 201: z.object({ index: anObject('Bộ chỉ số') }) } },
  { method: 'get', path: '/api/par/template.xlsx', tag: 'Chỉ số CCHC', summary: 'Tệp Excel mẫu bộ chỉ số', access: 'session', answers: { 200: xlsx } },
  { method: 'post', path: '/api/par/import', tag: 'Chỉ số CCHC', summary: 'Nhập bộ chỉ số từ tệp Excel mẫu', access: 'session',
    form: upload(), answers: { 201: z.object({ index: anObject('Bộ chỉ số') }) } },
  { method: 'get', path: '/api/par/:id', tag: 'Chỉ số CCHC', summary: 'Một bộ chỉ số: tiêu chí, điểm, thẩm định', access: 'session', answers: { 200: anObject('Bộ chỉ số') } },
  { method: 'get', path: '/api/par/:id/export.xlsx', tag: 'Chỉ số CCHC', summary: 'Xuất bộ chỉ số ra Excel', access: 'session', answers: { 200: xlsx } },
  { method: 'get', path: '/api/par/:id/history', tag: 'Chỉ số CCHC', summary: 'Lịch sử bộ chỉ số', access: 'session', answers: { 200: z.array(R.HistoryEntrySchema) } },
  { method: 'post', path: '/api/par/:id/events', tag: 'Chỉ số CCHC', summary: 'Bước của bộ chỉ số', access: 'session', body: ParEventBody,
    answers: { 200: z.object({ index: anObject('Bộ chỉ số') }) } },
  { method: 'patch', path: '/api/par/:id/criteria/:code', tag: 'Chỉ số CCHC', summary: 'Sửa một tiêu chí', access: 'session', body: ParCriterionPatch,
    answers: { 200: z.object({ criterion: anObject('Tiêu chí') }) } },
  { method: 'put', path: '/api/par/:id/criteria/:code/score', tag: 'Chỉ số CCHC', summary: 'Tự chấm điểm một tiêu chí (kèm tệp minh chứng)', access: 'session', body: ParScoreBody,
    answers: { 200: z.object({ criterion: anObject('Tiêu chí') }) } },
  { method: 'put', path: '/api/par/:id/criteria/:code/appraisal', tag: 'Chỉ số CCHC', summary: 'Thẩm định điểm một tiêu chí', access: 'session', body: ParAppraisalBody,
    answers: { 200: z.object({ criterion: anObject('Tiêu chí') }) } },
  { method: 'post', path: '/api/par/:id/criteria/:code/task', tag: 'Chỉ số CCHC', summary: 'Giao nhiệm vụ cải thiện một tiêu chí (lên bảng nhiệm vụ)', access: 'session', body: ParTaskBody,
    answers: { 201: z.object({ task: R.TaskSchema }) } },

  { method: 'get', path: '/api/dossiers', tag: 'Chỉ số CCHC', summary: 'Số liệu hồ sơ thủ tục hành chính theo kỳ', access: 'session',
    query: { year: { schema: z.string(), description: 'Năm' }, period: { schema: z.string(), description: 'Kỳ' } }, answers: { 200: anObject('Báo cáo số liệu hồ sơ') } },
  { method: 'post', path: '/api/dossiers', tag: 'Chỉ số CCHC', summary: 'Ghi một dòng số liệu hồ sơ', access: 'session', body: DossierBody,
    answers: { 201: z.object({ row: anObject('Dòng số liệu') }) } },
  { method: 'get', path: '/api/dossiers/template.xlsx', tag: 'Chỉ số CCHC', summary: 'Tệp Excel mẫu số liệu hồ sơ', access: 'session', answers: { 200: xlsx } },
  { method: 'post', path: '/api/dossiers/import', tag: 'Chỉ số CCHC', summary: 'Nhập số liệu hồ sơ từ tệp Excel mẫu', access: 'session',
    form: upload(), answers: { 201: z.object({ rows: z.array(anObject('Dòng số liệu')) }) } },

  { method: 'get', path: '/api/stream', tag: 'Trực tiếp', summary: 'Luồng sự kiện (Server-Sent Events): task, progress, plan, inspection', access: 'session',
    answers: { 200: { media: 'text/event-stream', description: 'Sự kiện: task (Task), progress (Progress & {planId}), plan ({planId}), inspection (Inspection)' } } },
];
