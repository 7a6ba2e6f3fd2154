import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PERCENT_RULE } from '../machines/percent';
import type { TaskEventType } from '../machines/task';
import type { PlanDefinition } from '../server/engine/records';

/** The reference plan file's shape (seed/reference-plan-2026.json; also what SEED_FILE may name). */
export interface ReferencePlanFile {
  agency: { code: string; name: string };
  plan: { year: number; title: string; decisionNo: string; issuedOn: string };
  areas: Array<{ code: string; name: string }>;
  units: Array<{ code: string; name: string }>;
  tasks: Array<{
    code: string;
    areaCode: string;
    title: string;
    ownerUnit: string;
    coordinatingUnits: string[];
    output: string;
    deadline: string;
  }>;
  demoHistory?: Array<{ task: string; type: TaskEventType; at: string; by: string; evidence?: string; reason?: string }>;
}

export const REFERENCE_PLAN_PATH = fileURLToPath(new URL('./reference-plan-2026.json', import.meta.url));

export function readPlanFile(path = REFERENCE_PLAN_PATH): ReferencePlanFile {
  return JSON.parse(readFileSync(path, 'utf8')) as ReferencePlanFile;
}

export const planIdOf = (file: ReferencePlanFile) => `${file.agency.code.toLowerCase()}-${file.plan.year}`;
export const areaIdOf = (code: string) => `area-${code}`;
export const taskIdOf = (planId: string, code: string) => `${planId}-${code}`;

/** Units keep their codes as ids: stable, readable, and what the demo accounts are named after. */
export function toPlanDefinition(file: ReferencePlanFile): PlanDefinition {
  const id = planIdOf(file);
  return {
    id,
    year: file.plan.year,
    title: file.plan.title,
    agency: file.agency,
    areas: file.areas.map((a) => ({ id: areaIdOf(a.code), code: a.code, name: a.name })),
    units: file.units.map((u) => ({ id: u.code, code: u.code, name: u.name })),
    tasks: file.tasks.map((t) => ({
      id: taskIdOf(id, t.code),
      areaId: areaIdOf(t.areaCode),
      code: t.code,
      title: t.title,
      ownerUnitId: t.ownerUnit,
      coordinatingUnitIds: t.coordinatingUnits,
      output: t.output,
      deadline: t.deadline,
    })),
    settings: { percentRule: DEFAULT_PERCENT_RULE },
  };
}
