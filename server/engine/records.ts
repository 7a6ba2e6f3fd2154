import type { Area, ParTaskSource, PlanSettings, TaskDefinition, Unit } from '../../machines/api';
import type { PersistedPlanMachine } from '../../machines/plan';
import type { PersistedTaskMachine } from '../../machines/task';
import type { AttachedFile } from '../../machines/files';
import type { InspectionRecord, TaskSource } from './inspections/records';
import type { DossierRecord, ParRecord } from './par/records';

/** What the engine holds in memory and snapshots to disk, one plan at a time. */

export type { ParTaskSource, TaskDefinition };

export interface TaskRecord extends Omit<TaskDefinition, 'ownerUnitId'> {
  planId: string;
  version: number;
  /** The task's state lives here and only here; the owner is part of the machine's context. */
  machine: PersistedTaskMachine;
  /** A task added from an inspection finding or a PAR criterion links back to it (counted apart from the plan's own). */
  source?: TaskSource | ParTaskSource;
  /** Evidence files accepted with its SUBMITs, oldest first (absent until the first). */
  files?: AttachedFile[];
}

export interface PlanDefinition {
  id: string;
  year: number;
  title: string;
  agency: { code: string; name: string };
  areas: Area[];
  units: Unit[];
  tasks: TaskDefinition[];
  settings: PlanSettings;
}

export interface PlanRecord extends Omit<PlanDefinition, 'tasks'> {
  version: number;
  machine: PersistedPlanMachine;
  /** Board order: the order tasks were defined in. */
  taskIds: string[];
  tasks: Record<string, TaskRecord>;
  /** The plan year's inspections (server/engine/inspections), each with its findings. */
  inspections?: Record<string, InspectionRecord>;
  /** The year's PAR Index self-assessments (server/engine/par), by id. */
  par?: Record<string, ParRecord>;
  /** The year's dossier figures, by row key (year, period, unit, procedure group). */
  dossiers?: Record<string, DossierRecord>;
}
