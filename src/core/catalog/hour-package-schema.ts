import { MAX_PACKAGE_HOURS } from '../errors/input-bounds';
import { moneySchema } from './money-schema';
import { z } from 'zod';

const hours = z
  .number({ error: 'expected a number of hours' })
  .positive({ error: 'expected hours > 0' })
  .max(MAX_PACKAGE_HOURS, { error: `expected at most ${MAX_PACKAGE_HOURS} hours` });

const money = moneySchema;

/** A prepayment discount: `percent` off the monthly fee when the client prepays more than `moreThanMonths` months. */
export const prepaymentDiscountSchema = z
  .object({
    moreThanMonths: z.number().int().nonnegative().max(1200),
    percent: z.number().positive().max(100, { error: 'expected a percent <= 100' }),
  })
  .strict();

const prepaymentDiscountsSchema = z.array(prepaymentDiscountSchema).superRefine((discounts, context) => {
  const seen = new Set<number>();
  discounts.forEach((discount, index) => {
    if (seen.has(discount.moreThanMonths)) {
      context.addIssue({
        code: 'custom',
        path: [index, 'moreThanMonths'],
        message: `two discounts for more than ${discount.moreThanMonths} months: keep one`,
      });
    }
    seen.add(discount.moreThanMonths);
  });
});

/**
 * Minimum term in billing months. A contract that moves to another tariff before it has been
 * billed this many months under the term pays the fee of the months left (see docs/hours-and-billing.md).
 */
const minimumTermMonths = z.number().int().positive().max(1200);

/**
 * The hour part of a tariff.
 * - `monthly`: `includedHours` a month; what is unused burns at month end (an explicit `burn` entry).
 * - `unlimited`: no hour limit; the monthly fee covers all covered work.
 * - `bank`: `bankHours` bought once at `bankPrice` when the term starts; the balance never burns and
 *   carries over month to month (also across tariff changes) until spent; work beyond it is overage.
 *
 * @example
 * hourPackageSchema.parse({ kind: 'monthly', includedHours: 25, minimumTermMonths: 3,
 *   prepaymentDiscounts: [{ moreThanMonths: 6, percent: 5 }, { moreThanMonths: 12, percent: 10 }] });
 */
export const hourPackageSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('monthly'),
      includedHours: hours,
      minimumTermMonths: minimumTermMonths.optional(),
      prepaymentDiscounts: prepaymentDiscountsSchema.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('unlimited'),
      minimumTermMonths: minimumTermMonths.optional(),
      prepaymentDiscounts: prepaymentDiscountsSchema.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('bank'),
      bankHours: hours,
      bankPrice: money.optional(),
    })
    .strict(),
]);

/** Prices of a tariff besides its monthly fee. */
export const tariffPricesSchema = z
  .object({
    /** Monthly fee of the tariff ("from" price of the tier). */
    monthly: money.optional(),
    /** Rate for hours beyond the package (overage) and for billable uncovered requests. */
    hourly: money.optional(),
    /** Price of each incident beyond the daily limit. */
    overLimitIncident: money.optional(),
    /**
     * Surcharge in percent of the hourly rate on hours worked outside the service schedule: a
     * worklog whose instant falls outside the working time of the issue's calendar.
     */
    offHoursSurchargePercent: z.number().nonnegative().max(10_000, { error: 'expected a percent <= 10000' }).optional(),
  })
  .strict();

export type HourPackage = z.infer<typeof hourPackageSchema>;
export type TariffPrices = z.infer<typeof tariffPricesSchema>;
export type PrepaymentDiscount = z.infer<typeof prepaymentDiscountSchema>;
