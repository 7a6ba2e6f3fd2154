import { z } from 'zod';
import type { ApiError, Area, Directive, HistoryEntry, PlanDetail, PlanSummary, Review, Task, Unit, User } from '../../machines/api';
import { EMULATION_VERDICTS } from '../../machines/emulationRule';
import type { UnitVerdict } from '../../machines/emulation';
import { CONCLUSION_PARTS, FINDING_EVENT_TYPES, FINDING_STATES, INSPECTION_EVENT_TYPES, INSPECTION_STATES } from '../../machines/inspection';
import type { Finding, Inspection, InspectionProgramme } from '../../machines/inspectionApi';
import { PERIOD_CODES, type Period } from '../../machines/periods';
import { PLAN_EVENT_TYPES, PLAN_STATES } from '../../machines/plan';
import type { Counts, FrozenProgress, Progress } from '../../machines/progress';
import { ROLES } from '../../machines/roles';
import { TASK_EVENT_TYPES, TASK_STATES } from '../../machines/task';
import type { TrendWeek } from '../../machines/trend';
import type { AccountView } from '../store/accountsPort';
import type { Notification, Preferences } from '../../machines/notificationsApi';
import { DIGEST_CHOICES, NOTIFICATION_KINDS } from '../../machines/reminders';
import { NewTaskBody } from '../../machines/api';
import { FileRefSchema } from '../../machines/files';

/**
 * The answers' shapes as zod schemas, for the OpenAPI document only. The routes build their answers
 * as the TypeScript types of machines/ (the contract the client reads); each schema here is checked
 * at compile time to be exactly that type (`same` below), so a field added to a type and not here,
 * or the other way round, fails `tsc`: the document cannot drift from the answers.
 */

/** Both ways assignable, and the same keys at every level (optional fields included). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? SameKeys<A, B> : false) : false;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type IsUnion<T> = [T] extends [UnionToIntersection<T>] ? false : true;
type SameKeys<A, B> = IsUnion<A> extends true ? true // a union (a task's source): assignability both ways is the check
  : A extends readonly (infer I)[]
  ? B extends readonly (infer J)[] ? Same<I, J> : false
  : A extends object
    ? string extends keyof A ? true // an open record (HistoryEntry's payload): assignability is the check
    : [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? AllTrue<{ [K in keyof A]-?: K extends keyof B ? Same<NonNullable<A[K]>, NonNullable<B[K]>> : false }> : false) : false
    : true;
type AllTrue<O> = false extends O[keyof O] ? false : true;
/** Compile-time only: `same<typeof Schema, Type>(true)` fails to typecheck unless both agree. */
const same = <S extends z.ZodType, T>(_: Same<z.output<S>, T>) => undefined;

const isoInstant = z.string().describe('ISO 8601 instant');
const isoDay = z.string().describe('ngày YYYY-MM-DD');
const actorRef = z.object({ id: z.string(), username: z.string() });

export const ErrorSchema = z.object({
  error: z.object({
    code: z.enum(['bad_request', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'transition_not_allowed', 'payload_too_large', 'unsupported_media_type', 'idempotency_mismatch', 'rate_limited', 'internal']),
    message: z.string().describe('tiếng Việt, cho người đọc'),
    details: z.unknown().optional(),
  }),
});
same<typeof ErrorSchema, ApiError>(true);

export const UserSchema = z.object({ id: z.string(), username: z.string(), name: z.string(), role: z.enum(ROLES), unitId: z.string().nullable(), email: z.string().optional().describe('nơi gửi email nhắc việc') });
same<typeof UserSchema, User>(true);
export const AccountSchema = UserSchema.extend({ disabled: z.boolean() });
same<typeof AccountSchema, AccountView>(true);

export const AreaSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });
same<typeof AreaSchema, Area>(true);
export const UnitSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });
same<typeof UnitSchema, Unit>(true);

export const AttachedFileSchema = FileRefSchema.extend({ at: isoInstant, by: actorRef });

export const TaskSchema = NewTaskBody.extend({
  id: z.string(),
  planId: z.string(),
  state: z.enum(TASK_STATES),
  version: z.number().int(),
  completedAt: isoInstant.optional(),
  evidence: z.string().optional(),
  files: z.array(AttachedFileSchema).optional(),
  source: z.union([
    z.object({ inspectionId: z.string(), findingId: z.string(), decisionNo: z.string().optional(), inspectionCancelled: z.boolean().optional() }),
    z.object({ parIndexId: z.string(), criterion: z.string() }),
  ]).optional(),
  inspectionOverdue: z.boolean().optional(),
  overdue: z.boolean(),
  allowedEvents: z.array(z.enum(TASK_EVENT_TYPES)),
});
same<typeof TaskSchema, Task>(true);

const countFields = {
  total: z.number().int(), done: z.number().int(), doneOnTime: z.number().int(), doneLate: z.number().int(),
  inProgress: z.number().int(), notStarted: z.number().int(), inReview: z.number().int(), cancelled: z.number().int(),
  overdue: z.number().int(), percent: z.number().describe('done / (total − cancelled) × 100, chưa làm tròn'),
};
const CountsSchema = z.object(countFields);
same<typeof CountsSchema, Counts>(true);
const extra = { extra: CountsSchema.describe('nhiệm vụ ngoài kế hoạch (từ phát hiện kiểm tra…), tính riêng') };
export const ProgressSchema = z.object({
  ...countFields,
  ...extra,
  byArea: z.array(z.object({ ...countFields, ...extra, areaId: z.string() })),
  byUnit: z.array(z.object({ ...countFields, ...extra, unitId: z.string() })),
});
same<typeof ProgressSchema, Progress>(true);
/** As a review froze it: reviews stored before `extra` existed lack it. */
const optionalExtra = { extra: CountsSchema.optional() };
export const FrozenProgressSchema = z.object({
  ...countFields,
  ...optionalExtra,
  byArea: z.array(z.object({ ...countFields, ...optionalExtra, areaId: z.string() })),
  byUnit: z.array(z.object({ ...countFields, ...optionalExtra, unitId: z.string() })),
});
same<typeof FrozenProgressSchema, FrozenProgress>(true);

export const PlanSummarySchema = z.object({ id: z.string(), year: z.number().int(), title: z.string(), status: z.enum(PLAN_STATES), progress: ProgressSchema });
same<typeof PlanSummarySchema, PlanSummary>(true);

export const PlanDetailSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  title: z.string(),
  status: z.enum(PLAN_STATES),
  decision: z.object({ no: z.string(), date: isoDay }).optional(),
  agency: z.object({ code: z.string(), name: z.string() }),
  version: z.number().int(),
  settings: z.object({
    percentRule: z.object({ mode: z.enum(['halfUp', 'truncate']), decimals: z.number().int() }),
    emulationRule: z.object({ late: z.enum(EMULATION_VERDICTS) }).optional(),
  }),
  allowedEvents: z.array(z.enum(PLAN_EVENT_TYPES)),
  areas: z.array(AreaSchema),
  units: z.array(UnitSchema),
  tasks: z.array(TaskSchema),
});
same<typeof PlanDetailSchema, PlanDetail>(true);

export const HistoryEntrySchema = z.looseObject({
  seq: z.number().int(),
  at: isoInstant,
  type: z.string(),
  by: actorRef,
  from: z.string(),
  to: z.string(),
  evidence: z.string().optional(),
  reason: z.string().optional(),
  comment: z.string().optional(),
});
same<typeof HistoryEntrySchema, HistoryEntry>(true);

export const DirectiveSchema = z.object({ id: z.string(), text: z.string(), unitId: z.string().optional(), deadline: isoDay.optional(), at: isoInstant, by: actorRef });
same<typeof DirectiveSchema, Directive>(true);

export const ReviewSchema = z.object({
  id: z.string(),
  planId: z.string(),
  period: z.enum(PERIOD_CODES),
  year: z.number().int(),
  from: isoDay,
  to: isoDay,
  asOf: isoDay,
  createdAt: isoInstant,
  createdBy: actorRef,
  progress: FrozenProgressSchema,
  lagging: z.array(TaskSchema),
  overdue: z.array(TaskSchema),
  directives: z.array(DirectiveSchema),
});
same<typeof ReviewSchema, Review>(true);

export const PeriodSchema = z.object({ code: z.enum(PERIOD_CODES), year: z.number().int(), label: z.string(), from: isoDay, to: isoDay, dueBy: isoDay });
same<typeof PeriodSchema, Period>(true);

export const FindingSchema = z.object({
  id: z.string(),
  inspectionId: z.string(),
  areaId: z.string(),
  description: z.string(),
  cause: z.string().optional(),
  recommendation: z.string(),
  deadline: isoDay.optional(),
  state: z.enum(FINDING_STATES),
  evidence: z.string().optional(),
  rejectReason: z.string().optional(),
  taskId: z.string().optional(),
  files: z.array(AttachedFileSchema),
  overdue: z.boolean(),
  version: z.number().int(),
  allowedEvents: z.array(z.enum(FINDING_EVENT_TYPES)),
});
same<typeof FindingSchema, Finding>(true);

const conclusion = z.object(Object.fromEntries(CONCLUSION_PARTS.map((p) => [p, z.string()])) as Record<(typeof CONCLUSION_PARTS)[number], z.ZodString>);

export const InspectionSchema = z.object({
  id: z.string(),
  planId: z.string(),
  title: z.string(),
  decisionNo: z.string().optional(),
  targetUnitId: z.string(),
  scheduledOn: isoDay,
  teamUserIds: z.array(z.string()),
  leadUserId: z.string(),
  state: z.enum(INSPECTION_STATES),
  version: z.number().int(),
  selfReport: z.string().optional(),
  selfReportFiles: z.array(AttachedFileSchema),
  conclusion: conclusion.optional(),
  concludedOn: isoDay.optional(),
  remediationDeadline: isoDay.optional(),
  cancelReason: z.string().optional(),
  findings: z.array(FindingSchema),
  allowedEvents: z.array(z.enum(INSPECTION_EVENT_TYPES)),
});
same<typeof InspectionSchema, Inspection>(true);

export const ProgrammeSchema = z.object({
  planId: z.string(),
  year: z.number().int(),
  inspections: z.array(InspectionSchema),
  coverage: z.object({ inspectedUnits: z.number().int(), totalUnits: z.number().int(), percent: z.number() }),
});
same<typeof ProgrammeSchema, InspectionProgramme>(true);

export const UnitVerdictSchema = z.object({
  unitId: z.string(),
  verdict: z.enum(EMULATION_VERDICTS),
  done: z.number().int(),
  doneLate: z.number().int(),
  notDone: z.number().int(),
  note: z.string().optional(),
  final: z.boolean(),
  lateTasks: z.array(z.string()),
  notDoneTasks: z.array(z.string()),
  remediationNotDoneTasks: z.array(z.string()).describe('nhiệm vụ khắc phục chưa xong: chỉ ghi chú'),
});
same<typeof UnitVerdictSchema, UnitVerdict>(true);

export const FileRefAnswerSchema = FileRefSchema;

export const TrendWeekSchema = z.object({
  start: isoDay,
  end: isoDay,
  due: z.number().int(),
  dueCumulative: z.number().int(),
  done: z.number().int().nullable(),
  doneCumulative: z.number().int().nullable(),
});
same<typeof TrendWeekSchema, TrendWeek>(true);

export const HealthSchema = z.object({
  ok: z.literal(true),
  streams: z.object({ open: z.number().int(), dropped: z.number().int() }).optional(),
  mail: z.object({ sent: z.number().int(), failed: z.number().int(), queued: z.number().int() }).optional().describe('chỉ khi có cấu hình gửi thư'),
});

export const NotificationSchema = z.object({
  id: z.string(),
  at: isoInstant,
  kind: z.enum(NOTIFICATION_KINDS),
  text: z.string(),
  link: z.string().describe('đường dẫn trong ứng dụng, ví dụ /?task=<id>'),
  read: z.boolean(),
});
same<typeof NotificationSchema, Notification>(true);

export const PreferencesSchema = z.object({ email: z.string().optional(), emailReminders: z.boolean(), digest: z.enum(DIGEST_CHOICES) });
same<typeof PreferencesSchema, Preferences>(true);
