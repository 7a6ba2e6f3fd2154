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
import type { ReviewStore } from '../reports/reviewStore';

const REVIEWERS = ['coordinator', 'leader'] as const;

/** Quarterly reviews: frozen from history at creation, then only directives are added. */
export function reviewRoutes({ engine }: Deps, reviews: ReviewStore) {
  const app = new Hono<AppEnv>();

  app.post('/plans/:planId/reviews', async (c) => {
    requireRole(c, REVIEWERS, 'lập kỳ rà soát');
    const body = await readBody(c, CreateReviewBody);
    const current = engine.getPlan(c.req.param('planId'));
    const period = periodOf(body.period, body.year ?? current.year);
    const asOf = reviewAsOf(period, engine.clock());
    const past = engine.planAsOf(current.id, asOf);
    if (!past) throw new AppError('bad_request', `Kế hoạch chưa được lập vào ngày ${asOf}, không có số liệu để rà soát ${period.label}.`);
    // The tasks as a read-only view at the end of asOf: overdue judged then, no moves offered.
    const tasks = planDetail(past, c.get('actor'), endOfLocalDay(asOf), true).tasks;
    const content = buildReviewContent(tasks, asOf, {
      areaIds: past.areas.map((a) => a.id),
      unitIds: past.units.map((u) => u.id),
    });
    const actor = c.get('actor');
    const review: Review = {
      id: `${current.id}-${period.code}-${period.year}-${reviews.count(current.id) + 1}`,
      planId: current.id,
      period: period.code,
      year: period.year,
      from: period.from,
      to: period.to,
      asOf,
      createdAt: engine.now(),
      createdBy: { id: actor.id, username: actor.username },
      ...content,
      directives: [],
    };
    await reviews.append({ type: 'REVIEW_CREATED', at: review.createdAt, review });
    return c.json({ review }, 201);
  });

  app.get('/plans/:planId/reviews', (c) => {
    const plan = engine.getPlan(c.req.param('planId'));
    return c.json(reviews.list(plan.id));
  });

  app.get('/reviews/:id', (c) => c.json(reviewOr404(reviews, c.req.param('id'))));

  app.post('/reviews/:id/directives', async (c) => {
    requireRole(c, REVIEWERS, 'ghi chỉ đạo, chấn chỉnh');
    const review = reviewOr404(reviews, c.req.param('id'));
    const body = await readBody(c, DirectiveBody);
    const plan = engine.getPlan(review.planId);
    if (body.unitId && !plan.units.some((u) => u.id === body.unitId)) {
      throw new AppError('bad_request', `Đơn vị «${body.unitId}» không có trong kế hoạch.`);
    }
    const actor = c.get('actor');
    const directive: Directive = {
      id: `${review.id}-d${review.directives.length + 1}`,
      text: body.text,
      ...(body.unitId ? { unitId: body.unitId } : {}),
      ...(body.deadline ? { deadline: body.deadline } : {}),
      at: engine.now(),
      by: { id: actor.id, username: actor.username },
    };
    await reviews.append({ type: 'DIRECTIVE_ADDED', at: directive.at, reviewId: review.id, directive });
    return c.json({ directive }, 201);
  });
  return app;
}

export function reviewOr404(reviews: ReviewStore, id: string): Review {
  const review = reviews.get(id);
  if (!review) throw new AppError('not_found', `Không tìm thấy kỳ rà soát «${id}».`);
  return review;
}
