import { CatalogueChangeBody, changeCatalogue, remapTaskUnits, type CatalogueChange } from '../../machines/catalogue';
import { registerApplier } from '../engine/apply';
import type { PlanRecord } from '../engine/records';
import { registerPayloadSchema } from '../store/entries';

/**
 * The `catalogue` stream kind (one stream per plan): renaming a unit or an area, merging a unit
 * into another. Task ids never change, so every task keeps its history; a merged unit's tasks
 * change owner, and their version moves on so a move prepared against the old owner is refused.
 */
export const CATALOGUE_KIND = 'catalogue';

export function applyCatalogueChange(plan: PlanRecord, change: CatalogueChange): void {
  const next = changeCatalogue(plan, change);
  plan.areas = next.areas;
  plan.units = next.units;
  plan.version++;
  if (change.type !== 'MERGE_UNITS') return;
  for (const id of plan.taskIds) {
    const task = plan.tasks[id];
    const before = task.machine.context.ownerUnitId;
    const units = remapTaskUnits(before, task.coordinatingUnitIds, next.unitMap);
    const changed = units.ownerUnitId !== before || units.coordinatingUnitIds.join() !== task.coordinatingUnitIds.join();
    if (!changed) continue;
    task.coordinatingUnitIds = units.coordinatingUnitIds;
    task.machine = { ...task.machine, context: { ...task.machine.context, ownerUnitId: units.ownerUnitId } };
    task.version++;
  }
}

registerApplier(CATALOGUE_KIND, (plan, entry) => applyCatalogueChange(plan, { type: entry.type, ...entry.payload } as CatalogueChange));
registerPayloadSchema(CATALOGUE_KIND, CatalogueChangeBody);
