import { z } from 'zod';
import { CLOCK_NAMES } from './clock-names';
import { moneySchema } from './money-schema';

/** Credits and caps are money like every price: bounded and in whole kopecks. */
const amountSchema = moneySchema;
const percentOfFeeSchema = z
  .number({ error: 'expected a percent of the monthly fee' })
  .positive({ error: 'expected a percent > 0' })
  .max(100, { error: 'expected a percent <= 100' });

const exactlyOne = (value: { amount?: number; percentOfFee?: number }): boolean =>
  (value.amount === undefined) !== (value.percentOfFee === undefined);
const EXACTLY_ONE = 'set exactly one of "amount" (a fixed sum) or "percentOfFee" (a percent of the monthly fee)';

/**
 * One credit rule: which breaches it applies to (clocks, priorities, request types — each "any"
 * when omitted) and what each such breach credits: a fixed `amount` or `percentOfFee` of the
 * tariff's monthly fee. A breach takes the first rule that matches it, so list specific rules first.
 */
export const serviceCreditRuleSchema = z
  .object({
    clocks: z.array(z.enum(CLOCK_NAMES)).min(1).optional(),
    priorities: z.array(z.string().min(1)).min(1).optional(),
    requestTypes: z.array(z.string().min(1)).min(1).optional(),
    amount: amountSchema.optional(),
    percentOfFee: percentOfFeeSchema.optional(),
  })
  .strict()
  .refine(exactlyOne, { message: EXACTLY_ONE });

/**
 * Service credits of a tariff: what each breached clock costs the provider, credited against the
 * month's bill. `graceBreaches` creditable breaches of each month are free (first come, first
 * served); `monthlyCap` limits the month's credits to a fixed amount or a percent of the fee.
 *
 * @example
 * serviceCreditsSchema.parse({
 *   rules: [{ clocks: ['resolution'], priorities: ['critical'], percentOfFee: 5 }, { amount: 2000 }],
 *   graceBreaches: 1,
 *   monthlyCap: { percentOfFee: 15 },
 * });
 */
export const serviceCreditsSchema = z
  .object({
    rules: z
      .array(serviceCreditRuleSchema)
      .min(1, { error: 'list at least one rule, e.g. [{ clocks: [resolution], amount: 2000 }]' }),
    graceBreaches: z
      .number({ error: 'expected a whole number of breaches' })
      .int({ error: 'expected a whole number of breaches' })
      .nonnegative({ error: 'expected breaches >= 0' })
      .max(10_000)
      .optional(),
    monthlyCap: z
      .object({ amount: amountSchema.optional(), percentOfFee: percentOfFeeSchema.optional() })
      .strict()
      .refine(exactlyOne, { message: EXACTLY_ONE })
      .optional(),
  })
  .strict();

export type ServiceCredits = z.infer<typeof serviceCreditsSchema>;
export type ServiceCreditRule = z.infer<typeof serviceCreditRuleSchema>;
