import { NOTIFICATION_KIND } from '../notifications/kind';
import { Hono } from 'hono';
import { PlanEventBody } from '../../machines/api';
import type { AppEnv, Deps } from '../http/context';
import { requestKey } from '../http/idempotency';
import { readBody } from '../http/respond';
import { historyView, planDetail, planSummary, progressOf } from '../engine/views';
import type { Engine } from '../engine/engine';
import type { PlanRecord } from '../engine/records';
import { isIsoDate } from '../../machines/dates';
import { AppError } from '../errors';

/**
 * The plan now, or with `?asOf=YYYY-MM-DD` as it stood at the end of that (agency-local) day,
 * rebuilt from history, with "now" at that day's end so overdue counts are as of then.
 */
export async function resolvePlan(engine: Engine, planId: string, asOf: string | undefined): Promise<{ plan: PlanRecord; now: Date; past: boolean }> {
  const current = engine.getPlan(planId);
  if (asOf === undefined) return { plan: current, now: engine.clock(), past: false };
  if (!isIsoDate(asOf)) throw new AppError('bad_request', `Tham số asOf phải là ngày dạng YYYY-MM-DD (nhận được «${asOf}»).`);
  const plan = await engine.planAsOf(planId, asOf);
  if (!plan) throw new AppError('not_found', `Kế hoạch chưa được lập vào ngày ${asOf}.`);
  return { plan, now: new Date(Date.parse(`${asOf}T23:59:59.999+07:00`)), past: true };
}

/** Plans, their progress and history, and plan-level events (issue, close, amendments). */
export function planRoutes({ engine }: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json(engine.listPlans().map((p) => planSummary(p, engine.clock()))));
  app.get('/:planId', async (c) => {
    const { plan, now, past } = await resolvePlan(engine, c.req.param('planId'), c.req.query('asOf'));
    return c.json(planDetail(plan, c.get('actor'), now, past));
  });
  app.get('/:planId/progress', async (c) => {
    const { plan, now } = await resolvePlan(engine, c.req.param('planId'), c.req.query('asOf'));
    return c.json(progressOf(plan, now));
  });
  // Notifications are their recipients' own (routes/notifications.ts), not part of the plan's public history.
  app.get('/:planId/history', async (c) =>
    c.json((await engine.planEvents(c.req.param('planId'))).filter((e) => e.kind !== NOTIFICATION_KIND).map(historyView)),
  );
  app.post('/:planId/events', async (c) => {
    const body = await readBody(c, PlanEventBody);
    const planId = c.req.param('planId');
    const actor = c.get('actor');
    const answer = await engine.sendPlanEvent(planId, actor, body, engine.now(), {
      idem: requestKey(c, { kind: 'plan', id: planId }),
      answer: (plan) => ({ plan: planDetail(plan, actor, engine.clock()) }),
    });
    return c.json(answer);
  });
  return app;
}
