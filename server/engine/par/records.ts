import type { AttachedFile } from '../../../machines/files';
import type { DossierRow } from '../../../machines/parApi';
import type { ParState } from '../../../machines/par';
import type { ParCriterionDef, ParLeafScore } from '../../../machines/parTree';

/**
 * What the engine holds of the PAR Index and the dossier figures, on the plan record of their year
 * (snapshotted with it). Each index is a stream of kind `par`; each dossier row (year, period, unit,
 * procedure group) a stream of kind `dossier` whose latest entry is the row in force.
 */

export interface ParLeafRecord extends ParLeafScore {
  /** The files accepted with its self scores, oldest first. */
  files?: AttachedFile[];
  /** Entries that changed this criterion (definition, score, appraisal). */
  version: number;
}

export interface ParRecord {
  id: string;
  planId: string;
  /** Its place among the plan's indexes (1, 2, …): names it (`<planId>-par<n>`). */
  number: number;
  year: number;
  title: string;
  version: number;
  state: ParState;
  /** The latest REOPEN's reason, until the next SUBMIT. */
  reopenReason?: string;
  /** The structure, in code order; frozen at START_SCORING. */
  criteria: ParCriterionDef[];
  leaves: Record<string, ParLeafRecord>;
}

export type DossierRecord = DossierRow & { version: number };
