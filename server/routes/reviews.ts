import { Hono } from 'hono';
import type { Directive, Review } from '../../machines/api';
import { CreateReviewBody, DirectiveBody } from '../../machines/reviewApi';
import { periodOf, reviewAsOf } from '../../machines/periods';
import { buildReviewContent, endOfLocalDay } from '../../machines/review';
import { AppError } from '../errors';
import type { AppEnv, Deps } from '../http/context';
import { readBody } from '../http/respond';
import { requireRole } from '../http/roles';
import { planDetail } from '../engine/views';
import { refuse } from '../engine/decide/refusal';
import type { Engine } from '../engine/engine';
import { reviewEntry, reviewOf, reviewsOf } from '../reports/reviews';

const REVIEWERS = ['coordinator', 'leader'] as const;

/**
 * Quarterly reviews, stored through the log as `review` streams: frozen from history when created,
 * then only directives are added. Decisions run inside engine.execute, so a race (two reviews of
 * one plan at once, another instance) decides again against what the log holds.
 */
export function reviewRoutes({ engine }: Deps) {
  const app = new Hono<AppEnv>();

  app.post('/plans/:planId/reviews', async (c) => {
    requireRole(c, REVIEWERS, 'lập kỳ rà soát');
    const body = await readBody(c, CreateReviewBody);
    const actor = c.get('actor');
    let review: Review | undefined;
    // Reads history (the plan as of then, the reviews so far) before deciding: execute decides
    // again if anything was applied meanwhile.
    await engine.execute(async () => {
      const current = engine.getPlan(c.req.param('planId'));
      const period = periodOf(body.period, body.year ?? current.year);
      const asOf = reviewAsOf(period, engine.clock());
      const past = await engine.planAsOf(current.id, asOf);
      if (!past) return refuse('bad_request', `Kế hoạch chưa được lập vào ngày ${asOf}, không có số liệu để rà soát ${period.label}.`);
      // The tasks as a read-only view at the end of asOf: overdue judged then, no moves offered.
      const tasks = planDetail(past, actor, endOfLocalDay(asOf), true).tasks;
      const content = buildReviewContent(tasks, asOf, { areaIds: past.areas.map((a) => a.id), unitIds: past.units.map((u) => u.id) });
      review = {
        id: `${current.id}-${period.code}-${period.year}-${(await reviewsOf(engine, current.id)).length + 1}`,
        planId: current.id, period: period.code, year: period.year, from: period.from, to: period.to, asOf,
        createdAt: engine.now(), createdBy: { id: actor.id, username: actor.username },
        ...content,
        directives: [],
      };
      return reviewEntry(review, 'REVIEW_CREATED', actor, review.createdAt, { review });
    });
    return c.json({ review }, 201);
  });

  app.get('/plans/:planId/reviews', async (c) => c.json(await reviewsOf(engine, engine.getPlan(c.req.param('planId')).id)));

  app.get('/reviews/:id', async (c) => c.json(await reviewOr404(engine, c.req.param('id'))));

  app.post('/reviews/:id/directives', async (c) => {
    requireRole(c, REVIEWERS, 'ghi chỉ đạo, chấn chỉnh');
    await reviewOr404(engine, c.req.param('id'));
    const body = await readBody(c, DirectiveBody);
    const actor = c.get('actor');
    let directive: Directive | undefined;
    await engine.execute(async () => {
      const review = await reviewOr404(engine, c.req.param('id'));
      if (body.unitId && !engine.getPlan(review.planId).units.some((u) => u.id === body.unitId)) {
        return refuse('bad_request', `Đơn vị «${body.unitId}» không có trong kế hoạch.`);
      }
      directive = {
        id: `${review.id}-d${review.directives.length + 1}`,
        text: body.text,
        ...(body.unitId ? { unitId: body.unitId } : {}),
        ...(body.deadline ? { deadline: body.deadline } : {}),
        at: engine.now(),
        by: { id: actor.id, username: actor.username },
      };
      return reviewEntry(review, 'DIRECTIVE_ADDED', actor, directive.at, { directive });
    });
    return c.json({ directive }, 201);
  });
  return app;
}

export async function reviewOr404(engine: Engine, id: string): Promise<Review> {
  const review = await reviewOf(engine, id);
  if (!review) throw new AppError('not_found', `Không tìm thấy kỳ rà soát «${id}».`);
  return review;
}
