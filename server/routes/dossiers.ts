import { Hono } from 'hono';
import { DOSSIER_PERIODS, type DossierPeriod } from '../../machines/dossiers';
import { DossierBody } from '../../machines/parApi';
import { decideDossier, dossierKeyOf } from '../engine/decide/par';
import { planOfYear } from '../engine/par/lookup';
import { dossierReport, dossierRows } from '../engine/par/views';
import { AppError } from '../errors';
import type { AppEnv, Deps } from '../http/context';
import { readBody } from '../http/respond';

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
  return app;
}
