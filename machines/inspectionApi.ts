import { z } from 'zod';
import { isoDate, text } from './api';
import { FileIds, type AttachedFile } from './files';
import type { Coverage } from './inspectionProgress';
import {
  FINDING_EVENT_TYPES,
  INSPECTION_LIFECYCLE_EVENT_TYPES,
  type Conclusion,
  type FindingEventType,
  type FindingState,
  type InspectionEventType,
  type InspectionState,
} from './inspection';

/**
 * API.md "Inspections" in one place: request schemas (validated on the server, reused by the
 * screens' forms) and response types. Routes and screens import these; nobody restates them.
 */

const longText = (max: number) => z.string().trim().max(max).optional();
const expectedVersion = z.number().int().nonnegative().optional();

export const CreateInspectionBody = z.object({
  planId: text(100),
  title: text(500),
  decisionNo: text(100).optional(),
  targetUnitId: text(100),
  scheduledOn: isoDate,
  teamUserIds: z.array(text(200)).min(1).max(50),
  leadUserId: text(200),
});
export type CreateInspectionBody = z.infer<typeof CreateInspectionBody>;

export const ConclusionBody = z.object({
  strengths: text(20000),
  shortcomings: text(20000),
  recommendations: text(20000),
});

export const InspectionEventBody = z.object({
  type: z.enum(INSPECTION_LIFECYCLE_EVENT_TYPES),
  expectedVersion,
  comment: longText(2000),
  /** SUBMIT_SELF_REPORT */
  report: longText(20000),
  /** SUBMIT_SELF_REPORT: uploaded files' ids (POST /api/files). */
  files: FileIds.optional(),
  /** CONCLUDE */
  conclusion: ConclusionBody.optional(),
  remediationDeadline: isoDate.optional(),
  /** CANCEL */
  reason: longText(2000),
});
export type InspectionEventBody = z.infer<typeof InspectionEventBody>;

export const FindingBody = z.object({
  areaId: text(100),
  description: text(4000),
  cause: longText(4000),
  recommendation: text(4000),
  deadline: isoDate.optional(),
  /** Also put a remediation task owned by the inspected unit on the plan's board, in the same commit. */
  createTask: z.boolean().optional(),
  /** Uploaded files' ids (a photo taken on site). */
  files: FileIds.optional(),
});
export type FindingBody = z.infer<typeof FindingBody>;

export const FindingEventBody = z.object({
  type: z.enum(FINDING_EVENT_TYPES),
  expectedVersion,
  comment: longText(2000),
  /** REPORT_REMEDIATION */
  evidence: longText(2000),
  /** REPORT_REMEDIATION: uploaded files' ids. */
  files: FileIds.optional(),
  /** REJECT */
  reason: longText(2000),
});
export type FindingEventBody = z.infer<typeof FindingEventBody>;

export interface Finding {
  id: string;
  inspectionId: string;
  areaId: string;
  description: string;
  cause?: string;
  recommendation: string;
  deadline?: string;
  state: FindingState;
  evidence?: string;
  /** Why the latest remediation report was rejected (an addition to API.md's shape). */
  rejectReason?: string;
  taskId?: string;
  /** Files recorded with the finding and its remediation reports, oldest first. */
  files: AttachedFile[];
  overdue: boolean;
  version: number;
  allowedEvents: FindingEventType[];
}

export interface Inspection {
  id: string;
  planId: string;
  title: string;
  decisionNo?: string;
  targetUnitId: string;
  scheduledOn: string;
  teamUserIds: string[];
  leadUserId: string;
  state: InspectionState;
  version: number;
  selfReport?: string;
  /** Files sent with the self-inspection report, oldest first. */
  selfReportFiles: AttachedFile[];
  conclusion?: Conclusion;
  concludedOn?: string;
  remediationDeadline?: string;
  /** Why it was cancelled (an addition to API.md's shape). */
  cancelReason?: string;
  findings: Finding[];
  /** May include RECORD_FINDING (sent as POST …/findings), so screens show that form from here too. */
  allowedEvents: InspectionEventType[];
}

export interface InspectionProgramme {
  planId: string;
  year: number;
  inspections: Inspection[];
  coverage: Coverage;
}
