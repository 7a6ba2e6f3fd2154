import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { PlanDefinition } from '../engine/records';
import { AppError } from '../errors';
import type { AppEnv, Deps } from '../http/context';
import { errorBody } from '../http/respond';
import { requireRole } from '../http/roles';
import { planDetail } from '../engine/views';
import { validateRows } from '../reports/importRows';
import { readImportFile } from '../reports/importWorkbook';
import { DEFAULT_PERCENT_RULE } from '../../machines/percent';
import { localDate } from '../../machines/dates';
import { ParseGate } from '../office/parseGate';

/** An import file may be far larger than a JSON body (64 KB): 500 rows is ~40 KB, allow 5 MB. */
export const IMPORT_LIMIT_BYTES = 5 * 1024 * 1024;
export const IMPORT_PATH = '/api/plans/import';

/**
 * Import bodies held in memory at once (each up to 5 MB, copied a few times on its way to bytes);
 * one more is refused with 429 and Retry-After. Parsing itself then waits for the instance's office
 * parse gate (server/office/parseGate.ts), shared with every other reader of office files.
 */
export const IMPORT_UPLOADS = new ParseGate(4, 0);

/**
 * POST /api/plans/import: a plan from the template's .xlsx, as a draft. The areas and units are
 * those of the latest plan; unknown ones are refused and listed unless `createUnknown=true`.
 */
export function importRoutes({ engine }: Deps) {
  const app = new Hono<AppEnv>();
  app.post(
    '/plans/import',
    bodyLimit({
      maxSize: IMPORT_LIMIT_BYTES,
      onError: (c) => c.json(errorBody('payload_too_large', 'Tệp nhập vượt quá 5 MB.'), 413),
    }),
    async (c) => {
      requireRole(c, ['leader', 'coordinator'], 'nhập kế hoạch từ tệp Excel');
      const release = await IMPORT_UPLOADS.enter();
      try {
        return await importPlan(c);
      } finally {
        release();
      }
    },
  );

  async function importPlan(c: Context<AppEnv>) {
    let form: Record<string, string | File>;
    try {
      form = (await c.req.parseBody()) as Record<string, string | File>;
    } catch {
      throw new AppError('bad_request', 'Gửi tệp bằng biểu mẫu multipart/form-data, trường «file».');
    }
    const file = form.file;
    if (!(file instanceof File)) throw new AppError('bad_request', 'Chưa chọn tệp Excel (.xlsx) để nhập (trường «file»).');
    const base = [...engine.listPlans()].sort((a, b) => b.year - a.year)[0];
    if (!base) throw new AppError('bad_request', 'Chưa có kế hoạch nào để lấy danh mục lĩnh vực và đơn vị.');
    const year = form.year ? Number(form.year) : Number(localDate(engine.clock()).slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError('bad_request', 'Năm kế hoạch (year) phải từ 2000 đến 2100.');

    const read = await readImportFile(await file.arrayBuffer());
    const outcome = read.ok
      ? validateRows(read.rows, base, form.createUnknown === 'true')
      : { ok: false as const, rows: read.rows, unknownUnits: [], unknownAreas: [] };
    if (!outcome.ok) {
      const { rows, unknownUnits, unknownAreas } = outcome;
      const first = rows[0];
      throw new AppError(
        'bad_request',
        `Tệp có ${rows.length} lỗi, chưa nhập nhiệm vụ nào. Dòng ${first.row}, cột «${first.column}»: ${first.message}`,
        { rows, unknownUnits, unknownAreas },
      );
    }
    let id = `${base.agency.code.toLowerCase()}-${year}`;
    for (let n = 2; engine.listPlans().some((p) => p.id === id); n++) id = `${base.agency.code.toLowerCase()}-${year}-${n}`;
    const title = typeof form.title === 'string' && form.title.trim() ? form.title.trim().slice(0, 300) : `Kế hoạch cải cách hành chính năm ${year}`;
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
