import { Hono } from 'hono';
import { DOSSIER_PERIODS, type DossierPeriod } from '../../machines/dossiers';
import { DossierBody } from '../../machines/parApi';
import { decideDossier, dossierKeyOf } from '../engine/decide/par';
import { planOfYear } from '../engine/par/lookup';
import { dossierReport, dossierRows } from '../engine/par/views';
import { AppError } from '../errors';
import type { AppEnv, Deps } from '../http/context';
import { readBody } from '../http/respond';
import { DOSSIER_IMPORT_HEADERS, DOSSIER_OPTIONAL_HEADERS, validateDossierRows } from '../reports/dossierImportRows';
import { dossierTemplateWorkbook } from '../reports/parWorkbook';
import { readTable } from '../reports/readTable';
import { parMessages as m } from '../engine/par/messages';
import { xlsx } from './exports';
import { rowsRefused, uploadLimit, withUpload, yearField } from './uploadForm';

export const DOSSIER_IMPORT_PATH = '/api/dossiers/import';

/** API.md "Administrative-procedure dossiers": typed rows per period and unit, and their rates. */
export function dossierRoutes({ engine }: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    const rawYear = c.req.query('year');
    const year = rawYear === undefined ? undefined : Number(rawYear);
    if (year !== undefined && !Number.isInteger(year)) throw new AppError('bad_request', 'Năm (year) phải là số nguyên, ví dụ 2026.');
    const period = c.req.query('period');
    if (period !== undefined && !(DOSSIER_PERIODS as readonly string[]).includes(period)) {
      throw new AppError('bad_request', `Kỳ (period) phải là một trong: ${DOSSIER_PERIODS.join(', ')}.`);
    }
    const rows = engine.listPlans().flatMap(dossierRows);
    return c.json(dossierReport(rows, year, period as DossierPeriod | undefined));
  });

  app.post('/', async (c) => {
    const body = await readBody(c, DossierBody);
    const actor = c.get('actor');
    const at = engine.now();
    await engine.execute(() => decideDossier(planOfYear(engine, body.year), actor, body, at));
    const plan = planOfYear(engine, body.year)!;
    const { version: _v, ...row } = plan.dossiers![dossierKeyOf(body)];
    return c.json({ row }, 201);
  });
  app.get('/template.xlsx', async (c) => xlsx(c, await dossierTemplateWorkbook(), 'mau-so-lieu-ho-so-tthc.xlsx'));

  // Rows of a year from the template's .xlsx: every row checked as a typed one, all taken or none.
  app.post('/import', uploadLimit, (c) =>
    withUpload(c, ['coordinator'], 'nhập số liệu hồ sơ thủ tục hành chính', async ({ file, fields }) => {
      const year = yearField(fields.year);
      const plan = planOfYear(engine, year);
      if (!plan) throw new AppError('bad_request', m.noPlanForYear(year), { field: 'year' });
      const read = await readTable<string>(await file.arrayBuffer(), DOSSIER_IMPORT_HEADERS, DOSSIER_OPTIONAL_HEADERS);
      const outcome = read.ok ? validateDossierRows(read.rows, year, plan.units) : read;
      if (!outcome.ok) throw rowsRefused(outcome.rows, 'dòng số liệu');
      const actor = c.get('actor');
      const at = engine.now();
      await engine.execute(() => {
        const entries = [];
        for (const body of outcome.rows) {
          const decided = decideDossier(planOfYear(engine, year), actor, body, at);
          if (!decided.ok) return decided;
          entries.push(...decided.entries);
        }
        return { ok: true, entries };
      });
      const stored = planOfYear(engine, year)!.dossiers!;
      return c.json({ rows: outcome.rows.map((body) => { const { version: _v, ...row } = stored[dossierKeyOf(body)]; return row; }) }, 201);
    }),
  );
  return app;
}
