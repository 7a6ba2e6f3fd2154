import { Hono } from 'hono';
import { periodsOf } from '../../machines/periods';
import { localDate } from '../../machines/dates';
import { AppError } from '../errors';
import type { AppEnv } from '../http/context';

/** GET /api/periods?year=2026: the reporting windows of a year (this year's by default). */
export function periodRoutes(clock: () => Date) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    const raw = c.req.query('year');
    const year = raw === undefined ? Number(localDate(clock()).slice(0, 4)) : Number(raw);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw new AppError('bad_request', `Tham số year phải là năm từ 2000 đến 2100 (nhận được «${raw}»).`);
    }
    return c.json(periodsOf(year));
  });
  return app;
}
