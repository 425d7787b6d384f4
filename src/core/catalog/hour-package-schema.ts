import { z } from 'zod';

const hours = z.number({ error: 'expected a number of hours' }).positive({ error: 'expected hours > 0' });
const money = z.number({ error: 'expected an amount of money' }).nonnegative({ error: 'expected an amount >= 0' });

/** A prepayment discount: `percent` off when the client prepays more than `moreThanMonths` months. */
export const prepaymentDiscountSchema = z
  .object({
    moreThanMonths: z.number().int().nonnegative(),
    percent: z.number().positive().max(100, { error: 'expected a percent <= 100' }),
  })
  .strict();

/**
 * The hour part of a tariff.
 * - `monthly`: `includedHours` a month; what is unused burns at month end.
 * - `unlimited`: no hour limit.
 * - `bank`: `bankHours` prepaid once, carried over until spent; work beyond it is overage.
 */
export const hourPackageSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('monthly'),
      includedHours: hours,
      minimumTermMonths: z.number().int().positive().optional(),
      prepaymentDiscounts: z.array(prepaymentDiscountSchema).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('unlimited'),
      minimumTermMonths: z.number().int().positive().optional(),
      prepaymentDiscounts: z.array(prepaymentDiscountSchema).optional(),
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
    /** Surcharge in percent on hours worked outside the service schedule. */
    offHoursSurchargePercent: z.number().nonnegative().optional(),
  })
  .strict();

export type HourPackage = z.infer<typeof hourPackageSchema>;
export type TariffPrices = z.infer<typeof tariffPricesSchema>;
