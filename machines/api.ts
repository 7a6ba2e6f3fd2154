import { z } from 'zod';
import type { Decision, PlanEventType, PlanStatus } from './plan';
import type { PercentRule } from './percent';
import { EMULATION_VERDICTS, type EmulationRule } from './emulationRule';
import type { FrozenProgress, Progress } from './progress';
import type { Role } from './roles';
import { TASK_EVENT_TYPES, type TaskEventType, type TaskState } from './task';
import { PLAN_EVENT_TYPES } from './plan';
import { isIsoDate } from './dates';
import type { Inspection } from './inspectionApi';
import type { PeriodCode } from './periods';
import { FileIds, type AttachedFile } from './files';

/**
 * The HTTP contract of API.md in one place: request schemas (validated on the server, reused by
 * the board's forms) and response types. Server routes and the client import these; nobody
 * restates them.
 */

export const text = (max: number) => z.string().trim().min(1).max(max);
export const isoDate = z.string().refine(isIsoDate, { message: 'phải là ngày dạng YYYY-MM-DD' });

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const TaskEventBody = z.object({
  type: z.enum(TASK_EVENT_TYPES),
  expectedVersion: z.number().int().nonnegative().optional(),
  comment: z.string().trim().max(2000).optional(),
  evidence: z.string().trim().max(2000).optional(),
  reason: z.string().trim().max(2000).optional(),
  /** SUBMIT: uploaded files' ids (POST /api/files), beside or instead of the evidence text. */
  files: FileIds.optional(),
});
export type TaskEventBody = z.infer<typeof TaskEventBody>;

export const NewTaskBody = z.object({
  areaId: text(100),
  code: text(20),
  title: text(500),
  ownerUnitId: text(100),
  coordinatingUnitIds: z.array(text(100)).max(200).default([]),
  output: z.string().trim().max(2000).default(''),
  deadline: isoDate,
});
export type NewTaskBody = z.infer<typeof NewTaskBody>;

export const PercentRuleBody = z.object({
  mode: z.enum(['halfUp', 'truncate']),
  decimals: z.number().int().min(0).max(4),
});

/** How a late completion counts at year close (machines/emulation.ts). */
export const EmulationRuleBody = z.object({ late: z.enum(EMULATION_VERDICTS) });

export const PlanEventBody = z.object({
  type: z.enum(PLAN_EVENT_TYPES),
  expectedVersion: z.number().int().nonnegative().optional(),
  decisionNo: text(100).optional(),
  decisionDate: isoDate.optional(),
  reason: z.string().trim().max(2000).optional(),
  /** ADD_TASK */
  task: NewTaskBody.optional(),
  /** CHANGE_DEADLINE */
  taskId: text(200).optional(),
  deadline: isoDate.optional(),
  /** CHANGE_SETTINGS */
  settings: z.object({ percentRule: PercentRuleBody, emulationRule: EmulationRuleBody.optional() }).optional(),
});
export type PlanEventBody = z.infer<typeof PlanEventBody>;

export interface User {
  id: string;
  username: string;
  name: string;
  role: Role;
  unitId: string | null;
  /** Where reminders are mailed (API.md "Notifications and reminders"). */
  email?: string;
}

export interface Area {
  id: string;
  code: string;
  name: string;
}

export interface Unit {
  id: string;
  code: string;
  name: string;
}

/** A remediation task made from an inspection finding (decisionNo: for the card's label). */
export interface InspectionTaskSource {
  inspectionId: string;
  findingId: string;
  decisionNo?: string;
  inspectionCancelled?: boolean;
}

/** A task made to lift a low PAR Index criterion. */
export interface ParTaskSource {
  parIndexId: string;
  criterion: string;
}

export type TaskSourceView = InspectionTaskSource | ParTaskSource;

export const isInspectionSource = (source: TaskSourceView): source is InspectionTaskSource => 'inspectionId' in source;

/** A task as its plan defines it: the new-task schema's fields plus its id. */
export type TaskDefinition = NewTaskBody & { id: string };

export interface Task extends TaskDefinition {
  planId: string;
  state: TaskState;
  version: number;
  completedAt?: string;
  /** The latest accepted evidence (SUBMIT). */
  evidence?: string;
  /** Every file accepted with its SUBMITs, oldest first (always sent; optional for shapes built elsewhere). */
  files?: AttachedFile[];
  /** A task added from an inspection finding or a PAR criterion links back to it; counted apart from the plan's own. */
  source?: TaskSourceView;
  /** The finding this task remediates is past its deadline and not remediated (then `overdue` is true too). */
  inspectionOverdue?: boolean;
  overdue: boolean;
  allowedEvents: TaskEventType[];
}

export interface PlanSettings {
  percentRule: PercentRule;
  /** Absent on plans made before the setting existed: DEFAULT_EMULATION_RULE applies. */
  emulationRule?: EmulationRule;
}

export interface Directive {
  id: string;
  text: string;
  unitId?: string;
  deadline?: string;
  at: string;
  by: { id: string; username: string };
}

/** API.md "Reporting periods and reviews": frozen at creation, never recomputed. */
export interface Review {
  id: string;
  planId: string;
  period: PeriodCode;
  year: number;
  from: string;
  to: string;
  asOf: string;
  createdAt: string;
  createdBy: { id: string; username: string };
  /** As frozen: reviews stored before `extra` existed lack it (FrozenProgress). */
  progress: FrozenProgress;
  lagging: Task[];
  overdue: Task[];
  directives: Directive[];
}

export interface PlanSummary {
  id: string;
  year: number;
  title: string;
  status: PlanStatus;
  progress: Progress;
}

export interface PlanDetail {
  id: string;
  year: number;
  title: string;
  status: PlanStatus;
  decision?: Decision;
  agency: { code: string; name: string };
  version: number;
  settings: PlanSettings;
  allowedEvents: PlanEventType[];
  areas: Area[];
  units: Unit[];
  tasks: Task[];
}

export interface HistoryEntry {
  seq: number;
  at: string;
  type: string;
  by: { id: string; username: string };
  from: string;
  to: string;
  evidence?: string;
  reason?: string;
  comment?: string;
  [payload: string]: unknown;
}

export type ErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'transition_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'idempotency_mismatch'
  | 'rate_limited'
  | 'internal';

export interface ApiError {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** Server-Sent Events on /api/stream: event name → data. */
export interface StreamEvents {
  task: Task;
  progress: Progress & { planId: string };
  plan: { planId: string };
  /** After every accepted inspection or finding change, for the receiving user. */
  inspection: Inspection;
  /** A notification made for, or read by, the receiving user (machines/notificationsApi.ts). */
  notification: import('./notificationsApi').Notification;
}

/** State-changing requests carry this header (CSRF rule, README). */
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_VALUE = 'tiendo';
