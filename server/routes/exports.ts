import { Hono, type Context } from 'hono';
import { periodOf } from '../../machines/periods';
import type { AppEnv, Deps } from '../http/context';
import { planDetail, progressOf } from '../engine/views';
import { emulationOf } from '../reports/planFacts';
import { planWorkbook, reviewWorkbook, XLSX_TYPE } from '../reports/planWorkbook';
import { templateWorkbook } from '../reports/importWorkbook';
import { reviewOr404 } from './reviews';

export function xlsx(c: Context, body: Uint8Array, filename: string) {
  return c.body(body as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': XLSX_TYPE,
    // ASCII fallback plus the UTF-8 name (RFC 6266), so Vietnamese file names survive.
    'Content-Disposition': `attachment; filename="${filename.normalize('NFD').replace(/[^\x20-\x7e]/g, '')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
  });
}

/** Excel exports of a plan and of a review, and the empty import template; readable by everyone. */
export function exportRoutes({ engine }: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/plans/:planId/export.xlsx', async (c) => {
    const plan = engine.getPlan(c.req.param('planId'));
    const now = engine.clock();
    const body = await planWorkbook(planDetail(plan, c.get('actor'), now, true), progressOf(plan, now), emulationOf(plan));
    return xlsx(c, body, `ke-hoach-${plan.id}.xlsx`);
  });
  app.get('/reviews/:id/export.xlsx', async (c) => {
    const review = await reviewOr404(engine, c.req.param('id'));
    const plan = engine.getPlan(review.planId);
    const detail = planDetail(plan, c.get('actor'), engine.clock(), true);
    const body = await reviewWorkbook(review, detail, periodOf(review.period, review.year).label);
    return xlsx(c, body, `ra-soat-${review.id}.xlsx`);
  });
  app.get('/import/template.xlsx', async (c) => xlsx(c, await templateWorkbook(), 'mau-nhap-ke-hoach.xlsx'));
  return app;
}
