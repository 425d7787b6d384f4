import type { HourPackage } from '../catalog/hour-package-schema';

/**
 * The prepayment discount a package grants for `prepaidMonths`: the largest percent among its
 * discounts whose threshold is strictly exceeded ("more than 6 months": 7 or more). Zero when none
 * applies or the package has no discounts.
 *
 * @example
 * prepaymentDiscountPercent({ kind: 'monthly', includedHours: 25,
 *   prepaymentDiscounts: [{ moreThanMonths: 6, percent: 5 }, { moreThanMonths: 12, percent: 10 }] }, 12); // 5
 */
export function prepaymentDiscountPercent(
  hourPackage: HourPackage | undefined,
  prepaidMonths: number | undefined,
): number {
  if (!hourPackage || hourPackage.kind === 'bank' || prepaidMonths === undefined) return 0;
  let best = 0;
  for (const discount of hourPackage.prepaymentDiscounts ?? []) {
    if (prepaidMonths > discount.moreThanMonths && discount.percent > best) best = discount.percent;
  }
  return best;
}
