import { z } from 'zod';

/**
 * A tariff's customer-satisfaction (CSAT) target for a month: the share of satisfied responses
 * (4–5 of 5) and/or the average rating it must reach. With fewer than `minimumResponses` responses
 * the month is not judged (too few to say).
 *
 * @example
 * csatTargetSchema.parse({ satisfiedPercent: 85, minimumResponses: 3 });
 */
export const csatTargetSchema = z
  .object({
    /** Satisfied responses (4 or 5) at least this percent of the month's responses. */
    satisfiedPercent: z
      .number({ error: 'expected a percent' })
      .positive({ error: 'expected a percent > 0' })
      .max(100, { error: 'expected a percent <= 100' })
      .optional(),
    /** Average rating at least this (1–5). */
    averageScore: z
      .number({ error: 'expected a rating from 1 to 5' })
      .min(1, { error: 'expected a rating from 1 to 5' })
      .max(5, { error: 'expected a rating from 1 to 5' })
      .optional(),
    /** Responses needed before the month is judged; 1 when omitted. */
    minimumResponses: z
      .number({ error: 'expected a whole number >= 1' })
      .int({ error: 'expected a whole number >= 1' })
      .positive({ error: 'expected a whole number >= 1' })
      .max(1_000_000)
      .optional(),
  })
  .strict()
  .refine((target) => target.satisfiedPercent !== undefined || target.averageScore !== undefined, {
    message: 'a CSAT target needs "satisfiedPercent" (e.g. 85) or "averageScore" (e.g. 4.5), or both',
  });

export type CsatTarget = z.infer<typeof csatTargetSchema>;
