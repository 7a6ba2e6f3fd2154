import { Hono } from 'hono';
import { catalogueProblem, CatalogueChangeBody } from '../../machines/catalogue';
import { PLAN_STATUS_LABELS } from '../../machines/labels';
import type { AppEnv, Deps } from '../http/context';
import { readBody } from '../http/respond';
import { requireRole } from '../http/roles';
import { by, refuse } from '../engine/decide/refusal';
import { planDetail } from '../engine/views';
import { CATALOGUE_KIND } from '../reports/catalogueKind';

/**
 * POST /api/plans/:planId/catalogue `{"type": "RENAME_UNIT"|"MERGE_UNITS"|"RENAME_AREA", …}` →
 * `200 {"plan"}`: areas and units edited as data (leader, coordinator; not once the plan is closed).
 */
export function catalogueRoutes({ engine }: Deps) {
  const app = new Hono<AppEnv>();
  app.post('/:planId/catalogue', async (c) => {
    requireRole(c, ['leader', 'coordinator'], 'sửa danh mục đơn vị, lĩnh vực');
    const change = await readBody(c, CatalogueChangeBody);
    const actor = c.get('actor');
    const planId = engine.getPlan(c.req.param('planId')).id;
    const answer = await engine.execute(() => {
      const plan = engine.getPlan(planId);
      const status = plan.machine.value;
      if (status === 'closed') {
        return refuse('transition_not_allowed', `Kế hoạch đang ở trạng thái «${PLAN_STATUS_LABELS[status]}», không sửa được danh mục.`, { allowed: [] });
      }
      const problem = catalogueProblem(plan, change);
      if (problem) return refuse('bad_request', problem);
      const { type, ...payload } = change;
      return {
        ok: true,
        entries: [{ at: engine.now(), kind: CATALOGUE_KIND, planId, streamId: planId, type, by: by(actor), from: status, to: status, mv: 1, payload }],
      };
    }, { answer: (plan) => ({ plan: planDetail(plan, actor, engine.clock()) }) });
    return c.json(answer);
  });
  return app;
}
