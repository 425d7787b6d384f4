/**
 * Exact money: amounts are integers of the currency's minor unit (kopecks for RUB), so sums never
 * drift. A price from the catalog (2500.5) becomes 250050 once, here; a line item is computed as an
 * exact fraction in BigInt and rounded once, half away from zero (the commercial rounding of
 * Russian invoices), so 0.5 kopeck becomes 1 kopeck and −0.5 kopeck becomes −1.
 */
export const MINOR_PER_MAJOR = 100;

/**
 * A catalog price in minor units.
 *
 * @example
 * toMinorUnits(2500.5); // 250050
 */
export function toMinorUnits(amount: number): number {
  return Math.round(amount * MINOR_PER_MAJOR);
}

/**
 * `product(factors) / divisor`, rounded half away from zero, computed exactly.
 * Factors must be integers (seconds, minor units, percent scaled to an integer).
 *
 * @example
 * roundedRatio([5_400, 280_000], 3_600); // 1.5 h × 2 800,00 ₽ = 420 000 kopecks
 */
export function roundedRatio(factors: readonly number[], divisor: number): number {
  let numerator = 1n;
  for (const factor of factors) {
    if (!Number.isInteger(factor)) throw new RangeError(`roundedRatio needs integers, got ${factor}`);
    numerator *= BigInt(factor);
  }
  if (!Number.isInteger(divisor) || divisor <= 0)
    throw new RangeError(`roundedRatio needs a positive integer divisor, got ${divisor}`);
  const denominator = BigInt(divisor);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (magnitude * 2n + denominator) / (denominator * 2n);
  return Number(negative ? -quotient : quotient);
}

/** A percent as an integer of ten-thousandths, so 7.5 % stays exact in `roundedRatio`. */
export const PERCENT_SCALE = 10_000;

/** `percent × PERCENT_SCALE`, rounded to the scale. */
export function scaledPercent(percent: number): number {
  return Math.round(percent * PERCENT_SCALE);
}

/**
 * An amount of minor units as an exact decimal of the major unit, computed in integers so it never
 * shows an exponent or a binary fraction: 250055 → "2500.55", -5 → "-0.05", 4.3e21 → all its digits.
 *
 * @example
 * minorToDecimal(123456); // "1234.56"
 */
export function minorToDecimal(minor: number): string {
  const units = BigInt(Math.round(minor));
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const scale = BigInt(MINOR_PER_MAJOR);
  const fraction = String(magnitude % scale).padStart(2, '0');
  return `${negative ? '-' : ''}${magnitude / scale}.${fraction}`;
}

/** True when an amount of minor units is exact (a safe integer), so sums of it are too. */
export function isExactMinor(minor: number): boolean {
  return Number.isSafeInteger(minor);
}
