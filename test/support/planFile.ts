import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPlanFile, type ReferencePlanFile } from '../../seed/referencePlan';

/**
 * A generated plan in the reference format (for SEED_FILE): the reference areas, `units` units
 * named U001…, and `tasks` tasks spread round-robin over them, with no demo history.
 */
export function generatePlanFile(opts: { units: number; tasks: number; year?: number }): string {
  const reference = readPlanFile();
  const units = Array.from({ length: opts.units }, (_, i) => {
    const code = `U${String(i + 1).padStart(3, '0')}`;
    return { code, name: `Phòng thử nghiệm ${code}` };
  });
  const file: ReferencePlanFile = {
    agency: reference.agency,
    plan: { ...reference.plan, year: opts.year ?? 2026 },
    areas: reference.areas,
    units,
    tasks: Array.from({ length: opts.tasks }, (_, i) => {
      const area = reference.areas[i % reference.areas.length];
      return {
        code: `${area.code}.${Math.floor(i / reference.areas.length) + 1}`,
        areaCode: area.code,
        title: `Nhiệm vụ thử nghiệm số ${i + 1}`,
        ownerUnit: units[i % units.length].code,
        coordinatingUnits: [],
        output: 'Báo cáo kết quả',
        deadline: `2026-${String((i % 12) + 1).padStart(2, '0')}-28`,
      };
    }),
    demoHistory: [],
  };
  const path = join(mkdtempSync(join(tmpdir(), 'tiendo-plan-')), 'plan.json');
  writeFileSync(path, JSON.stringify(file));
  return path;
}

/** The generated task ids owned by a unit, given how generatePlanFile spreads them. */
export function generatedTaskIds(path: string): Array<{ id: string; unit: string }> {
  const file = readPlanFile(path);
  const planId = `${file.agency.code.toLowerCase()}-${file.plan.year}`;
  return file.tasks.map((t) => ({ id: `${planId}-${t.code}`, unit: t.ownerUnit }));
}
