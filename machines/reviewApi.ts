import { z } from 'zod';
import { isoDate, text } from './api';
import { PERIOD_CODES } from './periods';

/**
 * Request schemas of the review routes (API.md "Reporting periods and reviews"). Apart from
 * machines/api.ts so the board's bundle does not carry the period table.
 */
export const CreateReviewBody = z.object({
  period: z.enum(PERIOD_CODES),
  year: z.number().int().min(2000).max(2100).optional(),
});

export const DirectiveBody = z.object({
  text: text(2000),
  unitId: text(100).optional(),
  deadline: isoDate.optional(),
});
export type DirectiveBody = z.infer<typeof DirectiveBody>;
