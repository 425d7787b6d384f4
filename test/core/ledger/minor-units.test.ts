import { roundedRatio, scaledPercent, toMinorUnits, PERCENT_SCALE } from '../../../src/core/ledger/minor-units';

describe('exact money in minor units', () => {
  test('A catalog price becomes whole kopecks, including prices with kopecks', () => {
    expect(toMinorUnits(2500)).toBe(250_000);
    expect(toMinorUnits(2500.5)).toBe(250_050);
    expect(toMinorUnits(0.1 + 0.2)).toBe(30);
  });

  test('Hours at a rate are rounded once, half away from zero, from the exact fraction', () => {
    // 1 s at 3 000,00 ₽/h is 83.33… kopecks.
    expect(roundedRatio([1, 300_000], 3_600)).toBe(83);
    // 1.5 s at 1 ₽/h = 0.041666… kopecks → 0; 21.6 s at 0,25 ₽/h = 0.15 → 0; 18 s at 1 ₽/h = 0.5 kopeck → 1.
    expect(roundedRatio([18, 100], 3_600)).toBe(1);
    expect(roundedRatio([-18, 100], 3_600)).toBe(-1);
    expect(roundedRatio([17, 100], 3_600)).toBe(0);
  });

  test('Products beyond 2^53 stay exact', () => {
    // 1e9 seconds at 99 999 999,99 ₽/h: the product exceeds Number.MAX_SAFE_INTEGER.
    const seconds = 1_000_000_000;
    const rateMinor = 9_999_999_999;
    expect(roundedRatio([seconds, rateMinor], 3_600)).toBe(
      Number((BigInt(seconds) * BigInt(rateMinor) * 2n + 3_600n) / 7_200n),
    );
  });

  test('A fractional percent is scaled to an integer without loss', () => {
    expect(scaledPercent(7.5)).toBe(7.5 * PERCENT_SCALE);
    // 7,5 % of 1 000,01 ₽ = 75.00075 ₽ → 7 500 kopecks.
    expect(roundedRatio([100_001, scaledPercent(7.5)], 100 * PERCENT_SCALE)).toBe(7_500);
  });

  test('Non-integer factors are refused rather than rounded silently', () => {
    expect(() => roundedRatio([1.5, 2], 3)).toThrow(RangeError);
  });
});
