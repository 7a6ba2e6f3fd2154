import type { Area, PlanSettings, TaskDefinition, Unit } from '../../machines/api';
import type { PersistedPlanMachine } from '../../machines/plan';
import type { PersistedTaskMachine } from '../../machines/task';
import type { AttachedFile } from '../../machines/files';
import type { InspectionRecord, TaskSource } from './inspections/records';

/** What the engine holds in memory and snapshots to disk, one plan at a time. */

export type { TaskDefinition };

export interface TaskRecord extends Omit<TaskDefinition, 'ownerUnitId'> {
  planId: string;
  version: number;
  /** The task's state lives here and only here; the owner is part of the machine's context. */
  machine: PersistedTaskMachine;
  /** A remediation task made from an inspection finding links back to it. */
  source?: TaskSource;
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
}
