import { Hono } from 'hono';
import { PlanEventBody } from '../../machines/api';
import type { AppEnv, Deps } from '../http/context';
import { readBody } from '../http/respond';
import { planDetail, planSummary, progressOf } from '../engine/views';

/** Plans, their progress, and plan-level events (issue, close, amendments). */
export function planRoutes({ engine }: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json(engine.listPlans().map((p) => planSummary(p, engine.clock()))));
  app.get('/:planId', (c) => c.json(planDetail(engine.getPlan(c.req.param('planId')), c.get('actor'), engine.clock())));
  app.get('/:planId/progress', (c) => c.json(progressOf(engine.getPlan(c.req.param('planId')), engine.clock())));
  app.post('/:planId/events', async (c) => {
    const body = await readBody(c, PlanEventBody);
    const plan = await engine.sendPlanEvent(c.req.param('planId'), c.get('actor'), body);
    return c.json({ plan: planDetail(plan, c.get('actor'), engine.clock()) });
  });
  return app;
}
