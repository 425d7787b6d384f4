import fc from 'fast-check';
import { RETRY_AFTER_CAP_MS, parseRetryAfter } from '../../src/http/retry-after';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-20T10:00:00Z');

  it('reads delay-seconds, whole or with a fraction, as milliseconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('0.0004', now)).toBe(0);
  });

  it('reads an HTTP date against the injected clock and never goes negative', () => {
    expect(parseRetryAfter('Fri, 20 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('Friday, 20-Nov-26 10:00:30 GMT', now)).toBe(30_000);
  });

  it('caps absurd waits, in seconds or as dates', () => {
    expect(parseRetryAfter('99999999999999999999', now)).toBe(RETRY_AFTER_CAP_MS);
    expect(parseRetryAfter('Fri, 20 Nov 2099 10:00:00 GMT', now)).toBe(RETRY_AFTER_CAP_MS);
    expect(parseRetryAfter('7200', now, 60_000)).toBe(60_000);
  });

  it('ignores absent or unreadable values', () => {
    for (const header of [undefined, null, '', 'soon', '-3', '1e3', '.5', 'NaN', 'Infinity']) {
      expect(parseRetryAfter(header, now)).toBeUndefined();
    }
  });

  it('always answers undefined or a whole number of milliseconds within [0, cap]', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 4_000_000_000_000 }), (header, nowMs) => {
        const waitMs = parseRetryAfter(header, nowMs);
        return waitMs === undefined || (Number.isInteger(waitMs) && waitMs >= 0 && waitMs <= RETRY_AFTER_CAP_MS);
      }),
      { seed: 20261120, numRuns: 500 },
    );
  });
});
