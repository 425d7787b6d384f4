/**
 * Milliseconds to wait according to an HTTP `Retry-After` header: either delay-seconds
 * (`"120"`) or an HTTP date (`"Wed, 21 Oct 2026 07:28:00 GMT"`), measured from `nowMs`.
 * Returns `undefined` when the header is absent or unreadable, and 0 for dates in the past.
 *
 * @example
 * ```ts
 * parseRetryAfter('3', Date.now()); // 3000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('2026-10-21T07:27:30Z')); // 30000
 * ```
 */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Only dates that name a weekday or month: Date.parse would accept "5.5" as a year.
  if (!/[A-Za-z]{3}/.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
