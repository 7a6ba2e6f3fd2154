import type { AttachedFile } from '../../../machines/files';
import type { PersistedFindingMachine, PersistedInspectionMachine } from '../../../machines/inspection';

/**
 * What the engine holds of the inspection cycle, on the plan record (snapshotted with the plan).
 * Each inspection and each finding is a stream of its own; `version` is that stream's version.
 */

export interface FindingRecord {
  id: string;
  inspectionId: string;
  version: number;
  machine: PersistedFindingMachine;
  /** Files recorded with the finding and with its remediation reports, oldest first. */
  files?: AttachedFile[];
}

export interface InspectionRecord {
  id: string;
  planId: string;
  /** Its place in the plan's programme (1, 2, …): names its remediation tasks (KT1.1, KT1.2, …). */
  number: number;
  version: number;
  machine: PersistedInspectionMachine;
  /** Recording order. */
  findingIds: string[];
  findings: Record<string, FindingRecord>;
  /** Files sent with the self-inspection report, oldest first. */
  selfReportFiles?: AttachedFile[];
}

/** A remediation task's link back to the finding it was made from (and the decision, for its card). */
export interface TaskSource {
  inspectionId: string;
  findingId: string;
  decisionNo?: string;
}
