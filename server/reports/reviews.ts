import type { Directive, Review } from '../../machines/api';
import type { Engine } from '../engine/engine';
import type { Decided } from '../engine/decide/refusal';
import { by } from '../engine/decide/refusal';
import type { Actor } from '../../machines/roles';
import type { LogEntry } from '../store/entries';
import { REVIEW_KIND } from './reviewKind';

/** Reviews read back from their streams in the log: the created content, then its directives. */
export async function reviewOf(engine: Engine, id: string): Promise<Review | undefined> {
  let review: Review | undefined;
  for (const entry of await engine.streamEvents(REVIEW_KIND, id)) {
    if (entry.type === 'REVIEW_CREATED') review = structuredClone(entry.payload!.review as Review);
    else if (review && entry.type === 'DIRECTIVE_ADDED') review.directives.push(entry.payload!.directive as Directive);
  }
  return review;
}

export async function reviewsOf(engine: Engine, planId: string): Promise<Review[]> {
  const created: LogEntry[] = [];
  for await (const page of engine.planPages(planId, undefined, { kinds: [REVIEW_KIND], types: ['REVIEW_CREATED'] })) created.push(...page);
  return Promise.all(created.map(async (e) => (await reviewOf(engine, e.streamId!))!));
}

/** One entry on the review's stream; the engine expects the stream at the version it has seen. */
export function reviewEntry(review: Pick<Review, 'id' | 'planId'>, type: 'REVIEW_CREATED' | 'DIRECTIVE_ADDED', actor: Actor, at: string, payload: Record<string, unknown>): Decided {
  return {
    ok: true,
    entries: [{
      at, kind: REVIEW_KIND, planId: review.planId, streamId: review.id, type, by: by(actor),
      from: type === 'REVIEW_CREATED' ? '' : 'open', to: 'open', mv: 1, payload,
    }],
  };
}
