import { z } from 'zod';
import { FINDING_EVENT_TYPES, INSPECTION_LIFECYCLE_EVENT_TYPES } from '../../../machines/inspection';
import { migrateFindingSnapshot, migrateInspectionSnapshot } from '../../../machines/inspectionMigrations';
import { attach, filesOfPayload, FileRefSchema } from '../../../machines/files';
import { registerPayloadSchema, type LogEntry } from '../../store/entries';
import { registerSnapshotMigration } from '../snapshotSchema';
import { registerApplier } from '../apply';
import type { PlanRecord } from '../records';
import type { InspectionRecord } from './records';

/**
 * How inspection and finding entries change the plan they belong to. Each entry carries the
 * machine snapshot after it, so state is rebuilt from the log without re-deciding; snapshots pass
 * through the migration path, as task snapshots do.
 */

export const CREATE_INSPECTION = 'CREATE';
export const RECORD_FINDING = 'RECORD';

function inspectionOf(plan: PlanRecord, id: string, entry: LogEntry): InspectionRecord {
  const inspection = plan.inspections && Object.hasOwn(plan.inspections, id) ? plan.inspections[id] : undefined;
  if (!inspection) throw new Error(`log entry ${entry.seq} names unknown inspection ${id}`);
  return inspection;
}

export function applyInspectionEntry(plan: PlanRecord, entry: LogEntry): void {
  const id = entry.streamId!;
  const machine = migrateInspectionSnapshot(entry.snapshot!);
  if (entry.type === CREATE_INSPECTION) {
    plan.inspections ??= {};
    plan.inspections[id] = {
      id, planId: plan.id, number: entry.payload!.number as number, version: 1, machine, findingIds: [], findings: {},
    };
    return;
  }
  const inspection = inspectionOf(plan, id, entry);
  inspection.machine = machine;
  inspection.version++;
  const files = filesOfPayload(entry.payload);
  if (files.length) inspection.selfReportFiles = attach(inspection.selfReportFiles, files, entry.at, entry.by);
}

export function applyFindingEntry(plan: PlanRecord, entry: LogEntry): void {
  const id = entry.streamId!;
  const inspection = inspectionOf(plan, entry.payload!.inspectionId as string, entry);
  const machine = migrateFindingSnapshot(entry.snapshot!);
  const files = filesOfPayload(entry.payload);
  if (entry.type === RECORD_FINDING) {
    inspection.findings[id] = { id, inspectionId: inspection.id, version: 1, machine, ...(files.length ? { files: attach(undefined, files, entry.at, entry.by) } : {}) };
    inspection.findingIds.push(id);
    return;
  }
  const finding = inspection.findings[id];
  if (!finding) throw new Error(`log entry ${entry.seq} names unknown finding ${id}`);
  finding.machine = machine;
  finding.version++;
  if (files.length) finding.files = attach(finding.files, files, entry.at, entry.by);
}

/** Snapshots written by an older build: every inspection and finding machine up to the current version. */
export function migrateInspectionRecords(plan: PlanRecord): void {
  for (const inspection of Object.values(plan.inspections ?? {})) {
    inspection.machine = migrateInspectionSnapshot(inspection.machine as unknown as Record<string, unknown>);
    for (const finding of Object.values(inspection.findings)) {
      finding.machine = migrateFindingSnapshot(finding.machine as unknown as Record<string, unknown>);
    }
  }
}

const optionalText = z.string().optional();

registerApplier('inspection', applyInspectionEntry);
registerSnapshotMigration(migrateInspectionRecords);
registerApplier('finding', applyFindingEntry);
registerPayloadSchema(
  'inspection',
  z.union([
    z.object({ type: z.literal(CREATE_INSPECTION), number: z.number().int().positive() }).passthrough(),
    z
      .object({
        type: z.enum(INSPECTION_LIFECYCLE_EVENT_TYPES),
        report: optionalText,
        reason: optionalText,
        comment: optionalText,
        remediationDeadline: optionalText,
        redatedTaskIds: z.array(z.string()).optional(),
        files: z.array(FileRefSchema).optional(),
      })
      .passthrough(),
  ]),
);
registerPayloadSchema(
  'finding',
  z
    .object({
      type: z.enum([RECORD_FINDING, ...FINDING_EVENT_TYPES]),
      inspectionId: z.string().min(1),
      evidence: optionalText,
      reason: optionalText,
      comment: optionalText,
      files: z.array(FileRefSchema).optional(),
    })
    .passthrough(),
);
