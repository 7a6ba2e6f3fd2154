import type { AttachedFile } from '../../machines/files';
import type { PlanRecord } from '../engine/records';

/** Where an accepted file is attached: the object, for a reader to be judged against. */
export type FileHolder =
  | { kind: 'task'; planId: string; taskId: string }
  | { kind: 'inspection'; planId: string; inspectionId: string }
  | { kind: 'finding'; planId: string; inspectionId: string; findingId: string }
  | { kind: 'criterion'; planId: string; parIndexId: string; code: string };

export interface Reference {
  file: AttachedFile;
  holders: FileHolder[];
}

/** Every file an accepted event attached to a task, an inspection's self-report, a finding or a PAR criterion, by id. */
export function referencesIn(plans: Iterable<PlanRecord>): Map<string, Reference> {
  const found = new Map<string, Reference>();
  const note = (files: readonly AttachedFile[] | undefined, holder: FileHolder) => {
    for (const file of files ?? []) {
      const known = found.get(file.id);
      if (known) known.holders.push(holder);
      else found.set(file.id, { file, holders: [holder] });
    }
  };
  for (const plan of plans) {
    for (const taskId of plan.taskIds) note(plan.tasks[taskId].files, { kind: 'task', planId: plan.id, taskId });
    for (const inspection of Object.values(plan.inspections ?? {})) {
      note(inspection.selfReportFiles, { kind: 'inspection', planId: plan.id, inspectionId: inspection.id });
      for (const findingId of inspection.findingIds) {
        note(inspection.findings[findingId].files, { kind: 'finding', planId: plan.id, inspectionId: inspection.id, findingId });
      }
    }
    for (const index of Object.values(plan.par ?? {})) {
      for (const [code, leaf] of Object.entries(index.leaves)) note(leaf.files, { kind: 'criterion', planId: plan.id, parIndexId: index.id, code });
    }
  }
  return found;
}
