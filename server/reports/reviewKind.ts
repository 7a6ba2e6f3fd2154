import { z } from 'zod';
import { registerApplier } from '../engine/apply';
import { registerPayloadSchema } from '../store/entries';

/**
 * The `review` stream kind: REVIEW_CREATED carries the review's frozen content; DIRECTIVE_ADDED one
 * directive. Reviews change nothing in their plan's state, so the applier does nothing: they are
 * read back from their own stream (server/reports/reviews.ts). Registered from server/engine/kinds.ts.
 */
export const REVIEW_KIND = 'review';

registerApplier(REVIEW_KIND, () => undefined);

registerPayloadSchema(
  REVIEW_KIND,
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('REVIEW_CREATED'),
      review: z.looseObject({ id: z.string(), planId: z.string(), asOf: z.string(), progress: z.looseObject({}), directives: z.array(z.unknown()) }),
    }),
    z.object({ type: z.literal('DIRECTIVE_ADDED'), directive: z.looseObject({ id: z.string(), text: z.string() }) }),
  ]),
);
