import { Hono, type Context } from 'hono';
import type { PlanDefinition } from '../engine/records';
import { AppError } from '../errors';
import type { AppEnv, Deps } from '../http/context';
import { planDetail } from '../engine/views';
import { validateRows } from '../reports/importRows';
import { readImportFile } from '../reports/importWorkbook';
import { DEFAULT_PERCENT_RULE } from '../../machines/percent';
import { localDate } from '../../machines/dates';
import { rowsRefused, uploadLimit, withUpload, yearField, type Upload } from './uploadForm';

export const IMPORT_PATH = '/api/plans/import';

/**
 * POST /api/plans/import: a plan from the template's .xlsx, as a draft. The areas and units are
 * those of the latest plan; unknown ones are refused and listed unless `createUnknown=true`.
 */
export function importRoutes({ engine }: Deps) {
  const app = new Hono<AppEnv>();
  app.post('/plans/import', uploadLimit, (c) =>
    withUpload(c, ['leader', 'coordinator'], 'nhập kế hoạch từ tệp Excel', (upload) => importPlan(c, upload)),
  );

  async function importPlan(c: Context<AppEnv>, { file, fields }: Upload) {
    const base = [...engine.listPlans()].sort((a, b) => b.year - a.year)[0];
    if (!base) throw new AppError('bad_request', 'Chưa có kế hoạch nào để lấy danh mục lĩnh vực và đơn vị.');
    // No year given: the plan is for the agency's current year.
    const year = yearField(fields.year || localDate(engine.clock()).slice(0, 4));

    const read = await readImportFile(await file.arrayBuffer());
    const outcome = read.ok
      ? validateRows(read.rows, base, fields.createUnknown === 'true')
      : { ok: false as const, rows: read.rows, unknownUnits: [], unknownAreas: [] };
    if (!outcome.ok) throw rowsRefused(outcome.rows, 'nhiệm vụ', { unknownUnits: outcome.unknownUnits, unknownAreas: outcome.unknownAreas });
    let id = `${base.agency.code.toLowerCase()}-${year}`;
    for (let n = 2; engine.listPlans().some((p) => p.id === id); n++) id = `${base.agency.code.toLowerCase()}-${year}-${n}`;
    const title = fields.title?.trim() ? fields.title.trim().slice(0, 300) : `Kế hoạch cải cách hành chính năm ${year}`;
    const definition: PlanDefinition = {
      id, year, title, agency: base.agency, areas: outcome.areas, units: outcome.units,
      tasks: outcome.tasks.map((t) => ({ id: `${id}-${t.code}`, ...t })),
      settings: { ...base.settings, percentRule: base.settings.percentRule ?? DEFAULT_PERCENT_RULE },
    };
    const plan = await engine.createPlan(definition, c.get('actor'));
    return c.json({ plan: planDetail(plan, c.get('actor'), engine.clock()) }, 201);
  }
  return app;
}
