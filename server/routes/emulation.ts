import { Hono } from 'hono';
import { eventsTouching } from '../../machines/task';
import { isDoneMove, weeklyTrend, type TrendEntry } from '../../machines/trend';
import { localDate } from '../../machines/dates';
import type { AppEnv, Deps } from '../http/context';
import { emulationOf, taskFacts } from '../reports/planFacts';
import { resolvePlan } from './plans';

/** The only entries the trend opens: task events the machine lets move a task into or out of done. */
const DONE_MOVES = { kinds: ['task'], types: eventsTouching('done') };

/**
 * Year close and the dashboard's history-derived figures: GET /api/plans/:planId/emulation (each
 * unit's verdict, final once closed) and GET /api/plans/:planId/trend?asOf= (weekly done vs due).
 */
export function emulationRoutes({ engine }: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/:planId/emulation', async (c) => {
    const { plan } = await resolvePlan(engine, c.req.param('planId'), c.req.query('asOf'));
    return c.json(emulationOf(plan));
  });
  app.get('/:planId/trend', async (c) => {
    const asOf = c.req.query('asOf');
    const { plan, now } = await resolvePlan(engine, c.req.param('planId'), asOf);
    const until = asOf ?? localDate(now);
    const tasks = plan.taskIds.map((id) => taskFacts(plan, id));
    // Page by page, keeping only the moves the trend reads: a long history is never all in memory.
    const moves: TrendEntry[] = [];
    for await (const page of engine.planPages(plan.id, undefined, DONE_MOVES)) for (const e of page) if (isDoneMove(e)) moves.push(e);
    return c.json(weeklyTrend(plan.year, tasks, moves, until));
  });
  return app;
}
